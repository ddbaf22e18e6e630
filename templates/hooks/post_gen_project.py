"""The cookiecutter post-generation hook: write the answers file copier would have written, make
the project a git repository, then say what's next.

The scripts below are inlined from the collection's hooks/copier_answers.py, hooks/git_init.py
and hooks/next_steps.py by templates/assemble.py (cruft gives a hook no way to find the
collection's files); copier runs the same git script as a task, with the same arguments, and
prints the same message.
"""

import json
import os
import sys

# cruft (which records the template's `_commit`) renders the template again on every update
# to compute a diff: a repository there would be part of that diff. Under cruft, the first
# commit is the user's, with the .cruft.json file cruft writes after this hook.
if {{ "True" if cookiecutter._commit is defined else "False" }}:
    sys.exit(0)

# assemble: include hooks/copier_answers.py
# assemble: include hooks/git_init.py
# assemble: include hooks/next_steps.py

# The answers, as copier records them (the questions it asks, the kind among them), so that the
# first commit holds them and `copier update` follows the templates from there. (cruft, which
# stopped above, renders this file too, without cookiecutter's _repo_dir and _output_dir.)
write_copier_answers(
    {
{%- for name, value in cookiecutter.items() if not name.startswith("_") %}
        {{ name | tojson }}: json.loads({{ value | tojson | tojson }}),
{%- endfor %}
        "kind": json.loads({{ cookiecutter._kind | tojson | tojson }}),
    },
    template=json.loads({{ cookiecutter._template | default("") | tojson | tojson }}),
    repo_dir=json.loads({{ cookiecutter._repo_dir | default("") | tojson | tojson }}),
    output_dir=json.loads({{ cookiecutter._output_dir | default("") | tojson | tojson }}),
)

# --option=value, as copier's task passes them: an answer such as "-A" is then a value, never
# an option of its own.
status = main(
    [
        "--author-name=" + json.loads({{ cookiecutter.author_name | tojson | tojson }}),
        "--author-email=" + json.loads({{ cookiecutter.author_email | tojson | tojson }}),
        "--kind=" + json.loads({{ cookiecutter._kind | tojson | tojson }}),
        "--branch=" + json.loads({{ cookiecutter._default_branch | tojson | tojson }}),
    ]
)
# The hook runs in the project's folder; only a click-app asks for a command name.
command = json.loads({{ cookiecutter.command_name | default("") | tojson | tojson }})
print(message(for_shell(os.path.realpath(os.getcwd())), command), file=sys.stderr)
sys.exit(status)
