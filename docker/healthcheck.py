"""The container's health check: GET /healthz on the local gunicorn, healthy on a 200.

Production settings answer only the host names in ALLOWED_HOSTS and redirect plain HTTP to
HTTPS, so the request names the first allowed host and says it came through the TLS proxy.
Exit status 0 when healthy, 1 otherwise (what Docker's HEALTHCHECK expects).
"""

import os
import sys
import urllib.error
import urllib.request

URL = "http://127.0.0.1:8000/healthz"  # gunicorn's bind in docker/gunicorn.conf.py


def host_header(allowed_hosts: str) -> str:
    """A Host value that ALLOWED_HOSTS accepts: its first entry, made concrete."""
    for entry in allowed_hosts.split(","):
        entry = entry.strip()
        if not entry or entry == "*":
            continue
        return entry.lstrip(".")  # ".example.org" allows example.org itself
    return "localhost"


def check(url: str, allowed_hosts: str, timeout: float = 8) -> tuple[bool, str]:
    request = urllib.request.Request(  # noqa: S310 (a fixed local http URL)
        url,
        headers={"Host": host_header(allowed_hosts), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status == 200, response.read(500).decode(errors="replace")
    except urllib.error.HTTPError as error:
        return False, f"{error.code} {error.read(500).decode(errors='replace')}"
    except OSError as error:
        return False, str(error)


def main() -> int:
    healthy, detail = check(URL, os.environ.get("ALLOWED_HOSTS", ""))
    print(detail)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
