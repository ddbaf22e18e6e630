"""`{{ cookiecutter.command_name }} health`: each self-check passing and failing, as text and as JSON."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_health import SECRET, TOKEN, Server

import {{ cookiecutter.module_name }}
from {{ cookiecutter.module_name }} import cli


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli.main, args)


def lines(result: Result) -> dict[str, str]:
    """Each check's line, by the check's name."""
    found = re.findall(r"^(?:ok    |failed)  (\w+): .*$", result.stdout, re.MULTILINE)
    assert len(found) == len(result.stdout.splitlines())
    return dict(zip(found, result.stdout.splitlines(), strict=True))


def test_every_check_passes(config_file: Path) -> None:
    result = invoke("health")

    assert (result.exit_code, result.stderr) == (0, "")
    by_name = lines(result)
    assert list(by_name) == ["imports", "config", "monitoring"]
    assert re.fullmatch(
        r"ok      imports: {{ cookiecutter.module_name }} and its \d+ modules import",
        by_name["imports"],
    )
    assert by_name["config"] == (
        f"ok      config: no file at {config_file}: the built-in defaults apply"
    )
    assert (
        by_name["monitoring"] == "ok      monitoring: no URL set: runs are not reported"
    )


def test_json_for_machines() -> None:
    result = invoke("health", "--json")

    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert [check["name"] for check in report["checks"]] == [
        "imports",
        "config",
        "monitoring",
    ]
    for check in report["checks"]:
        assert set(check) == {"name", "ok", "detail"}
        assert check["ok"] is True


def test_imports_fails_when_a_module_does_not_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken.py").write_text("import a_missing_dependency\n", "utf-8")
    package = {{ cookiecutter.module_name }}
    monkeypatch.setattr(package, "__path__", [*package.__path__, str(tmp_path)])

    result = invoke("health")

    assert result.exit_code == 1
    assert lines(result)["imports"] == (
        "failed  imports: {{ cookiecutter.module_name }}.broken: "
        "ModuleNotFoundError: No module named 'a_missing_dependency'"
    )


def test_config_passes_with_a_good_file(config_file: Path) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text('[count]\nunit = "words"\n', "utf-8")

    result = invoke("health")

    assert result.exit_code == 0
    assert lines(result)["config"] == f"ok      config: read {config_file}"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(None, "no such file", id="missing"),
        pytest.param(
            "[count]\nunit = words\n",
            "Invalid value (at line 2, column 8)",
            id="not TOML",
        ),
        pytest.param(
            'unit = "words"\n',
            "expected only tables named after commands, found unit",
            id="no table",
        ),
        pytest.param(
            "[cuont]\n",
            "expected only tables named after commands, found cuont",
            id="typo",
        ),
    ],
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


def test_monitoring_passes_when_the_service_answers(
    server: Server, ping_url: str
) -> None:
    result = invoke("--healthcheck-url", ping_url, "health")

    assert result.exit_code == 0
    assert lines(result)["monitoring"] == (
        "ok      monitoring: the service answered the ping (HTTP 200)"
    )
    # the check is the run's own start ping: no extra request
    assert [seen.path for seen in server.seen] == [f"/{SECRET}/start", f"/{SECRET}/0"]


def test_monitoring_with_uptime_kuma_sends_a_heartbeat(server: Server) -> None:
    result = invoke("--healthcheck-url", f"{server.url}/api/push/{TOKEN}", "health")

    assert result.exit_code == 0
    assert lines(result)["monitoring"] == (
        "ok      monitoring: the service answered the ping (HTTP 200)"
    )
    assert [seen.query["msg"] for seen in server.seen] == [
        ["health check"],
        ["exit code 0"],
    ]


def test_monitoring_fails_when_the_service_refuses_the_ping(
    server: Server, ping_url: str
) -> None:
    server.replies = [404]

    result = invoke("-q", "--healthcheck-url", ping_url, "health")

    assert result.exit_code == 1
    assert (
        lines(result)["monitoring"] == "failed  monitoring: the ping failed: HTTP 404"
    )
    assert [seen.path for seen in server.seen] == [f"/{SECRET}/start", f"/{SECRET}/1"]
