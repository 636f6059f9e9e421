"""Which network addresses a cited URL may make citecheck connect to.

A post can cite any URL, and a checker running in CI sits inside someone's network: following a
citation (or a redirect) to ``http://169.254.169.254/`` or ``http://10.0.0.5/admin`` would turn
citecheck into a probe of that network (server-side request forgery).  So an address that is not
globally routable (loopback, private, link-local, CGNAT, unique-local, reserved, multicast, the
cloud metadata endpoints, and IPv6 addresses that embed one of those: IPv4-mapped, 6to4, NAT64,
Teredo, IPv4-compatible) is refused unless the user allows it (``allow_private``), or has routed
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
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_LOW_32_BITS = 0xFFFF_FFFF


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries, which a gateway or the OS may connect to.

    6to4 (``2002::/16``), Teredo (``2001::/32``: server and client), NAT64 (``64:ff9b::/96``,
    ``64:ff9b:1::/48``) and IPv4-compatible (``::a.b.c.d``) addresses: ``2002:7f00:1::`` is
    127.0.0.1 to whoever routes it, so it must be judged as 127.0.0.1.
    """
    inner: list[ipaddress.IPv4Address] = []
    if ip.sixtofour is not None:
        inner.append(ip.sixtofour)
    if ip.teredo is not None:
        inner.extend(ip.teredo)
    low = ipaddress.IPv4Address(int(ip) & _LOW_32_BITS)
    if any(ip in network for network in _NAT64):
        inner.append(low)
    if int(ip) >> 32 == 0 and int(ip) > 1:  # IPv4-compatible; :: and ::1 are not
        inner.append(low)
    return inner


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
    if isinstance(ip, ipaddress.IPv6Address):
        for inner in _embedded_ipv4(ip):
            reason = forbidden_reason(str(inner))
            if reason is not None:
                return f"{ip} embeds an IPv4 address: {reason}"
    return _reason(ip)


def _reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` itself is not a public address, or None."""
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
