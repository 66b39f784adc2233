"""`make audit` (scripts/audit_dependencies.py): vulnerable dependencies listed, or a plain word
that the vulnerability database could not be reached."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "audit_dependencies.py"


def load_script():
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_unreachable_database_is_said_plainly_and_does_not_fail():
    # A proxy that refuses every connection: as on a machine without network.
    env = {**os.environ, "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    env.pop("NO_PROXY", None)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(ROOT / "requirements.lock")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Vulnerability database unreachable; no dependency was audited."
    )


def test_known_vulnerabilities_are_listed_and_fail():
    """pip-audit's JSON report (its documented shape) read into lines and a status."""
    audit = load_script()
    lines, status = audit.summary(
        [
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"], "aliases": []}],
            },
            {"name": "wagtail", "version": "8.0.1", "vulns": []},
            {"name": "tantivy", "skip_reason": "Dependency not found on PyPI"},
        ]
    )
    assert lines == [
        "django 5.2.0: PYSEC-2025-1 (fixed in 5.2.1)",
        "1 of 2 audited dependencies have known vulnerabilities; 1 could not be audited.",
    ]
    assert status == 1


def test_a_database_that_knows_no_package_audited_nothing():
    audit = load_script()
    lines, status = audit.summary([{"name": "django", "skip_reason": "not found"}])
    assert status == 0
    assert "no dependency was audited" in lines[0]


def test_the_locks_pin_every_package_with_hashes():
    for name in ("requirements.lock", "requirements-production.lock"):
        text = (ROOT / name).read_text()
        pins = [line for line in text.splitlines() if "==" in line and not line.startswith("#")]
        assert pins, name
        assert all(line.rstrip(" \\").count("==") == 1 for line in pins), name
        assert text.count("--hash=sha256:") >= len(pins), name
    production = (ROOT / "requirements-production.lock").read_text()
    assert "\ndjango-axes==" in production and "\npytest==" not in production
