"""The client's address read through trusted proxies (portal.security.addresses)."""

import pytest

from portal.security.addresses import client_address, parse_networks

TRUSTED = parse_networks(["10.0.0.0/8", "2001:db8::1"])


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "expected"),
    [
        ("203.0.113.7", "", "203.0.113.7"),  # no proxy
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # untrusted peer: its header is ignored
        ("10.0.0.5", "198.51.100.1", "198.51.100.1"),  # one trusted proxy
        ("10.0.0.5", "1.2.3.4, 198.51.100.1, 10.1.1.1", "198.51.100.1"),  # forged left part
        ("10.0.0.5", "10.2.2.2", "10.2.2.2"),  # only trusted hops: the leftmost one
        ("10.0.0.5", "not-an-address, 10.2.2.2", "10.2.2.2"),  # garbage stops the walk
        ("2001:db8::1", "2001:db8:beef::7", "2001:db8:beef::7"),
        ("10.0.0.5", "", "10.0.0.5"),
    ],
)
def test_the_client_is_the_first_untrusted_hop_from_the_right(remote_addr, forwarded_for, expected):
    assert client_address(remote_addr, forwarded_for, TRUSTED) == expected


def test_a_bad_setting_is_named():
    with pytest.raises(ValueError, match=r"'proxy\.example\.org' is not an IP address or network"):
        parse_networks(["10.0.0.1", "proxy.example.org"])
