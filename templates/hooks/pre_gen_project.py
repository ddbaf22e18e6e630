# assemble: include hooks/answers.py
# ---------------------------------------------------------------------------------------------
# The cookiecutter pre-generation hook: refuse invalid answers before anything is written.
# The rules above are inlined from the collection's hooks/answers.py by templates/assemble.py
# (cruft gives a hook no way to find the collection's files); copier's validators are made
# from the same rules. Each answer arrives as JSON text inside a string literal, so that any
# character, a newline or an emoji included, reaches the rules exactly as it was typed.

import contextlib
import os
from pathlib import Path

ANSWERS = {
{%- for name, value in cookiecutter.items() if not name.startswith("_") %}
    {{ name | tojson }}: json.loads({{ value | tojson | tojson }}),
{%- endfor %}
}
CHOICES = json.loads({{ cookiecutter._choices | tojson | tojson }})
# The suggestions made from earlier answers: a refused one is blamed on the answer typed.
# (A replay file from before they were recorded has none.)
SUGGESTIONS = json.loads({{ cookiecutter.__suggestions | default({}) | tojson | tojson }})


def remove_folders_made_for(slug: str, output: Path) -> None:
    """Remove the folders cookiecutter made for a project_slug with a / in it.

    cookiecutter makes the project's folder, and the folders on the way to it from the output
    folder, before this hook runs; on failure it removes the project's folder only. A folder
    that holds anything else was there before, and stays. When a folder above the project's
    goes, the project's must go first, and cookiecutter's own clean-up, not finding it, ends
    with a FileNotFoundError (docs/troubleshooting.md says so).
    """
    parts = Path(slug).parts
    project = Path(os.path.normpath(output / slug))
    made = {Path(os.path.normpath(output.joinpath(*parts[:end]))) for end in range(1, len(parts))}
    made = {folder for folder in made if output in folder.parents and folder != project}
    above, way_down = [], project
    for folder in (folder for folder in project.parents if folder in made):  # the nearest first
        if os.listdir(folder) != [way_down.name]:
            break
        above.append(folder)
        way_down = folder
    # beside the way (a slug with ..), the deepest first
    beside = sorted(made - set(project.parents), key=lambda folder: len(folder.parts), reverse=True)
    for folder in [*([project, *above] if above else []), *beside]:
        with contextlib.suppress(OSError):  # not empty: it was there before
            folder.rmdir()


# cruft, which renders into a folder of its own, gives no output folder
OUTPUT = json.loads({{ cookiecutter._output_dir | default("") | tojson | tojson }})

{%- set this_kind = cookiecutter._kinds[cookiecutter._kind] %}
{%- if this_kind.name_prefix %}
KIND_RULES[{{ cookiecutter._kind | tojson }}] = name_rules(json.loads({{ this_kind.name_prefix | tojson | tojson }}))
{%- endif %}
status = main(ANSWERS, CHOICES, kind={{ cookiecutter._kind | tojson }}, suggestions=SUGGESTIONS)
if status and OUTPUT:
    remove_folders_made_for(ANSWERS["project_slug"], Path(OUTPUT))
sys.exit(status)