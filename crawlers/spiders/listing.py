"""The one generic spider: a source entry of sources.toml says where its lists are and what its
article links look like.

    scrapy crawl listing -a source=hkcd -a date=2026-01-15

It fetches the start (list) pages of the scan date, follows further list pages matching `list_pattern`
(up to `max_list_pages`), follows every link matching `article_pattern`, and yields one FetchedPage per
response, failed ones included. It never cleans or extracts: the archive middleware has already
stored the bytes, the page only says where.
"""
from __future__ import annotations

import logging
import re
import time
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urldefrag

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.exceptions import (CannotResolveHostError, DownloadCancelledError, DownloadConnectionRefusedError,
                               DownloadTimeoutError, IgnoreRequest)
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError

from crawlers.archive import sha256
from crawlers.items import FetchedPage
from crawlers.sources import Source, get_source
from crawlers.stats import SourceStats

log = logging.getLogger(__name__)
# TRS-style CMS pagers: createPageHTML(<page count>, <current page from 0>, "index", "html")
_PAGER = re.compile(r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)")


def describe_failure(failure) -> str:
    """A short, human message for a failed request (no traceback)."""
    exc = failure.value
    text = str(exc).strip() or exc.__class__.__name__
    if failure.check(CannotResolveHostError, DNSLookupError):
        return text if "DNS" in text else f"DNS lookup failed: {text}"
    if failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return f"timed out: {text}"
    if failure.check(DownloadConnectionRefusedError):
        return f"connection refused: {text}"
    if failure.check(DownloadCancelledError) or "larger than download max size" in text:
        return f"too large: {text}"
    if failure.check(IgnoreRequest):
        return text  # our own messages ("not in the replay archive: URL", "Forbidden by robots.txt")
    return f"{exc.__class__.__name__}: {text}"


class ListingSpider(scrapy.Spider):
    name = "listing"

    def __init__(self, source: str | Source | None = None, date: str | None = None,
                 sources_path: str | None = None, revisit: list[dict] | None = None,
                 since: str | None = None, **kwargs):
        super().__init__(**kwargs)
        if source is None:
            raise ValueError("the listing spider needs a source: -a source=<id from crawlers/sources.toml>")
        self.source = source if isinstance(source, Source) else get_source(source, sources_path)
        self.scan_date = _parse_date(date)
        # A backfill: follow the lists back to this date (None: a daily scan, bounded by max_list_pages).
        self.since = _parse_date(since) if since else None
        self.allowed_domains = self.source.domains
        self.list_pages_seen: set[str] = set()
        self.list_ok = 0
        self.list_failed: list[str] = []
        # Known articles to fetch again only if changed (ETag / Last-Modified): revised figures.
        self.revisit = [r for r in (revisit or []) if r.get("source_id", self.source.id) == self.source.id]
        self.revisit_urls = {r["url"] for r in self.revisit}
        self.article_links: set[str] = set()
        self.requested: set[str] = set()  # article URLs asked for in this crawl
        self.crawl_stats = SourceStats(self.source.id)
        self._started = time.monotonic()

    @property
    def check_mode(self) -> bool:
        """crawlers.check: one list page and one article, nothing more."""
        return self.settings.getbool("MONITOR_CHECK")

    @property
    def max_list_pages(self) -> int:
        if self.check_mode:
            return 1
        if self.since is not None:
            return max(self.source.max_list_pages, self.settings.getint("BACKFILL_MAX_LIST_PAGES", 200))
        return self.source.max_list_pages

    @property
    def oldest(self) -> date | None:
        """Article links dated (in their URL) before this are skipped."""
        if self.check_mode:
            return None  # a check wants any article of the list, however old
        if self.since is not None:
            return self.since
        return self.scan_date - timedelta(days=self.source.recent_days) if self.source.recent_days else None

    async def start(self):
        urls = self.source.urls_for(self.scan_date, since=self.since)
        if self.check_mode:
            urls = urls[:1]
        # Revisits first: an article that a list page links too is then fetched once, conditionally.
        for entry in [] if self.check_mode else self.revisit:
            headers = {}
            if entry.get("etag"):
                headers["If-None-Match"] = entry["etag"]
            if entry.get("last_modified"):
                headers["If-Modified-Since"] = entry["last_modified"]
            self.requested.add(entry["url"])
            req = self._request(entry["url"], "article", hint={"revisit": True})
            req.headers.update(headers)
            req.meta["handle_httpstatus_list"] = [304]  # "not modified" is an answer, not a failure
            yield req
        for url in urls:
            self.list_pages_seen.add(url)
            req = self._request(url, "list")
            req.meta["list_start"] = url
            req.meta["list_page_no"] = 0
            yield req

    def closed(self, reason):
        self.crawl_stats.seconds = round(time.monotonic() - self._started, 3)
        self.crawl_stats.new_article_links = len(self.article_links - self.revisit_urls)

    def _request(self, url: str, kind: str, referer: str | None = None, hint: dict | None = None):
        return scrapy.Request(url, callback=self.parse_list if kind == "list" else self.parse_article,
                              errback=self.on_error, dont_filter=kind == "list",
                              meta={"kind": kind, "list_referer": referer, "hint": hint or {}})

    def _page(self, response, kind: str) -> FetchedPage:
        meta = response.meta
        headers = {k.decode("latin-1"): response.headers.get(k).decode("latin-1") for k in response.headers}
        extra = {"headers": headers, **meta.get("hint", {})}
        if meta.get("replayed_from"):
            extra["replayed_from"] = meta["replayed_from"]
        return FetchedPage(
            source_id=self.source.id,
            url=response.url,
            kind=kind,
            status=response.status,
            fetched_at=meta.get("fetched_at") or _now(),
            warc_path=meta.get("warc_path"),
            warc_offset=meta.get("warc_offset"),
            content_hash=sha256(response.body),
            content_type=headers.get("Content-Type"),
            referer=meta.get("list_referer"),
            meta=extra,
        )

    def parse_list(self, response):
        self.list_ok += 1
        self.crawl_stats.list_pages += 1
        page = self._page(response, "list")
        if not isinstance(response, scrapy.http.TextResponse):
            self.crawl_stats.parse_failures += 1
            page.meta["parse_error"] = f"not text ({page.content_type})"
            log.warning("%s: list page %s is not text (%s); no links read", self.source.id, response.url,
                        page.content_type)
            yield page
            return
        if self.source.encoding and not _declares_charset(response):
            response = response.replace(encoding=self.source.encoding)
        try:
            links = list(_links(response))
        except Exception as exc:  # a list page the parser chokes on is this source's problem, reported
            self.crawl_stats.parse_failures += 1
            page.meta["parse_error"] = f"{exc.__class__.__name__}: {exc}"
            log.warning("%s: list page %s could not be parsed: %r", self.source.id, response.url, exc)
            yield page
            return
        oldest = self.oldest
        articles, more_lists, dated, recent = [], [], 0, 0
        for href, text, seen in links:
            if not href or href.startswith(("javascript:", "mailto:", "#")):
                continue
            url = urldefrag(response.urljoin(href))[0]
            if self.source.article_re.search(url):
                if any(a[0] == url for a in articles):
                    continue
                when = _url_date(url) or (date.fromisoformat(seen) if seen else None)
                if when is not None:
                    dated += 1
                    recent += oldest is None or when >= oldest
                articles.append((url, text, seen, when))
            elif self.source.list_re is not None and self.source.list_re.search(url) and url not in more_lists:
                more_lists.append(url)
        page.meta["article_links"] = len(articles)
        if not articles and 200 <= response.status < 300:
            self.crawl_stats.empty_list_pages.append(response.url)
        yield page
        follow = 0
        for url, text, seen, when in articles:
            if oldest is not None and when is not None and when < oldest:
                log.debug("%s: skip %s (older than %s)", self.source.id, url, oldest)
                continue
            if self.check_mode and follow >= 1:
                break
            follow += 1
            self.article_links.add(url)
            if url in self.requested:
                continue  # linked from another list page too, or a revisit asked for it conditionally
            self.requested.add(url)
            hint = {"link_text": text} if text else {}
            if seen:
                hint["list_date"] = seen
            yield self._request(url, "article", referer=response.url, hint=hint)
        # A backfill goes further back only while this page still lists entries at or after `since`.
        exhausted = self.since is not None and dated > 0 and recent == 0
        if exhausted or self.check_mode:
            return
        for url in more_lists:
            if url not in self.list_pages_seen and len(self.list_pages_seen) < self.max_list_pages:
                self.list_pages_seen.add(url)
                yield self._request(url, "list", referer=response.url)
        start = response.meta.get("list_start")
        if self.source.page_url and start is not None and len(self.list_pages_seen) < self.max_list_pages:
            n = response.meta.get("list_page_no", 0) + 1
            pager = _PAGER.search(response.text)
            if pager and n >= int(pager.group(1)):
                return  # the CMS's own page count says this was the last page
            url = _join(start, self.source.page_url.format(n=n))
            if url not in self.list_pages_seen:
                self.list_pages_seen.add(url)
                req = self._request(url, "list", referer=response.url)
                req.meta["list_start"], req.meta["list_page_no"], req.meta["paged"] = start, n, True
                yield req

    def parse_article(self, response):
        self.crawl_stats.article_pages += 1
        page = self._page(response, "article")
        if "dataloss" in response.flags:
            # Content-Length promised more than came: archived as it came, reported, fetched again next time.
            page.error = f"truncated: {len(response.body)} bytes received, the server announced more"
        yield page

    def on_error(self, failure):
        request = failure.request
        kind = request.meta.get("kind", "article")
        if failure.check(HttpError):
            # An error status (after retries): the response is archived; report it with its status.
            response = failure.value.response
            if kind == "list" and request.meta.get("paged") and response.status == 404:
                pass  # numbered list pages ran out: the end of the pagination, not a failure of the source
            elif kind == "list":
                self.list_failed.append(f"{response.url}: HTTP {response.status}")
            page = self._page(response, kind)
            page.error = f"HTTP {response.status}"
            yield page
            return
        message = describe_failure(failure)
        # After redirects the request is the last hop: report the page under the URL that was linked.
        hops = request.meta.get("redirect_urls") or []
        url = hops[0] if hops else request.url
        if hops:
            message = f"{message} (after {len(hops)} redirects, last {request.url})"
        if kind == "list":
            self.list_failed.append(f"{url}: {message}")
        log.warning("%s: %s failed: %s", self.source.id, url, message)
        yield FetchedPage(source_id=self.source.id, url=url, kind=kind, status=0,
                          fetched_at=_now(), referer=request.meta.get("list_referer"), error=message,
                          meta=dict(request.meta.get("hint", {})))


def _parse_date(value) -> date:
    if value is None:
        from zoneinfo import ZoneInfo

        return datetime.now(ZoneInfo("Asia/Shanghai")).date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"scan date must be YYYY-MM-DD, got {value!r}") from None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _declares_charset(response) -> bool:
    if b"charset" in (response.headers.get("Content-Type") or b"").lower():
        return True
    return b"charset" in response.body[:4096].lower()


def _url_date(url: str) -> date | None:
    from extract.dates import date_from_url

    return date_from_url(url)


def _join(start: str, relative: str) -> str:
    from urllib.parse import urljoin

    return urljoin(start, relative)


def _links(response):
    """(href, link text, date seen next to it) of a list page, an RSS/Atom feed or a sitemap."""
    if isinstance(response, scrapy.http.XmlResponse) or response.text[:300].lstrip().startswith("<?xml"):
        sel = scrapy.Selector(text=response.text, type="xml")
        sel.remove_namespaces()
        for item in sel.xpath("//item|//entry|//url"):
            href = (item.xpath("./link/@href").get() or item.xpath("./link/text()").get()
                    or item.xpath("./loc/text()").get() or item.xpath("./guid/text()").get() or "").strip()
            title = " ".join((item.xpath("./title/text()").get() or "").split())
            when = (item.xpath("./pubDate/text()|./published/text()|./updated/text()|./lastmod/text()").get() or "")
            yield href, title, _feed_date(when)
        return
    for a in response.css("a[href]"):
        text = " ".join(t.strip() for t in a.css("::text").getall() if t.strip())
        yield a.attrib.get("href", "").strip(), text, _date_near(a)


def _feed_date(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    from email.utils import parsedate_to_datetime

    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()  # RSS: "Wed, 15 Jan 2026 14:11:40 +0800"
    except (TypeError, ValueError):
        return None


def _date_near(link) -> str | None:
    """A date printed next to a list link (its list item's text), as YYYY-MM-DD: a hint only."""
    from extract.dates import date_from_marked

    parent = link.xpath("./ancestor::li[1]|./ancestor::tr[1]")
    if not parent:
        return None
    text = " ".join(t.strip() for t in parent[0].css("::text").getall() if t.strip())
    dt = date_from_marked([text[:200]])
    return dt.date().isoformat() if dt else None
