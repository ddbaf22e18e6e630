"""Make the new project a git repository with a first commit (see hooks/git_init.py)."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(json.loads({{ cookiecutter._repo_dir | tojson | tojson }})).parent))
from hooks import git_init  # noqa: E402

sys.exit(
    git_init.main(
        [
            "--author-name", json.loads({{ cookiecutter.author_name | tojson | tojson }}),
            "--author-email", json.loads({{ cookiecutter.author_email | tojson | tojson }}),
            "--kind", json.loads({{ cookiecutter._kind | tojson | tojson }}),
        ]
    )
)
