"""The cookiecutter post-generation hook: make the project a git repository.

The script below is inlined from the collection's hooks/git_init.py by templates/assemble.py
(cruft gives a hook no way to find the collection's files); copier runs the same script as a
task, with the same arguments.
"""

import json
import sys

# cruft (which records the template's `_commit`) renders the template again on every update
# to compute a diff: a repository there would be part of that diff. Under cruft, the first
# commit is the user's, with the .cruft.json file cruft writes after this hook.
if {{ "True" if cookiecutter._commit is defined else "False" }}:
    sys.exit(0)

# --option=value, as copier's task passes them: an answer such as "-A" is then a value, never
# an option of its own.
sys.argv[1:] = [
    "--author-name=" + json.loads({{ cookiecutter.author_name | tojson | tojson }}),
    "--author-email=" + json.loads({{ cookiecutter.author_email | tojson | tojson }}),
    "--kind=" + json.loads({{ cookiecutter._kind | tojson | tojson }}),
    "--branch=" + json.loads({{ cookiecutter._default_branch | tojson | tojson }}),
]

# assemble: include hooks/git_init.py
