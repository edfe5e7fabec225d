"""Fetching a web page or a JSON API response, politely and within bounds.

Standard library only (``urllib.request``). Every call sends a User-Agent naming jobtui and its
version, honours the usual proxy variables (``http_proxy``, ``https_proxy``, ``no_proxy``, read
when the call is made), follows at most ``max_redirects`` redirects and only to http(s) URLs,
times out on connecting and on each read, and stops reading past ``max_bytes`` (after gzip or
deflate decoding too, so a small compressed body cannot expand without bound).

Any failure is a :class:`FetchError` whose ``str()`` is one line naming the URL and the reason,
ready to print: ``https://x.example/jobs/1: HTTP 404 Not Found``.

The text returned is data from a stranger: callers never read it as markup, and control
characters are the display layer's job (``jobtui.core.textsafe``).
"""

from __future__ import annotations

import codecs
import http.client
import json
import re
import socket
import ssl
import sys
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from jobtui import __version__

__all__ = ["USER_AGENT", "FetchError", "Fetched", "fetch", "fetch_json"]

USER_AGENT = f"jobtui/{__version__} Python-urllib/{sys.version_info[0]}.{sys.version_info[1]}"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_CHUNK = 64 * 1024
_SNIFF_BYTES = 2048
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_WHITESPACE = re.compile(r"\s+")


class FetchError(Exception):
    """A fetch that failed; ``str()`` is one line: ``URL: reason``."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = _one_line(url)
        self.reason = _one_line(reason)
        super().__init__(f"{self.url}: {self.reason}")


@dataclass(frozen=True)
class Fetched:
    """A page as fetched: where it was asked for, where it ended up, and its decoded text."""

    url: str
    final_url: str
    status: int
    content_type: str  # "text/html", lower case, without parameters; "" when the server gave none
    charset: str  # the codec the text was decoded with
    text: str


def fetch(
    url: str,
    *,
    timeout: float = 10,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = 5,
    accept: str = "text/html,application/xhtml+xml",
) -> Fetched:
    """Fetch a web page (HTML or XHTML); anything else is a FetchError "not a web page (type)"."""
    return _fetch(url, timeout, max_bytes, max_redirects, accept, html=True)


def fetch_json(
    url: str,
    *,
    timeout: float = 10,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = 5,
    accept: str = "application/json",
) -> Any:
    """Fetch a JSON API response and parse it; a body that is not JSON is a FetchError."""
    got = _fetch(url, timeout, max_bytes, max_redirects, accept, html=False)
    try:
        return json.loads(got.text)
    except ValueError as err:
        reason = err.msg if isinstance(err, json.JSONDecodeError) else str(err)
        raise FetchError(url, f"not JSON ({reason})") from None


# -- the work -------------------------------------------------------------------------------


class _Refused(Exception):
    """Raised inside urllib's machinery; turned into a FetchError with this reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, and only to http(s) URLs."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        # urllib's own loop detection stays out of the way: the count here is the one that holds.
        self.max_redirections = self.max_repeats = limit + 10

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        hops = getattr(req, "jobtui_hops", 0) + 1
        if hops > self.limit:
            fp.close()
            raise _Refused(f"more than {self.limit} redirect{'s' if self.limit != 1 else ''}")
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            fp.close()
            raise _Refused(f"redirected to a URL that is not http(s) ({newurl})")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.jobtui_hops = hops  # type: ignore[attr-defined]
        return new


def _fetch(
    url: str, timeout: float, max_bytes: int, max_redirects: int, accept: str, *, html: bool
) -> Fetched:
    _check_url(url)
    request = urllib.request.Request(
        url,
        headers={"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip, deflate"},
    )
    # ProxyHandler() reads the proxy variables now, so a change in the environment is seen.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler(), _Redirects(max_redirects))
    try:
        with opener.open(request, timeout=timeout) as response:
            return _read_response(url, response, max_bytes, html=html)
    except FetchError:
        raise
    except _Refused as err:
        raise FetchError(url, err.reason) from None
    except urllib.error.HTTPError as err:
        err.close()
        raise FetchError(url, f"HTTP {err.code} {_phrase(err.code, err.reason)}") from None
    except urllib.error.URLError as err:
        raise FetchError(url, _network_reason(err.reason, timeout)) from None
    except (OSError, http.client.HTTPException) as err:
        raise FetchError(url, _network_reason(err, timeout)) from None
    except ValueError as err:  # http.client.InvalidURL and friends
        raise FetchError(url, f"not a valid URL ({err})") from None


def _check_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        raise FetchError(url, "not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(url, "not an http(s) URL")
    if not parts.hostname:
        raise FetchError(url, "no host in the URL")


def _read_response(url: str, response: Any, max_bytes: int, *, html: bool) -> Fetched:
    headers = response.headers
    content_type = (headers.get_content_type() if headers.get("Content-Type") else "").lower()
    if html and content_type and content_type not in HTML_TYPES:
        raise FetchError(url, f"not a web page ({content_type})")
    length = headers.get("Content-Length", "").strip()
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(url, f"larger than {_size(max_bytes)}")
    encoding = headers.get("Content-Encoding", "").strip().lower()
    body = _read_body(url, response, max_bytes, encoding)
    charset = _charset(headers.get_content_charset(), body, sniff=html)
    return Fetched(
        url=url,
        final_url=response.geturl(),
        status=response.status,
        content_type=content_type,
        charset=charset,
        text=body.decode(charset, errors="replace"),
    )


def _read_body(url: str, response: Any, max_bytes: int, encoding: str) -> bytes:
    too_big = FetchError(url, f"larger than {_size(max_bytes)}")
    if encoding in ("", "identity"):
        decoder = None
    elif encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = _Deflate()
    else:
        raise FetchError(url, f"unsupported Content-Encoding ({encoding})")
    out = bytearray()
    received = 0
    try:
        while chunk := response.read(_CHUNK):
            received += len(chunk)
            if received > max_bytes:
                raise too_big
            if decoder is None:
                out += chunk
            else:
                data = chunk
                while data:
                    # Never more than one byte past the cap: a decompression bomb stops here.
                    out += decoder.decompress(data, max_bytes + 1 - len(out))
                    if len(out) > max_bytes:
                        raise too_big
                    data = decoder.unconsumed_tail
            if len(out) > max_bytes:
                raise too_big
        if decoder is not None:
            out += decoder.flush()
    except zlib.error:
        raise FetchError(url, f"body is not valid {encoding} data") from None
    if len(out) > max_bytes:
        raise too_big
    return bytes(out)


class _Deflate:
    """``Content-Encoding: deflate``: zlib-wrapped as specified, or raw as some servers send."""

    def __init__(self) -> None:
        self._inner = zlib.decompressobj(zlib.MAX_WBITS)
        self._started = False

    @property
    def unconsumed_tail(self) -> bytes:
        return self._inner.unconsumed_tail

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if not self._started:
            self._started = True
            try:
                return self._inner.decompress(data, max_length)
            except zlib.error:
                self._inner = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._inner.decompress(data, max_length)

    def flush(self) -> bytes:
        return self._inner.flush()


def _charset(declared: str | None, body: bytes, *, sniff: bool) -> str:
    """The header's charset, else a ``<meta charset>`` in the first 2 kB, else UTF-8."""
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for candidate in (declared, _sniffed(body) if sniff else None):
        if candidate:
            try:
                return codecs.lookup(candidate.strip().strip("\"'")).name
            except LookupError:
                continue
    return "utf-8"


def _sniffed(body: bytes) -> str | None:
    found = _META_CHARSET.search(body[:_SNIFF_BYTES])
    return found.group(1).decode("ascii") if found else None


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return f"no network ({reason.strerror or reason})"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({getattr(reason, 'reason', None) or reason})"
    if isinstance(reason, http.client.HTTPException | ConnectionError):
        return f"bad response from the server ({type(reason).__name__})"
    if isinstance(reason, OSError):
        return f"network error ({reason.strerror or reason})"
    return f"network error ({reason})"


def _phrase(code: int, reason: object) -> str:
    text = str(reason or "").strip()
    if text:
        return text
    try:
        return http.HTTPStatus(code).phrase
    except ValueError:
        return ""


def _size(n: int) -> str:
    mb = 1024 * 1024
    if n >= mb:
        return f"{n / mb:.3g} MB"
    if n >= 1024:
        return f"{n / 1024:.3g} kB"
    return f"{n} bytes"


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", str(text)).strip()
