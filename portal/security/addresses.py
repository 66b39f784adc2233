"""The client's real address, read through the reverse proxies the deployment trusts.

A proxy appends the address it received the request from to X-Forwarded-For, so the list is
read from the right: past each trusted proxy, to the first address that is not one. Anything
further left was written by the client and proves nothing.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """Addresses or CIDR networks ("10.0.0.1", "172.16.0.0/12"); ValueError names a bad one."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ValueError(f"{entry!r} is not an IP address or network") from error
    return tuple(networks)


def client_address(remote_addr: str, forwarded_for: str, trusted: tuple[Network, ...]) -> str:
    """The first address, from the right, that is not a trusted proxy."""
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    address = remote_addr
    while hops and _is_trusted(address, trusted):
        candidate = hops.pop()
        if _parse(candidate) is None:
            break  # a trusted proxy would not write this: keep the last good hop
        address = candidate
    return address


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    parsed = _parse(address)
    return parsed is not None and any(parsed in network for network in trusted)


def _parse(address: str):
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(entries)


def request_client_address(request) -> str:
    """The request's client address under settings.TRUSTED_PROXIES."""
    from django.conf import settings

    trusted = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if not trusted:
        return remote_addr
    return client_address(remote_addr, request.META.get("HTTP_X_FORWARDED_FOR", ""), trusted)
