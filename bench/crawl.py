"""Crawl benchmark: the project's crawler against a plain Scrapy spider, then a rescan with revisits.

    .venv/bin/python bench/crawl.py [--articles 2000] [--per-list 50] [--concurrency 16]

A site of N article pages (government CMS style, with ETag / Last-Modified, answering 304 to a
matching conditional request) and its list pages is served on 127.0.0.1 by a threaded HTTP server
in a child process. Then, in the same run:
  1. the project's crawl (crawlers.crawl: listing spider, robots.txt, WARC archive of every response,
     manifest, statistics), with the politeness delays relaxed for the local host and AutoThrottle
     OFF (bench only: the real crawl keeps 2 requests per site, a 1 s delay and AutoThrottle);
  2. a plain Scrapy spider following the same links with the same concurrency (no archive);
  3. the project's crawl again, nothing changed on the site, with every known article passed as a
     revisit (If-None-Match / If-Modified-Since): the server counts the full article downloads.
Both crawls run in child processes, alternately, --repeat times each (best kept: the machine is
shared); the rates include process start-up, the same for both.
Last line: `crawl: <pages/s> pages/s, <ratio>x plain Scrapy; rescan: <n> article downloads`.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
log = logging.getLogger("bench.crawl")
SCAN_DATE = date(2026, 1, 15)
PARAGRAPH = "全市规模以上工业增加值同比增长7.2%，社会消费品零售总额增长4.8%，固定资产投资增长5.1%。这是基准测试生成的文章。"
LAST_MODIFIED = formatdate(1767225600, usegmt=True)  # 2026-01-01: the site never changes during the bench


# --- the site (child process) -------------------------------------------------------------------------

def article_path(i: int) -> str:
    return f"/sjfb/sqfx/202601/t20260115_{i}.html"


def make_handler(n_articles: int, per_list: int):
    n_lists = (n_articles + per_list - 1) // per_list
    counts = {"article_200": 0, "article_304": 0, "list": 0, "other": 0}
    lock = threading.Lock()

    def list_body(k: int) -> bytes:
        items = "".join(f'<li><a href="{article_path(i)}">文章{i}</a><span>2026-01-15</span></li>'
                        for i in range(k * per_list, min((k + 1) * per_list, n_articles)))
        pager = "".join(f'<a href="/sjfb/sqfx/index{"" if j == 0 else f"_{j}"}.html">{j + 1}</a> ' for j in range(n_lists))
        return (f'<html><head><meta charset="utf-8"><title>市情分析</title></head><body><ul>{items}</ul>'
                f'<div class="page">{pager}</div></body></html>').encode("utf-8")

    lists = {("/sjfb/sqfx/index.html" if k == 0 else f"/sjfb/sqfx/index_{k}.html"): list_body(k) for k in range(n_lists)}

    def article_body(i: int) -> bytes:
        return (f'<html><head><meta charset="utf-8"><title>文章{i}</title></head><body><h1>文章{i}</h1>'
                f'<div class="info">时间:2026年01月15日来源:沈阳市统计局</div>'
                + "".join(f"<p>{PARAGRAPH}</p>" for _ in range(8)) + "</body></html>").encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the crawlers reuse connections

        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            path = self.path
            if path == "/_counts":
                with lock:
                    body = json.dumps(counts).encode()
                return self.send(200, body, "application/json")
            if path == "/_reset":
                with lock:
                    for k in counts:
                        counts[k] = 0
                return self.send(200, b"ok", "text/plain")
            if path == "/robots.txt":
                return self.count("other", 200, b"User-agent: *\nAllow: /\n", "text/plain")
            if path in lists:
                return self.count("list", 200, lists[path], "text/html; charset=utf-8")
            if path.startswith("/sjfb/sqfx/202601/t20260115_"):
                i = int(path.rsplit("_", 1)[1].split(".")[0])
                if 0 <= i < n_articles:
                    etag = '"' + hashlib.md5(str(i).encode()).hexdigest()[:16] + '"'
                    if self.headers.get("If-None-Match") == etag:
                        return self.count("article_304", 304, b"", None, etag=etag)
                    return self.count("article_200", 200, article_body(i), "text/html; charset=utf-8", etag=etag)
            return self.count("other", 404, b"not found", "text/plain")

        def count(self, key, status, body, ctype, etag=None):
            with lock:
                counts[key] += 1
            self.send(status, body, ctype, etag)

        def send(self, status, body, ctype, etag=None):
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

    return Handler


def serve(port_file: str, n_articles: int, per_list: int) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(n_articles, per_list))
    httpd.daemon_threads = True
    Path(port_file).write_text(str(httpd.server_address[1]))
    httpd.serve_forever()


# --- the plain Scrapy spider (child process) --------------------------------------------------------------

PLAIN_SPIDER = r'''
import re, sys, scrapy
from scrapy.crawler import CrawlerProcess

start, list_re, article_re, concurrency = sys.argv[1], re.compile(sys.argv[2]), re.compile(sys.argv[3]), int(sys.argv[4])

class Plain(scrapy.Spider):
    name = "plain"
    start_urls = [start]
    def parse(self, response):
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            if list_re.search(url):
                yield scrapy.Request(url, callback=self.parse)
            elif article_re.search(url):
                yield scrapy.Request(url, callback=self.article)
    def article(self, response):
        yield {"url": response.url, "status": response.status}

p = CrawlerProcess({"LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS": concurrency,
                    "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency, "DOWNLOAD_DELAY": 0,
                    "AUTOTHROTTLE_ENABLED": False, "TELNETCONSOLE_ENABLED": False})
p.crawl(Plain)
p.start()
'''


def counts(base: str) -> dict:
    with urllib.request.urlopen(f"{base}/_counts", timeout=10) as r:
        return json.loads(r.read())


def reset(base: str) -> None:
    urllib.request.urlopen(f"{base}/_reset", timeout=10).read()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--per-list", type=int, default=50)
    ap.add_argument("--concurrency", type=int, default=16, help="requests at a time, both crawlers (bench only)")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each crawler; the best is reported")
    ap.add_argument("--serve", nargs=1, metavar="PORT_FILE", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.serve:
        serve(args.serve[0], args.articles, args.per_list)
        return 0
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    import crawlers

    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        tmp = Path(tmp)
        port_file = tmp / "port"
        server = subprocess.Popen([sys.executable, __file__, "--articles", str(args.articles), "--per-list",
                                   str(args.per_list), "--serve", str(port_file)])
        try:
            for _ in range(100):
                if port_file.exists() and port_file.read_text():
                    break
                time.sleep(0.05)
            else:
                raise RuntimeError("the bench site did not start")
            base = f"http://127.0.0.1:{port_file.read_text()}"
            n_lists = (args.articles + args.per_list - 1) // args.per_list
            list_re = r"/sjfb/sqfx/index(_\d+)?\.html$"
            article_re = r"/sjfb/sqfx/\d{6}/t\d{8}_\d+\.html$"
            sources = tmp / "sources.toml"
            sources.write_text(f'''
[[source]]
id = "bench"
publisher = "基准测试站点"
authority = 1
region = "沈阳"
kind = "statistics"
start_urls = ["{base}/sjfb/sqfx/index.html"]
article_pattern = '{article_re}'
list_pattern = '{list_re}'
max_list_pages = {n_lists + 1}
''', encoding="utf-8")
            relaxed = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": args.concurrency,
                       "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency, "LOG_LEVEL": "WARNING"}
            log.info("site: %d articles, %d list pages on %s", args.articles, n_lists, base)
            log.info("project crawler: politeness relaxed for 127.0.0.1 (no delay, %d at a time), "
                     "AutoThrottle OFF for the bench only", args.concurrency)

            # Best of --repeat runs each, alternating: the machine is shared, a single run is noisy.
            plain_py = tmp / "plain.py"
            plain_py.write_text(PLAIN_SPIDER, encoding="utf-8")
            t_project = t_plain = float("inf")
            first, n_plain = None, 0
            for k in range(args.repeat):
                started = time.monotonic()
                run = crawlers.crawl(["bench"], scan_date=SCAN_DATE, archive_dir=tmp / f"a1-{k}",
                                     sources_path=sources, settings=relaxed, timeout=900)
                elapsed = time.monotonic() - started
                n_project = len([p for p in run.pages if p.status == 200 and not p.error])
                if run.errors or n_project != args.articles + n_lists:
                    log.warning("project crawl: %d pages of %d expected; errors: %s", n_project,
                                args.articles + n_lists, run.errors)
                warc_mb = sum(p.stat().st_size for p in run.warc_paths) / 1e6
                log.info("project crawl %d: %d pages in %.2f s = %.1f pages/s (WARC %.1f MB, stats: %s)", k + 1,
                         n_project, elapsed, n_project / elapsed, warc_mb, run.stats["bench"].requests)
                if elapsed < t_project:
                    t_project, first = elapsed, run

                reset(base)
                started = time.monotonic()
                subprocess.run([sys.executable, str(plain_py), f"{base}/sjfb/sqfx/index.html", list_re, article_re,
                                str(args.concurrency)], check=True, timeout=900)
                elapsed = time.monotonic() - started
                c = counts(base)
                n = c["article_200"] + c["list"]
                log.info("plain Scrapy %d: %d pages in %.2f s = %.1f pages/s", k + 1, n, elapsed, n / elapsed)
                if elapsed < t_plain:
                    t_plain, n_plain = elapsed, n
            fetched = [p for p in first.pages if p.status == 200 and not p.error]
            n_project = len(fetched)

            reset(base)
            revisit = []
            for p in fetched:
                if p.kind != "article":
                    continue
                headers = {k.lower(): v for k, v in p.meta.get("headers", {}).items()}
                revisit.append({"source_id": "bench", "url": p.url, "etag": headers.get("etag"),
                                "last_modified": headers.get("last-modified")})
            started = time.monotonic()
            again = crawlers.crawl(["bench"], scan_date=SCAN_DATE, archive_dir=tmp / "a2", sources_path=sources,
                                   settings=relaxed, timeout=900, revisit=revisit)
            t_rescan = time.monotonic() - started
            c = counts(base)
            full = c["article_200"]
            n304 = sum(1 for p in again.pages if p.status == 304)
            log.info("rescan: %d known articles revisited, %d answered 304, %d full article downloads "
                     "(server count), %d list pages, %.2f s", len(revisit), n304, full, c["list"], t_rescan)
        finally:
            server.terminate()
            server.wait(timeout=10)
    rate = n_project / t_project
    ratio = rate / (n_plain / t_plain)
    log.info("crawl: %.1f pages/s, %.2fx plain Scrapy; rescan: %d article downloads", rate, ratio, full)
    return 0


if __name__ == "__main__":
    sys.exit(main())
