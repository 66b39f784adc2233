"""`make audit`: the locked dependencies with known vulnerabilities (pip-audit).

Exit status 1 when a vulnerability is known; 0 when none is, and also, with a plain message,
when the vulnerability database cannot be reached or knows none of the packages (an offline
machine, a mirror that serves packages but not their advisories): nothing was audited then.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNREACHABLE_SIGNS = (
    "ConnectionError",
    "ProxyError",
    "Max retries exceeded",
    "NameResolutionError",
    "Timeout",
    "timed out",
    "SSLError",
)


def run_pip_audit(lock: Path) -> subprocess.CompletedProcess:
    command = [
        sys.executable, "-m", "pip_audit", "--requirement", str(lock), "--require-hashes",
        "--disable-pip", "--progress-spinner", "off", "--timeout", "20", "--format", "json",
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, check=False)


def report(result: subprocess.CompletedProcess) -> tuple[list[str], int]:
    """The lines to print and the exit status, from pip-audit's JSON answer or its failure."""
    try:
        answer = json.loads(result.stdout)
    except json.JSONDecodeError:
        if any(sign in result.stderr for sign in UNREACHABLE_SIGNS):
            last = result.stderr.strip().splitlines()[-1][:300]
            return [f"Vulnerability database unreachable; no dependency was audited. ({last})"], 0
        return [result.stderr.strip() or result.stdout.strip()], result.returncode or 1
    return summary(answer["dependencies"])


def summary(dependencies: list[dict]) -> tuple[list[str], int]:
    audited = [dep for dep in dependencies if "skip_reason" not in dep]
    vulnerable = [dep for dep in audited if dep.get("vulns")]
    if not audited:
        return [
            f"The vulnerability database knows none of the {len(dependencies)} locked "
            "dependencies (unreachable, or a package mirror without advisories): "
            "no dependency was audited."
        ], 0
    lines = [
        f"{dep['name']} {dep['version']}: {vuln['id']}"
        + (f" (fixed in {', '.join(vuln['fix_versions'])})" if vuln.get("fix_versions") else "")
        for dep in vulnerable
        for vuln in dep["vulns"]
    ]
    skipped = len(dependencies) - len(audited)
    lines.append(
        f"{len(vulnerable)} of {len(audited)} audited dependencies have known vulnerabilities"
        + (f"; {skipped} could not be audited." if skipped else ".")
    )
    return lines, 1 if vulnerable else 0


def main(argv: list[str]) -> int:
    lock = Path(argv[1]) if len(argv) > 1 else ROOT / "requirements.lock"
    lines, status = report(run_pip_audit(lock))
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
