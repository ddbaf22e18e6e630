"""What only the web-service kind has: a Dockerfile, which hadolint checks here; CI, where
Docker is, builds it. (Its routes, logs, heartbeat and SIGTERM: the generated tests.)"""

from __future__ import annotations

import pytest
from answer_sets import ALL
from rendering import AnswerSet, Bakery, run, tool

KIND = "web-service"
SETS = [pytest.param(s, id=s.id, marks=pytest.mark.xdist_group(s.id)) for s in ALL if s.kind == KIND]


@pytest.mark.slow
@pytest.mark.parametrize("answer_set", SETS)
def test_hadolint_finds_nothing_in_the_dockerfile(bakery: Bakery, answer_set: AnswerSet) -> None:
    project = bakery.get(answer_set).cookiecutter

    # info level too: a user name where Kubernetes wants a number to check it is not root
    result = run([tool("hadolint"), "--failure-threshold", "info", "Dockerfile"], cwd=project)

    assert result.returncode == 0, result.stdout + result.stderr
    dockerfile = (project / "Dockerfile").read_text("utf-8")
    assert "\nUSER 10001\n" in dockerfile
    assert "\nHEALTHCHECK " in dockerfile
    assert "/healthz" in dockerfile.partition("\nHEALTHCHECK ")[2].partition("\nCMD ")[0]


DEFAULTS = [
    pytest.param(s, id=s.id, marks=pytest.mark.xdist_group(s.id)) for s in ALL if s.name == "defaults"
]


@pytest.mark.parametrize("answer_set", DEFAULTS)
def test_a_kind_with_a_dockerfile_has_ci_build_its_image(bakery: Bakery, answer_set: AnswerSet) -> None:
    """CI runs every nox session, so a session that builds the image is CI's build of it; the
    CI-jobs check runs it here, where it skips saying Docker does not run."""
    project = bakery.get(answer_set).cookiecutter
    noxfile = (project / "noxfile.py").read_text("utf-8")
    assert ("\ndef image(session: nox.Session)" in noxfile) == (project / "Dockerfile").is_file()
