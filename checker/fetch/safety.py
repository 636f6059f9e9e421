"""Which network addresses a cited URL may make citecheck connect to.

A post can cite any URL, and a checker running in CI sits inside someone's network: following a
citation (or a redirect) to ``http://169.254.169.254/`` or ``http://10.0.0.5/admin`` would turn
citecheck into a probe of that network (server-side request forgery).  So an address that is not
globally routable (loopback, private, link-local, CGNAT, unique-local, reserved, multicast, the
cloud metadata endpoints) is refused unless the user allows it (``allow_private``), or has routed
the host there on purpose with ``--connect-to``.

The check runs where the connection is made (``connect_to``'s network backend): the name is
resolved once, every address is checked, and the connection goes to a checked address, so there
is no window for DNS rebinding between the check and the connect.
"""

from __future__ import annotations

import ipaddress

import httpcore

__all__ = ["METADATA_ADDRESSES", "ForbiddenAddressError", "forbidden_reason"]

METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


class ForbiddenAddressError(httpcore.ConnectError):
    """A connection refused by citecheck itself: the host resolves to a non-public address."""


def forbidden_reason(address: str) -> str | None:
    """Why citecheck must not connect to ``address`` (an IP literal), or None if it may."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return f"{ip} is a cloud metadata address"
    checks = (
        (ip.is_loopback, "loopback"),
        (ip.is_unspecified, "unspecified"),
        (ip.is_link_local, "link-local"),
        (ip.version == 4 and ip in _CGNAT, "carrier-grade NAT (shared)"),
        (ip.is_private, "private"),
        (ip.is_multicast, "multicast"),
        (ip.is_reserved or not ip.is_global, "not globally routable"),
    )
    for hit, label in checks:
        if hit:
            return f"{ip} is a {label} address"
    return None
