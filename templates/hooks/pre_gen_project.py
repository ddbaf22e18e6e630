"""Refuse invalid answers before cookiecutter writes anything.

The rules live once, in the collection's hooks/answers.py, and copier's validators are made
from the same rules. Each answer arrives as JSON text inside a string literal, so that any
character, a newline or an emoji included, reaches the rules exactly as it was typed.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(json.loads({{ cookiecutter._repo_dir | tojson | tojson }})).parent))
from hooks import answers  # noqa: E402

ANSWERS = {
{%- for name, value in cookiecutter.items() if not name.startswith("_") %}
    {{ name | tojson }}: json.loads({{ value | tojson | tojson }}),
{%- endfor %}
}

CHOICES = json.loads({{ cookiecutter._choices | tojson | tojson }})

sys.exit(answers.main(ANSWERS, CHOICES, kind={{ cookiecutter._kind | tojson }}))
