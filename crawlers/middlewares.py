"""ArchiveMiddleware: every HTTP response goes to the crawl's WARC file, as it came.

It sits near the downloader, so it sees error statuses, redirects and each retry attempt before other
middlewares act on them, and the body before decompression. The record's place is stored in the
request's meta (`warc_path`, `warc_offset`) for the spider to put in its FetchedPage.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals
from scrapy.dupefilters import RFPDupeFilter

from .archive import ArchiveWriter, archive_path_for

log = logging.getLogger(__name__)

# One writer per file and process: several spiders of one crawl share the crawl's WARC.
_WRITERS: dict[Path, tuple[ArchiveWriter, int]] = {}


def _acquire(path: Path, info: dict[str, str]) -> ArchiveWriter:
    writer, users = _WRITERS.get(path, (None, 0))
    if writer is None:
        writer = ArchiveWriter(path, info=info)
    _WRITERS[path] = (writer, users + 1)
    return writer


def _release(path: Path) -> None:
    writer, users = _WRITERS.get(path, (None, 0))
    if writer is None:
        return
    if users <= 1:
        writer.close()
        del _WRITERS[path]
    else:
        _WRITERS[path] = (writer, users - 1)


def header_pairs(headers) -> list[tuple[str, str]]:
    """Scrapy Headers (bytes, multi-valued) as (name, value) text pairs; latin-1 keeps every byte."""
    out = []
    for name, values in headers.items():
        for v in values:
            out.append((name.decode("latin-1"), v.decode("latin-1")))
    return out


class ArchiveMiddleware:
    def __init__(self, path: Path, info: dict[str, str] | None = None):
        self.path = path
        self.info = info or {}
        self.writer: ArchiveWriter | None = None

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        path = s.get("ARCHIVE_WARC_PATH") or ""
        if not path:
            label = crawler.spidercls.name or "crawl"
            path = archive_path_for(s.get("ARCHIVE_DIR") or "data/archive", label)
        import scrapy

        info = {"software": f"shenyang-monitor (Scrapy {scrapy.__version__}, warcio)",
                "http-header-user-agent": s.get("USER_AGENT"),
                "robots": "obey" if s.getbool("ROBOTSTXT_OBEY") else "ignore",
                "replay-of": " ".join(s.getlist("REPLAY_WARCS")) or "-",
                "format": "WARC File Format 1.1"}
        mw = cls(Path(path), info)
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def spider_opened(self, spider) -> None:
        self.writer = _acquire(self.path, self.info)
        log.info("archiving responses to %s", self.path)

    def spider_closed(self, spider) -> None:
        if self.writer is not None:
            self.writer = None
            _release(self.path)

    def process_response(self, request, response):
        if self.writer is None:  # not opened (should not happen); never lose the response silently
            raise RuntimeError("ArchiveMiddleware got a response before the spider opened")
        extra = {}
        replayed = request.meta.get("replayed_from")
        if replayed:
            extra["WARC-Refers-To-Date"] = replayed["date"]
            extra["WARC-Refers-To-Target-URI"] = response.url
        fetched = datetime.now(timezone.utc)
        offset = self.writer.write_response(
            response.url, response.status, header_pairs(response.headers), response.body,
            when=fetched, extra=extra,
        )
        request.meta["warc_path"] = str(self.path)
        request.meta["warc_offset"] = offset
        request.meta["fetched_at"] = fetched.isoformat(timespec="seconds")
        return response


class StatsMiddleware:
    """Counts each attempt of the spider's source (retries and redirects included) into the spider's
    `crawl_stats` (a crawlers.stats.SourceStats): status classes, failures, body bytes."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _stats(self):
        return getattr(self.crawler.spider, "crawl_stats", None)

    def process_response(self, request, response):
        from .stats import status_class

        stats = self._stats()
        if stats is not None:
            stats.requests[status_class(response.status)] += 1
            stats.bytes += len(response.body)
        return response

    def process_exception(self, request, exception):
        from scrapy.exceptions import IgnoreRequest

        from .replay import NotInReplayArchive

        stats = self._stats()
        if stats is not None:
            # robots.txt saying no is a choice, not a failure; a URL missing from the replay is a failure.
            ignored = isinstance(exception, IgnoreRequest) and not isinstance(exception, NotInReplayArchive)
            stats.requests["ignored" if ignored else "failed"] += 1
        return None


class BackoffRetryMiddleware:
    """Scrapy's RetryMiddleware (same settings: RETRY_TIMES, RETRY_HTTP_CODES, RETRY_EXCEPTIONS), with
    a pause before each retry: RETRY_BACKOFF_BASE * 2 ** (attempt - 1) seconds, capped by
    RETRY_BACKOFF_MAX. A server that answers 503 or times out gets time to recover instead of an
    immediate second hit. The pause does not block other downloads."""

    def __init__(self, crawler):
        from scrapy.downloadermiddlewares.retry import RetryMiddleware

        self.inner = RetryMiddleware.from_crawler(crawler)  # NotConfigured when RETRY_ENABLED is off
        self.crawler = crawler
        s = crawler.settings
        self.base = s.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.cap = s.getfloat("RETRY_BACKOFF_MAX", 30.0)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def _later(self, retry):
        if retry is None:
            return None
        stats = getattr(self.crawler.spider, "crawl_stats", None)
        if stats is not None:
            stats.retries += 1
        if self.base <= 0:
            return retry
        attempt = retry.meta.get("retry_times", 1)
        delay = min(self.base * 2 ** (attempt - 1), self.cap)
        from twisted.internet import reactor, task
        from scrapy.utils.defer import maybe_deferred_to_future

        log.info("retry %d of %s in %.1f s", attempt, retry.url, delay)
        await maybe_deferred_to_future(task.deferLater(reactor, delay, lambda: None))
        return retry

    async def process_response(self, request, response):
        out = self.inner.process_response(request, response)
        if isinstance(out, scrapy_request_class()):
            return await self._later(out)
        return out

    async def process_exception(self, request, exception):
        out = self.inner.process_exception(request, exception)
        if out is not None:
            return await self._later(out)
        return None


def scrapy_request_class():
    from scrapy import Request

    return Request


class RedirectAwareDupeFilter(RFPDupeFilter):
    """Scrapy's duplicate filter, except for redirect hops: a redirect back to a URL already seen (a
    loop) would otherwise be dropped without a word, and the page with it. REDIRECT_MAX_TIMES bounds
    the loop instead, and the page is reported as failed ("max redirections reached")."""

    def request_seen(self, request) -> bool:
        if request.meta.get("redirect_times"):
            return False
        return super().request_seen(request)


class OffsiteRedirectMiddleware:
    """A redirect to a host outside the source's domains fails the page with a message, instead of
    the request vanishing (Scrapy's offsite filter drops it at scheduling, no errback, no trace)."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        from urllib.parse import urljoin, urlsplit

        from scrapy.exceptions import IgnoreRequest

        if response.status not in (301, 302, 303, 307, 308) or b"Location" not in response.headers:
            return response
        domains = getattr(self.crawler.spider, "allowed_domains", None)
        target = urljoin(response.url, response.headers[b"Location"].decode("latin-1"))
        host = (urlsplit(target).hostname or "").lower()
        if domains and not any(host == d or host.endswith("." + d) for d in domains):
            raise IgnoreRequest(f"redirected off the site to {target} (allowed: {', '.join(domains)})")
        return response
