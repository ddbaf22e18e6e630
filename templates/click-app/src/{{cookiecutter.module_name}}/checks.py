"""The self-checks `{{ cookiecutter.command_name }} health` runs: each says ok or failed, and why."""

import importlib
import json
import pkgutil
from dataclasses import asdict, dataclass

import {{ cookiecutter.module_name }}
from {{ cookiecutter.module_name }} import health
from {{ cookiecutter.module_name }}.app import App


@dataclass(frozen=True)
class Check:
    """The outcome of one self-check."""

    name: str
    ok: bool
    detail: str


def run(app: App) -> list[Check]:
    """Run every check, in order."""
    return [imports(), config(app), monitoring(app)]


def imports() -> Check:
    """Import every module of the package, and so the dependencies they import."""
    package = {{ cookiecutter.module_name }}
    prefix = f"{package.__name__}."
    names = [module.name for module in pkgutil.walk_packages(package.__path__, prefix)]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:  # noqa: BLE001  # whatever breaks an import is the answer
            detail = f"{name}: {type(error).__name__}: {error}"
            return Check("imports", ok=False, detail=detail)
    detail = f"{package.__name__} and its {len(names)} modules import"
    return Check("imports", ok=True, detail=detail)


def config(app: App) -> Check:
    """The configuration file, if there is one, is TOML with a table per command."""
    if app.config_error:
        return Check("config", ok=False, detail=app.config_error.message)
    if app.config_path.is_file():
        return Check("config", ok=True, detail=f"read {app.config_path}")
    detail = f"no file at {app.config_path}: the built-in defaults apply"
    return Check("config", ok=True, detail=detail)


def monitoring(app: App) -> Check:
    """The monitoring service answered the ping that started this run."""
    result = app.start_ping
    if result is None:
        return Check("monitoring", ok=True, detail="no URL set: runs are not reported")
    if result.skipped:  # Uptime Kuma has no start signal: send a heartbeat instead
        result = health.ping("success", app.healthcheck_url, message="health check")
    if result.ok:
        detail = f"the service answered the ping (HTTP {result.status_code})"
        return Check("monitoring", ok=True, detail=detail)
    return Check("monitoring", ok=False, detail=f"the ping failed: {result.error}")


def report(checks: list[Check], *, as_json: bool) -> str:
    """The results as lines of text, or as JSON for machines."""
    if as_json:
        ok = all(check.ok for check in checks)
        return json.dumps(
            {"ok": ok, "checks": [asdict(check) for check in checks]}, indent=2
        )
    return "\n".join(
        f"{'ok' if check.ok else 'failed':<6}  {check.name}: {check.detail}"
        for check in checks
    )
