"""The `{{ cookiecutter.command_name }}` command as a platform runs it: started, probed, stopped with SIGTERM."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from monitoring import SECRET, URL_ENV_VAR, Server

from {{ cookiecutter.module_name }}.__main__ import main

COMMAND = "{{ cookiecutter.command_name }}"
PREFIX = "{{ cookiecutter.module_name | upper }}_"


@pytest.fixture
def port() -> int:
    """A loopback port that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.skipif(
    sys.platform == "win32", reason="Windows stops a process outright, with no SIGTERM"
)
def test_the_command_serves_until_sigterm_and_sends_its_last_ping(
    server: Server, port: int
) -> None:
    # The package is installed, so its script is beside the Python running the tests.
    script = shutil.which(COMMAND, path=str(Path(sys.executable).parent))
    assert script, f"{COMMAND} is not installed beside {sys.executable}"
    env = {
        **os.environ,
        f"{PREFIX}PORT": str(port),
        f"{PREFIX}LOG_FORMAT": "json",
        URL_ENV_VAR: server.ping_url,
    }
    service = subprocess.Popen([script], env=env, stderr=subprocess.PIPE, text=True)
    try:
        answer = healthz(port)
    finally:
        service.send_signal(signal.SIGTERM)
        _, log = service.communicate(timeout=10)

    assert answer["status"] == "ok"
    assert service.returncode == 0
    assert [seen.path for seen in server.seen] == [f"/{SECRET}/start", f"/{SECRET}"]
    assert server.seen[-1].body == b"stopped"
    # uvicorn's own records are JSON lines too
    records = [json.loads(line) for line in log.splitlines()]
    assert {"uvicorn.error"} <= {record["logger"] for record in records}


def healthz(port: int) -> dict[str, str]:
    """/healthz's answer, once the service has started (30 s at most)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as reply:
                answer: dict[str, str] = json.load(reply)
                return answer
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@pytest.mark.usefixtures("root_logger")  # main() configures logging
def test_a_port_in_use_stops_the_command_with_a_fail_ping(
    server: Server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        monkeypatch.setenv(f"{PREFIX}PORT", str(port))
        monkeypatch.setenv(URL_ENV_VAR, server.ping_url)

        with pytest.raises(SystemExit) as exit_status:
            main([])

    assert exit_status.value.code == 1
    [fail] = server.seen
    assert fail.path == f"/{SECRET}/fail"
    assert fail.body.decode().startswith(f"cannot listen on 127.0.0.1:{port}: ")
    assert f"CRITICAL {main.__module__}: cannot listen" in capsys.readouterr().err
