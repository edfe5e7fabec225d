"""Fetching is polite and bounded: a local server on 127.0.0.1 plays every kind of website."""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jobtui import __version__
from jobtui.io.capture.fetch import FetchError, fetch, fetch_json

PAGE = b"<!doctype html><html><head><title>Engineer</title></head><body>Hi</body></html>"
PROXY_VARS = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY")


class _Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Site

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self.server.seen.append((self.path, dict(self.headers.items())))
        path = self.path
        if path.startswith("http://"):  # asked as a proxy: answer for any site
            path = "/page"
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route(path)

    def _send(self, body: bytes, content_type: str = "text/html", **headers: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _route(self, path: str) -> None:
        if path == "/page":
            self._send(PAGE, "text/html; charset=utf-8")
        elif path.startswith("/hop/"):
            left = int(path.removeprefix("/hop/"))
            if left == 0:
                self._send(PAGE)
            else:
                self._redirect(f"/hop/{left - 1}")
        elif path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/file")
        elif path == "/slow":
            self.server.release.wait(5)
            self._send(PAGE)
        elif path == "/huge-length":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
            self.wfile.write(b"<html>")
        elif path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"x" * 16384
            for _ in range(20):  # 320 kB
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        elif path == "/gzip":
            self._send(gzip.compress("<p>Grüße</p>".encode()), "text/html", Content_Encoding="gzip")
        elif path in ("/deflate", "/raw-deflate"):
            packer = zlib.compressobj(
                wbits=zlib.MAX_WBITS if path == "/deflate" else -zlib.MAX_WBITS
            )
            body = packer.compress("<p>Grüße</p>".encode()) + packer.flush()
            self._send(body, "text/html", Content_Encoding="deflate")
        elif path == "/bad-gzip":
            self._send(b"not gzip at all", "text/html", Content_Encoding="gzip")
        elif path == "/xhtml":
            self._send(PAGE, "application/xhtml+xml")
        elif path == "/meta-equiv":
            body = (
                '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"><p>€</p>'
            )
            self._send(body.encode("iso-8859-15"), "text/html")
        elif path == "/bomb":
            bomb = gzip.compress(b"<p>" + b" " * (3 * 1024 * 1024))
            self._send(bomb, "text/html", Content_Encoding="gzip")
        elif path == "/latin1":
            self._send("<p>Café Zürich</p>".encode("latin-1"), "text/html; charset=ISO-8859-1")
        elif path == "/meta":
            body = '<html><head><meta charset="windows-1252"></head><p>naïve – ok</p></html>'
            self._send(body.encode("cp1252"), "text/html")
        elif path == "/pdf":
            self._send(b"%PDF-1.4", "application/pdf")
        elif path == "/api":
            self._send(json.dumps({"jobs": [{"title": "Engineer"}]}).encode(), "application/json")
        else:
            body = b"<h1>nope</h1>"
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture(autouse=True)
def _no_machine_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site() -> Iterator[_Site]:
    server = _Site()
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def _failure(url: str, **kwargs: object) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(url, **kwargs)  # type: ignore[arg-type]
    text = str(caught.value)
    assert "\n" not in text and "Traceback" not in text
    assert text.startswith(f"{url}: ")
    return text


def test_a_page_is_fetched_with_a_user_agent_naming_jobtui(site: _Site) -> None:
    got = fetch(f"{site.base}/page")
    assert got.status == 200
    assert got.content_type == "text/html"
    assert got.charset == "utf-8"
    assert got.text == PAGE.decode()
    assert got.url == got.final_url == f"{site.base}/page"
    _, headers = site.seen[-1]
    assert headers["User-Agent"].startswith(f"jobtui/{__version__} ")
    assert headers["Accept"] == "text/html,application/xhtml+xml"


def test_a_chain_of_three_redirects_is_followed(site: _Site) -> None:
    got = fetch(f"{site.base}/hop/3")
    assert got.final_url == f"{site.base}/hop/0"
    assert got.url == f"{site.base}/hop/3"
    assert "Engineer" in got.text


def test_more_than_five_redirects_are_refused(site: _Site) -> None:
    url = f"{site.base}/hop/6"
    assert _failure(url) == f"{url}: more than 5 redirects"
    assert [path for path, _ in site.seen] == [f"/hop/{n}" for n in range(6, 0, -1)]


def test_the_redirect_limit_is_the_callers(site: _Site) -> None:
    url = f"{site.base}/hop/2"
    assert _failure(url, max_redirects=1) == f"{url}: more than 1 redirect"
    assert fetch(url, max_redirects=2).final_url == f"{site.base}/hop/0"


def test_a_redirect_to_ftp_is_refused(site: _Site) -> None:
    url = f"{site.base}/to-ftp"
    assert "not http(s) (ftp://127.0.0.1/file)" in _failure(url)


def test_a_404_is_one_line(site: _Site) -> None:
    url = f"{site.base}/jobs/1"
    assert _failure(url) == f"{url}: HTTP 404 Not Found"


def test_a_slow_server_times_out(site: _Site) -> None:
    url = f"{site.base}/slow"
    assert _failure(url, timeout=0.5) == f"{url}: timed out after 0.5 s"


def test_a_content_length_over_the_cap_is_refused_before_reading(site: _Site) -> None:
    url = f"{site.base}/huge-length"
    assert _failure(url) == f"{url}: larger than 5 MB"


def test_a_chunked_body_over_the_cap_stops(site: _Site) -> None:
    url = f"{site.base}/chunked"
    assert _failure(url, max_bytes=100 * 1024) == f"{url}: larger than 100 kB"
    assert len(fetch(url, max_bytes=1024 * 1024).text) == 20 * 16384


def test_gzip_is_decoded(site: _Site) -> None:
    got = fetch(f"{site.base}/gzip")
    assert got.text == "<p>Grüße</p>"
    assert site.seen[-1][1]["Accept-Encoding"] == "gzip, deflate"


@pytest.mark.parametrize("path", ["/deflate", "/raw-deflate"])
def test_deflate_is_decoded_zlib_wrapped_or_raw(site: _Site, path: str) -> None:
    assert fetch(f"{site.base}{path}").text == "<p>Grüße</p>"


def test_a_body_that_is_not_the_gzip_it_claims_is_one_line(site: _Site) -> None:
    url = f"{site.base}/bad-gzip"
    assert _failure(url) == f"{url}: body is not valid gzip data"


def test_a_decompression_bomb_stops_at_the_cap(site: _Site) -> None:
    url = f"{site.base}/bomb"
    assert _failure(url, max_bytes=1024 * 1024) == f"{url}: larger than 1 MB"


def test_the_charset_comes_from_the_header(site: _Site) -> None:
    got = fetch(f"{site.base}/latin1")
    assert got.charset == "iso8859-1"
    assert got.text == "<p>Café Zürich</p>"


def test_else_from_a_meta_charset(site: _Site) -> None:
    got = fetch(f"{site.base}/meta")
    assert got.charset == "cp1252"
    assert "naïve – ok" in got.text


def test_or_from_a_meta_http_equiv(site: _Site) -> None:
    got = fetch(f"{site.base}/meta-equiv")
    assert got.charset == "iso8859-15"
    assert "<p>€</p>" in got.text


def test_xhtml_is_a_web_page(site: _Site) -> None:
    assert fetch(f"{site.base}/xhtml").content_type == "application/xhtml+xml"


def test_a_pdf_is_not_a_web_page(site: _Site) -> None:
    url = f"{site.base}/pdf"
    assert _failure(url) == f"{url}: not a web page (application/pdf)"


def test_fetch_json_parses_an_api_response(site: _Site) -> None:
    assert fetch_json(f"{site.base}/api") == {"jobs": [{"title": "Engineer"}]}
    assert site.seen[-1][1]["Accept"] == "application/json"


def test_fetch_json_of_a_page_that_is_not_json_is_a_fetch_error(site: _Site) -> None:
    url = f"{site.base}/page"
    with pytest.raises(FetchError, match=r"^http://127\.0\.0\.1:\d+/page: not JSON \("):
        fetch_json(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://x.example/jobs/1", "not an http(s) URL"),
        ("file:///etc/passwd", "not an http(s) URL"),
        ("jobs.example/1", "not an http(s) URL"),
        ("https:///jobs/1", "no host in the URL"),
        ("https://x.example:port/", "not a valid URL"),
    ],
)
def test_urls_that_are_not_web_urls_fail_before_connecting(url: str, reason: str) -> None:
    assert _failure(url) == f"{url}: {reason}"


def test_an_unreachable_port_is_one_line() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/jobs/1"
    assert _failure(url, timeout=2) == f"{url}: connection refused"


def test_a_name_that_does_not_resolve_is_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    url = "https://x.example/jobs/1"
    assert _failure(url) == f"{url}: no network (Name or service not known)"


def test_the_proxy_variable_is_honoured(site: _Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", site.base)
    got = fetch("http://jobs.invalid/postings/7")
    assert "Engineer" in got.text
    path, headers = site.seen[-1]
    assert path == "http://jobs.invalid/postings/7"
    assert headers["User-Agent"].startswith("jobtui/")


def test_no_proxy_bypasses_the_proxy(site: _Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # would fail if used
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert fetch(f"{site.base}/page").status == 200
