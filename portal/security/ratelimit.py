"""Per-client rate limits on top of django-ratelimit's cache counters (Redis in production)."""

from __future__ import annotations

import ipaddress
import logging

from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

from portal.security.addresses import request_client_address

logger = logging.getLogger(__name__)


def client_identity(request, user=None) -> str:
    """Whom a request is counted against: its user when known, else its address.

    An IPv6 client usually holds a whole /64, so the /64 is counted as one client.
    """
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    address = request_client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return f"address:{address}"
    if parsed.version == 6:
        return f"address:{ipaddress.ip_network(f'{parsed}/64', strict=False)}"
    return f"address:{parsed}"


def seconds_to_wait(request, group: str, rate: str, identity: str) -> int | None:
    """Count this request; None while within `rate` ("60/m"), else the seconds to wait.

    Without its cache (Redis down) the limit lets requests through: it guards against abuse,
    and must not take search down with it.
    """
    try:
        usage = get_usage(
            request, group=group, key=lambda _group, _request: identity, rate=rate, increment=True
        )
    except (RedisError, OSError):
        logger.warning("rate limit: no cache to count %s requests; letting them through", group)
        return None
    if usage is None or not usage["should_limit"]:
        return None
    # The window's last second still belongs to it: the next one starts a second later.
    return max(1, usage["time_left"] + 1)
