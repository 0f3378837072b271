"""Hypothesis strategies for requests of every kind, aimed at one route of the app at a time.

Most requests are nearly right (the right method, a valid token or signature, a body of the
route's shape) with one part wrong, so they get past authentication and reach the code that
reads the input; the rest are anything at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from hypothesis import strategies as st
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

from channels.telegram.webhook import SECRET_HEADER
from channels.twilio_sms.signature import SIGNATURE_HEADER, parse_form


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # the template, with {parameters}


@dataclass(frozen=True)
class Secrets:
    """What lets a request in: a peer token, the Telegram secret, the Twilio auth token."""

    peer_tokens: tuple[str, ...]
    telegram_secret: str
    twilio_token: str
    public_url: str


@dataclass
class Planned:
    method: str
    url: str  # path and query string, percent-encoded
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""


METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-8",
    "application/json; charset=latin-1",
    "application/vnd.api+json",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "text/plain",
    "application/octet-stream",
    "",
    "json",
    ";;;",
]

# Strings that broke, or could break, something: lone surrogates, NUL, controls, bidi, big.
ODD_STRINGS = [
    "\ud800",
    "\udfff",
    "a\udc00b",
    "\x00",
    "hi\x00there",
    "",
    " ",
    "\t\n",
    "\u202e\u0000",
    "\U0001f600",
    "1.0",
    "true",
    "null",
    "9" * 40,
    "+15551234567",
    "STOP",
    "/start abc",
]
ODD_INTS = [0, 1, -1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30]

texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(ODD_STRINGS),
    st.text(st.characters(categories=["Cs", "Cc", "Zs", "Lo"]), max_size=8),
)
ints = st.one_of(st.integers(-5, 50), st.integers(), st.sampled_from(ODD_INTS))
scalars = st.one_of(
    st.none(), st.booleans(), ints, st.floats(allow_nan=True, allow_infinity=True), texts
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


def _dump(value: Any, ascii_only: bool) -> bytes:
    # Non-ASCII dumping keeps lone surrogates raw, and "surrogatepass" writes them as bytes
    # that are not UTF-8; ASCII dumping writes them as "\ud800" escapes instead.
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


@st.composite
def json_bytes(draw: st.DrawFn, values: st.SearchStrategy[Any] = json_values) -> bytes:
    return _dump(draw(values), draw(st.booleans()))


@st.composite
def deep_nesting(draw: st.DrawFn) -> bytes:
    depth = draw(st.sampled_from([150, 250, 1000, 5000, 20000]))
    if draw(st.booleans()):
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


@st.composite
def invalid_utf8(draw: st.DrawFn, shaped: bytes) -> bytes:
    bad = draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]))
    at = draw(st.integers(0, len(shaped)))
    return shaped[:at] + bad + shaped[at:]


def maybe(value: st.SearchStrategy[Any], rest: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly `value`, sometimes anything from `rest`."""
    return st.one_of(value, value, value, rest)


# --- Bodies of each route's shape ------------------------------------------------------------

sim_names = maybe(st.sampled_from(["jo", "alex", "peer", "Fuzz.1"]), json_values)
messages = maybe(st.sampled_from(["hi", "hello there", "STOP", "I feel ok today"]), json_values)


@st.composite
def with_extra_or_missing(draw: st.DrawFn, body: dict[str, Any]) -> dict[str, Any]:
    choice = draw(st.integers(0, 5))
    if choice == 0 and body:
        del body[draw(st.sampled_from(sorted(body)))]
    elif choice == 1:
        body[draw(texts)] = draw(json_values)
    return body


@st.composite
def chat_body(draw: st.DrawFn) -> Any:
    return draw(with_extra_or_missing({"from": draw(sim_names), "text": draw(messages)}))


@st.composite
def field_body(draw: st.DrawFn, name: str) -> Any:
    return draw(with_extra_or_missing({name: draw(messages)}))


def _tg_chat(chat_id: Any) -> dict[str, Any]:
    return {"id": chat_id, "type": "private", "first_name": "Participant"}


@st.composite
def telegram_update(draw: st.DrawFn) -> Any:
    update_id = draw(maybe(st.integers(1, 10**9), json_values))
    chat = _tg_chat(draw(maybe(st.integers(1, 10**12), json_values)))
    kind = draw(st.sampled_from(["message", "callback_query", "my_chat_member", "other"]))
    message: dict[str, Any] = {"message_id": 1, "date": 1, "chat": chat}
    if kind == "message":
        message[draw(st.sampled_from(["text", "caption", "photo", "voice"]))] = draw(messages)
        return {"update_id": update_id, "message": message}
    if kind == "callback_query":
        query = {"id": draw(maybe(st.just("q1"), json_values)), "chat_instance": "1"}
        query |= {"data": draw(messages), "message": draw(maybe(st.just(message), json_values))}
        return {"update_id": update_id, "callback_query": query}
    if kind == "my_chat_member":
        member = draw(maybe(st.fixed_dictionaries({"status": maybe(st.just("kicked"), texts)}),
                            json_values))  # fmt: skip
        change = {"chat": chat, "date": 1, "new_chat_member": member, "old_chat_member": None}
        return {"update_id": update_id, "my_chat_member": change}
    return {"update_id": update_id, draw(texts): draw(json_values)}


phones = maybe(st.sampled_from(["+15557654321", "+447700900123"]), texts)
digits = maybe(st.integers(0, 12).map(str), texts)


@st.composite
def sms_form(draw: st.DrawFn) -> dict[str, str]:
    form = {
        "MessageSid": draw(maybe(st.uuids().map(lambda u: f"SM{u.hex}"), texts)),
        "From": draw(phones),
        "Body": draw(maybe(st.sampled_from(["hi", "STOP", "HELP"]), texts)),
        "NumMedia": draw(digits),
    }
    if draw(st.booleans()):
        form["MediaUrl0"] = draw(texts)
    return form


@st.composite
def status_form(draw: st.DrawFn) -> dict[str, str]:
    return {
        "MessageSid": draw(maybe(st.uuids().map(lambda u: f"SM{u.hex}"), texts)),
        "MessageStatus": draw(maybe(st.sampled_from(["sent", "delivered", "failed"]), texts)),
        "ErrorCode": draw(maybe(st.sampled_from(["", "21610", "30003"]), texts)),
    }


def _form_bytes(form: dict[str, str]) -> bytes:
    return urlencode(form, errors="surrogatepass").encode("ascii")


# --- Whole requests --------------------------------------------------------------------------

path_params = st.one_of(
    st.integers(0, 5).map(str),
    st.integers(2**31 - 2, 2**31 + 1).map(str),
    st.integers(2**63 - 2, 2**64).map(str),
    st.sampled_from(["1.0", "-1", "1e3", "0x10", "+1", " 1", "\uff11", "abc", "%00", "9" * 400]),
    texts.map(lambda t: quote(t, safe="", errors="surrogatepass")),
)


def _headers_for(route: Route, secrets: Secrets) -> st.SearchStrategy[dict[str, str]]:
    if route.path.startswith("/api/"):
        tokens = [f"Bearer {t}" for t in secrets.peer_tokens]
        auth = st.sampled_from([*tokens * 4, "Bearer wrong", "Basic eA==", "Bearer", ""])
        return auth.map(lambda value: {"Authorization": value} if value else {})
    if route.path.startswith("/telegram/"):
        right = st.just(secrets.telegram_secret)
        return maybe(right, st.text("abc-_", max_size=5)).map(lambda s: {SECRET_HEADER: s})
    return st.just({})


extra_headers = st.dictionaries(
    st.text("abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12).map(lambda n: f"x-{n}"),
    # h11 sends no value with spaces at its ends, so neither do we.
    st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=20).map(str.strip),
    max_size=2,
)


def _shaped(route: Route) -> st.SearchStrategy[bytes]:
    shapes: dict[str, st.SearchStrategy[bytes]] = {
        "/dev/chat": json_bytes(chat_body()),
        "/api/escalations/{escalation_id}/resolve": json_bytes(field_body("outcome")),
        "/api/participants/{participant_id}/reply": json_bytes(field_body("text")),
        "/telegram/webhook": json_bytes(telegram_update()),
        "/twilio/sms": sms_form().map(_form_bytes),
        "/twilio/status": status_form().map(_form_bytes),
    }
    return shapes.get(route.path, json_bytes())


@st.composite
def body_for(draw: st.DrawFn, route: Route) -> bytes:
    shaped = draw(_shaped(route))
    kind = draw(st.integers(0, 9))
    if kind <= 4:
        return shaped
    other: st.SearchStrategy[bytes] = st.one_of(
        json_bytes(),
        st.binary(max_size=64),
        invalid_utf8(shaped),
        deep_nesting(),
        st.just(b""),
        st.just(b"x" * (64 * 1024 + 1)),  # over the body limit
    )
    return draw(other)


def _query(route: Route) -> st.SearchStrategy[dict[str, str]]:
    named = {
        "/dev/conversation": {"name": sim_names.map(str)},
        "/api/escalations": {"status": maybe(st.sampled_from(["open", "resolved"]), texts)},
    }.get(route.path, {})
    shaped = st.fixed_dictionaries({}, optional=named)
    return maybe(shaped, st.dictionaries(texts, texts, max_size=3))


@st.composite
def _path(draw: st.DrawFn, template: str) -> str:
    path = template
    while "{" in path:
        start, end = path.index("{"), path.index("}")
        path = path[:start] + draw(path_params) + path[end + 1 :]
    return path


def _signed(secrets: Secrets, url: str, body: bytes) -> str:
    # Signed the way Twilio signs: the public URL and the form's fields, as the app reads them.
    validator = RequestValidator(secrets.twilio_token)
    signature: str = validator.compute_signature(secrets.public_url + url, dict(parse_form(body)))
    return signature


@st.composite
def request_for(draw: st.DrawFn, route: Route, secrets: Secrets) -> Planned:
    method = draw(maybe(st.just(route.method), st.sampled_from(METHODS)))
    query = urlencode(draw(_query(route)), errors="surrogatepass")
    url = draw(_path(route.path)) + (f"?{query}" if query else "")
    content = draw(body_for(route))
    headers = draw(_headers_for(route, secrets)) | draw(extra_headers)
    form = route.path.startswith("/twilio/")
    default_type = "application/x-www-form-urlencoded" if form else "application/json"
    headers["Content-Type"] = draw(maybe(st.just(default_type), st.sampled_from(CONTENT_TYPES)))
    if form and draw(st.integers(0, 4)) > 0:
        headers[SIGNATURE_HEADER] = _signed(secrets, url, content)
    return Planned(method, url, headers, content)
