"""A live crawl against a real HTTP server on 127.0.0.1: a failing page is reported and archived,
the good page comes through, unreachable sources come back as clear per-source errors."""
import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import crawlers
from crawlers.archive import iter_responses, read_response

LIST = """<html><head><meta charset="utf-8"><title>市情分析</title></head><body>
<ul>
<li><a href="/sjfb/sqfx/202408/t20240823_1.html">2024年1-7月沈阳经济运行情况</a></li>
<li><a href="/sjfb/sqfx/202408/t20240823_2.html">坏页面</a></li>
<li><a href="/about.html">关于我们</a></li>
</ul></body></html>"""
GOOD = "<html><head><meta charset='utf-8'><title>好页面</title></head><body><p>沈阳。</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def do_GET(self):  # noqa: N802 (http.server's name)
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        if self.path == "/sjfb/sqfx/index.html":
            self._send(200, LIST)
        elif self.path == "/sjfb/sqfx/202408/t20240823_1.html":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                return
            self._send(200, GOOD, etag='"v1"')
        elif self.path == "/sjfb/sqfx/202408/t20240823_2.html":
            self._send(500, "<html><body>Internal Server Error</body></html>")
        elif self.path == "/slow/index.html":
            time.sleep(8)
            self._send(200, LIST)
        else:
            self._send(404, "not found")

    def _send(self, status, text, etag=None):
        body = text.encode("utf-8")
        self.send_response(status)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def write_sources(path, base):
    path.write_text(f'''
[[source]]
id = "local"
publisher = "本地测试"
authority = 1
region = "沈阳"
kind = "statistics"
start_urls = ["{base}/sjfb/sqfx/index.html"]
article_pattern = '/sjfb/sqfx/\\d{{6}}/t\\d{{8}}_\\d+\\.html$'

[[source]]
id = "refused"
publisher = "无人应答"
authority = 2
region = "沈阳"
kind = "government"
start_urls = ["http://127.0.0.1:{closed_port()}/index.html"]
article_pattern = 't\\d{{8}}_\\d+\\.html$'

[[source]]
id = "nodns"
publisher = "没有这个域名"
authority = 3
region = "沈阳"
kind = "press"
start_urls = ["http://monitor-test.invalid/index.html"]
article_pattern = 'content_\\d+\\.html$'
''', encoding="utf-8")
    return path


FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_BACKOFF_BASE": 0.1}


def test_live_crawl_reports_failures_and_keeps_good_pages(server, tmp_path):
    sources = write_sources(tmp_path / "sources.toml", server)
    started = time.monotonic()
    result = crawlers.crawl(["local", "refused", "nodns"], scan_date=date(2024, 8, 23), archive_dir=tmp_path / "arch",
                            sources_path=sources, settings=FAST, timeout=120)
    elapsed = time.monotonic() - started
    by_url = {p.url: p for p in result.pages}

    good = by_url[f"{server}/sjfb/sqfx/202408/t20240823_1.html"]
    assert (good.status, good.error, good.kind) == (200, None, "article")
    assert read_response(good.warc_path, good.warc_offset).body == GOOD.encode("utf-8")

    bad = by_url[f"{server}/sjfb/sqfx/202408/t20240823_2.html"]
    assert (bad.status, bad.error) == (500, "HTTP 500")
    assert read_response(bad.warc_path, bad.warc_offset).status == 500  # the failure is archived too
    assert f"{server}/about.html" not in by_url  # not an article link, not followed

    (warc,) = result.warc_paths
    statuses = [(r.url.removeprefix(server), r.status) for r in iter_responses(warc)]
    # One retry for the 500 (RETRY_TIMES = 1): both attempts are in the archive.
    assert statuses.count(("/sjfb/sqfx/202408/t20240823_2.html", 500)) == 2
    assert ("/robots.txt", 404) in statuses
    assert Handler.hits["/sjfb/sqfx/202408/t20240823_2.html"] == 2

    errors = {e.source_id: e.message for e in result.errors}
    assert set(errors) == {"refused", "nodns"}  # 'local' had a working list page: no source error
    assert "connection refused" in errors["refused"].lower()
    assert "DNS lookup failed" in errors["nodns"] and "monitor-test.invalid" in errors["nodns"]
    for sid in ("refused", "nodns"):
        (page,) = [p for p in result.pages if p.source_id == sid]
        assert page.status == 0 and page.error and page.warc_path is None
    assert elapsed < 30, f"unreachable sources must fail fast, took {elapsed:.1f}s"


def test_a_crawl_that_overruns_its_timeout_is_cut_and_reported(server, tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(f'''
[[source]]
id = "slow"
publisher = "慢"
authority = 1
region = "沈阳"
kind = "statistics"
start_urls = ["{server}/slow/index.html"]
article_pattern = 't\\d{{8}}_\\d+\\.html$'
''', encoding="utf-8")
    started = time.monotonic()
    result = crawlers.crawl(["slow"], scan_date=date(2024, 8, 23), archive_dir=tmp_path, sources_path=sources,
                            settings=FAST, timeout=4)
    assert time.monotonic() - started < 7
    assert result.pages == []
    (err,) = result.errors
    assert err.source_id == "slow" and "crawl timed out after 4 s" in err.message


def test_revisit_fetches_a_known_article_only_if_it_changed(server, tmp_path):
    sources = write_sources(tmp_path / "sources.toml", server)
    good = f"{server}/sjfb/sqfx/202408/t20240823_1.html"
    result = crawlers.crawl(["local"], scan_date=date(2024, 8, 23), archive_dir=tmp_path, sources_path=sources,
                            settings=FAST, timeout=60,
                            revisit=[{"source_id": "local", "url": good, "etag": '"v1"'}])
    same = [p for p in result.pages if p.url == good]
    assert len(same) == 1  # the list page links it too: fetched once, conditionally
    (page,) = same
    assert (page.status, page.error, page.meta.get("revisit")) == (304, None, True)
    assert read_response(page.warc_path, page.warc_offset).status == 304
    assert result.errors == []

    changed = crawlers.crawl(["local"], scan_date=date(2024, 8, 23), archive_dir=tmp_path, sources_path=sources,
                             settings=FAST, timeout=60,
                             revisit=[{"source_id": "local", "url": good, "etag": '"v0"'}])
    (page,) = [p for p in changed.pages if p.url == good]
    assert page.status == 200 and page.meta["headers"]["Etag"] == '"v1"'
