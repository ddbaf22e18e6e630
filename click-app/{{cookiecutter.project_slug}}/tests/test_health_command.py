"""`{{ cookiecutter.command_name }} health`: each self-check passing and failing, as text and as JSON."""

import json
import re
from pathlib import Path

import pytest
from command import invoke
from monitoring import SECRET, TOKEN, Server

import {{ cookiecutter.module_name }}


def test_every_check_passes(config_file: Path) -> None:
    result = invoke("health")

    assert (result.exit_code, result.stderr) == (0, "")
    imports, *others = result.stdout.splitlines()
    assert re.fullmatch(
        r"ok      imports: {{ cookiecutter.module_name }} and its \d+ modules import",
        imports,
    )
    assert others == [
        f"ok      config: no file at {config_file}: the built-in defaults apply",
        "ok      monitoring: no URL set: runs are not reported",
    ]
    assert json.loads(invoke("health", "--json").stdout)["ok"] is True


def test_imports_fails_when_a_module_does_not_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken.py").write_text("import a_missing_dependency\n", "utf-8")
    package = {{ cookiecutter.module_name }}
    monkeypatch.setattr(package, "__path__", [*package.__path__, str(tmp_path)])

    result = invoke("health")

    assert result.exit_code == 1
    assert (
        "failed  imports: {{ cookiecutter.module_name }}.broken: "
        "ModuleNotFoundError: No module named 'a_missing_dependency'"
    ) in result.stdout.splitlines()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        ("[count]\nunit = words\n", "Invalid value (at line 2, column 8)"),
        (
            'unit = "words"\n[cuont]\n',
            "expected only tables named after commands, found unit, cuont",
        ),
    ],
    ids=["missing", "not TOML", "not a command's table"],
)
def test_config_fails_when_the_file_cannot_be_used(
    tmp_path: Path, content: str | None, problem: str
) -> None:
    path = tmp_path / "settings.toml"
    if content is not None:
        path.write_text(content, "utf-8")
    error = f"cannot use the configuration file {path}: {problem}"

    health = invoke("--config", str(path), "health", "--json")
    count = invoke("--config", str(path), "count")

    # health reports the file as a failed check...
    assert health.exit_code == 1
    report = json.loads(health.stdout)
    assert report["ok"] is False
    assert report["checks"][1] == {"name": "config", "ok": False, "detail": error}
    # ...and it stops every other command
    assert (count.exit_code, count.stdout, count.stderr) == (1, "", f"Error: {error}\n")


@pytest.mark.parametrize(
    ("replies", "line", "status"),
    [
        ([], "ok      monitoring: the service answered the ping (HTTP 200)", 0),
        ([404], "failed  monitoring: the ping failed: HTTP 404", 1),
    ],
    ids=["answered", "refused"],
)
def test_monitoring_checks_the_start_ping(
    server: Server, replies: list[int], line: str, status: int
) -> None:
    server.replies = replies

    result = invoke("--healthcheck-url", server.ping_url, "health")

    assert result.exit_code == status
    assert line in result.stdout.splitlines()
    # the check is the run's own start ping: no extra request
    paths = [seen.path for seen in server.seen]
    assert paths == [f"/{SECRET}/start", f"/{SECRET}/{status}"]


def test_monitoring_with_uptime_kuma_sends_a_heartbeat(server: Server) -> None:
    result = invoke("--healthcheck-url", f"{server.url}/api/push/{TOKEN}", "health")

    assert result.exit_code == 0
    messages = [seen.query["msg"][0] for seen in server.seen]
    assert messages == ["health check", "exit code 0"]
