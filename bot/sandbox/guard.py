"""Loopback only: while the sandbox runs, this process refuses any other network address.

The sandbox promises to talk to nothing but this machine. An audit hook (PEP 578) sees
every socket connect, bind, send and name lookup in the process, whoever makes it (our
code, a library, a thread), and raises before the operation happens. Audit hooks can't be
removed, so the hook stays installed and checks only while a guard is active.
"""

from __future__ import annotations

import contextlib
import ipaddress
import sys
from collections.abc import Iterator
from typing import Any


class NonLoopbackRefused(PermissionError):
    """A network operation aimed beyond this machine while the sandbox runs."""


_active = 0
_installed = False

# The audit events that name a remote address, and where the address is in their arguments.
_ADDRESS_ARG = {
    "socket.connect": 1,
    "socket.bind": 1,
    "socket.sendto": 1,
    "socket.sendmsg": 1,
}
_HOST_ARG = {
    "socket.getaddrinfo": 0,
    "socket.gethostbyname": 0,
    "socket.gethostbyaddr": 0,
}


def is_loopback(host: object) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1 (also as an IPv4-mapped address)."""
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def refused_host(event: str, args: tuple[Any, ...]) -> str | None:
    """The non-loopback host that ``event`` is about, or None if it may go ahead."""
    if event in _HOST_ARG:
        host = args[_HOST_ARG[event]] if len(args) > _HOST_ARG[event] else None
        # getaddrinfo(None, ...) and ("", ...) resolve to this machine's own addresses.
        if event == "socket.getaddrinfo" and host in (None, "", b""):
            return None
        return None if is_loopback(host) else repr(host)
    if event == "socket.getnameinfo":
        sockaddr = args[0] if args else None
        host = sockaddr[0] if isinstance(sockaddr, tuple) and sockaddr else sockaddr
        return None if is_loopback(host) else repr(host)
    if event in _ADDRESS_ARG:
        address = args[_ADDRESS_ARG[event]] if len(args) > _ADDRESS_ARG[event] else None
        if not isinstance(address, tuple) or not address:
            return None  # a Unix socket path, or sendmsg on a connected socket
        return None if is_loopback(address[0]) else repr(address[0])
    return None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _active or not event.startswith("socket."):
        return
    host = refused_host(event, args)
    if host is not None:
        raise NonLoopbackRefused(f"the sandbox talks to this machine only; refused {event} {host}")


@contextlib.contextmanager
def loopback_only() -> Iterator[None]:
    """Refuse every non-loopback network operation in this process until the block ends."""
    global _active, _installed
    if not _installed:
        sys.addaudithook(_audit)
        _installed = True
    _active += 1
    try:
        yield
    finally:
        _active -= 1


def active() -> bool:
    return _active > 0
