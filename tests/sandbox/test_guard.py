"""The loopback guard: while the sandbox runs, the process reaches nothing beyond this machine.

No test here sends a packet anywhere: the refused operations are refused before they
happen, and the ones that are let through either stay on loopback or send nothing at all
(a numeric name lookup, or connecting a UDP socket, which only records the peer).
"""

from __future__ import annotations

import asyncio
import re
import socket

import pytest

from bot.sandbox.guard import NonLoopbackRefused, active, is_loopback, loopback_only, refused_host

# A documentation address (TEST-NET-3, RFC 5737): never anyone's host.
FAR = "203.0.113.7"


def udp_connect(host: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.connect((host, 9))


def test_loopback_goes_through_and_the_rest_is_refused() -> None:
    with loopback_only():
        assert active()
        udp_connect("127.0.0.1")
        udp_connect("127.3.4.5")
        socket.getaddrinfo("localhost", 80)
        socket.getaddrinfo("127.0.0.1", 80, flags=socket.AI_NUMERICHOST)
        with pytest.raises(
            NonLoopbackRefused, match=re.escape("refused socket.connect '203.0.113.7'")
        ):
            udp_connect(FAR)
        with pytest.raises(NonLoopbackRefused, match=re.escape("refused socket.getaddrinfo")):
            socket.getaddrinfo(FAR, 80, flags=socket.AI_NUMERICHOST)
        with pytest.raises(NonLoopbackRefused):
            socket.getaddrinfo("example.com", 443)
        with pytest.raises(NonLoopbackRefused), socket.socket() as server:
            server.bind(("0.0.0.0", 0))
    assert not active()


def test_the_guard_ends_with_its_block() -> None:
    with loopback_only(), loopback_only():
        pass
    assert not active()
    # A numeric lookup sends nothing; outside the guard it is simply answered.
    assert socket.getaddrinfo(FAR, 80, flags=socket.AI_NUMERICHOST)


async def test_the_event_loop_resolver_is_guarded_too() -> None:
    """aiohttp and asyncio resolve names in a worker thread: the hook sees those as well."""
    with loopback_only():
        loop = asyncio.get_running_loop()
        with pytest.raises(NonLoopbackRefused):
            await loop.getaddrinfo(FAR, 80, flags=socket.AI_NUMERICHOST)
        assert await loop.getaddrinfo("127.0.0.1", 80, flags=socket.AI_NUMERICHOST)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.255.0.9", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        (b"127.0.0.1", True),
        ("10.0.0.1", False),
        ("192.168.1.1", False),
        ("::ffff:8.8.8.8", False),
        ("2001:db8::1", False),
        ("api.telegram.org", False),
        ("", False),
        (None, False),
    ],
)
def test_what_counts_as_loopback(host: object, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("event", "args", "refused"),
    [
        ("socket.connect", (None, ("127.0.0.1", 80)), False),
        ("socket.connect", (None, ("8.8.8.8", 53)), True),
        ("socket.connect", (None, ("::1", 80, 0, 0)), False),
        ("socket.connect", (None, "/run/postgresql/.s.PGSQL.5432"), False),
        ("socket.sendto", (None, ("8.8.8.8", 53)), True),
        ("socket.sendmsg", (None, None), False),
        ("socket.bind", (None, ("127.0.0.1", 0)), False),
        ("socket.bind", (None, ("", 8090)), True),
        ("socket.getaddrinfo", ("api.telegram.org", 443, 0, 0, 0), True),
        ("socket.getaddrinfo", (None, 8090, 0, 0, 0), False),
        ("socket.gethostbyname", ("example.com",), True),
        ("socket.gethostbyaddr", ("127.0.0.1",), False),
        ("socket.getnameinfo", (("8.8.8.8", 53),), True),
        ("socket.__new__", (None, 2, 1, 0), False),
        ("open", ("/etc/hosts", "r", 0), False),
    ],
)
def test_which_operations_are_refused(event: str, args: tuple[object, ...], refused: bool) -> None:
    assert (refused_host(event, args) is not None) is refused
