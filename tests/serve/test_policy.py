"""Who may open a session: loopback names, tokens, Host and Origin (no server needed)."""

from __future__ import annotations

import pytest

from triage.models import TriageError
from triage.serve.policy import (
    check_token,
    host_allowed,
    host_name,
    is_loopback,
    new_token,
    open_url,
    origin_allowed,
    same_token,
)


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.3.2.1", "::1", "[::1]", "localhost", "LOCALHOST."]
)
def test_loopback_addresses_need_no_token(host):
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "", "192.168.1.20", "10.0.0.5", "2001:db8::1", "desk.example.org"]
)
def test_every_other_address_needs_the_token(host):
    # a host name may resolve anywhere, and a wildcard listens on every interface
    assert not is_loopback(host)


def test_generated_tokens_are_long_and_new_each_time():
    first, second = new_token(), new_token()
    assert first != second and len(first) >= 32
    assert check_token(first) == first


@pytest.mark.parametrize(
    "token", ["short", "x" * 15, "has spaces in it!!!!", "ünïcode-ünïcode-ünï"]
)
def test_a_weak_or_unsafe_given_token_is_refused(token):
    with pytest.raises(TriageError, match="--token needs at least 16"):
        check_token(token)


def test_token_comparison():
    assert same_token("abcdefghijklmnop", "abcdefghijklmnop")
    assert not same_token("abcdefghijklmnoq", "abcdefghijklmnop")
    assert not same_token("", "abcdefghijklmnop")
    assert not same_token(None, "abcdefghijklmnop")
    assert not same_token("é" * 16, "abcdefghijklmnop")  # not ASCII: no TypeError, just no


def test_host_header_names():
    assert host_name("127.0.0.1:8000") == "127.0.0.1"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("localhost") == "localhost"


def test_on_loopback_only_loopback_names_are_answered():
    # a foreign name that resolves to 127.0.0.1 (DNS rebinding) is refused; a tunnel's port is not
    assert host_allowed("localhost:9000", loopback_only=True)
    assert host_allowed("127.0.0.1:8000", loopback_only=True)
    assert not host_allowed("attacker.example:8000", loopback_only=True)
    assert not host_allowed(None, loopback_only=True)
    assert host_allowed("desk.example.org:8000", loopback_only=False)


def test_a_websocket_must_come_from_a_page_of_this_server():
    assert origin_allowed("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert not origin_allowed("http://evil.example", "127.0.0.1:8000")
    assert not origin_allowed("http://127.0.0.1:9999", "127.0.0.1:8000")
    assert origin_allowed(None, "127.0.0.1:8000")  # no browser: browsers always send Origin


def test_the_address_to_open():
    assert open_url("127.0.0.1", 8000, None) == "http://127.0.0.1:8000/"
    assert open_url("::1", 8001, None) == "http://[::1]:8001/"
    assert open_url("10.1.2.3", 8000, "abc_DEF-123").endswith(":8000/?token=abc_DEF-123")
    assert "0.0.0.0" not in open_url("0.0.0.0", 8000, "t" * 16)  # a wildcard is not openable
