"""The template's docs scaffolding, fitted to a project that has not the template's example.

The docs session builds with every warning an error (`sphinx-build -W -n`), so two things the
template's docs take for granted would fail it on day one: a table of contents that names the
example's pages, left out of the adoption, and a `release` read from the package's
`__version__`, which a project whose version is in pyproject.toml has not. The first loses the
pages' lines; the second reads the installed distribution's version instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from hooks.adopting.files import Placement

FITTED_INDEX = "`docs/index.md`: the template's, its table of contents without the pages left out above"
FITTED_CONF = (
    "`docs/conf.py`: the template's, with the version of the installed distribution "
    "(`importlib.metadata`), as the package has no `__version__`"
)


def _without_left_out(index: Path, left_out: set[str]) -> bool:
    text = index.read_text("utf-8")
    fitted = re.sub(
        r"(```\{toctree\}\n)(.*?)(```)",
        lambda m: (
            m.group(1)
            + "".join(line for line in m.group(2).splitlines(keepends=True) if line.strip() not in left_out)
            + m.group(3)
        ),
        text,
        flags=re.DOTALL,
    )
    index.write_text(fitted, "utf-8")
    return fitted != text


def _release_from_metadata(conf: Path, module: str, distribution: str) -> bool:
    text = conf.read_text("utf-8")
    line = f"release = {module}.__version__\n"
    if line not in text:
        return False
    text = text.replace(line, f'release = importlib.metadata.version("{distribution}")\n')
    if not re.search(rf"\b{re.escape(module)}\.", text):
        text = text.replace(f"\nimport {module}\n", "", 1)
    imports = re.search(r"^(?:import [\w.]+\n)+", text, re.MULTILINE)
    if imports:
        block = sorted([*imports.group(0).splitlines(keepends=True), "import importlib.metadata\n"])
        text = text[: imports.start()] + "".join(block) + text[imports.end() :]
    conf.write_text(text, "utf-8")
    return True


def fit(
    project: Path, placement: Placement, module: str, distribution: str, *, has_version: bool
) -> list[str]:
    """Fit the docs the adoption brought in; the report's lines on what changed."""
    done = []
    left_out = {Path(path).stem for path, _ in placement.left_out if re.fullmatch(r"docs/[^/]+\.md", path)}
    if "docs/index.md" in placement.added and _without_left_out(project / "docs" / "index.md", left_out):
        done.append(FITTED_INDEX)
    conf = project / "docs" / "conf.py"
    if (
        "docs/conf.py" in placement.added
        and not has_version
        and _release_from_metadata(conf, module, distribution)
    ):
        done.append(FITTED_CONF)
    return done
