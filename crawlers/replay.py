"""Replay: answer every request from recorded WARC archives instead of the network.

On when the setting REPLAY_WARCS lists archive paths. The spiders request the same URLs as live; a URL
that is not in the archives fails with NotInReplayArchive ("not in the replay archive: URL"), which
reaches the spider's errback as a failed fetch. Nothing here opens a socket.
"""
from __future__ import annotations

import logging
from pathlib import Path

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes
from w3lib.url import canonicalize_url

from .archive import iter_index, read_response, warc_date

log = logging.getLogger(__name__)

# The archive returns bodies already decoded; these headers would describe the wire form, not them.
_STALE = {"content-encoding", "content-length", "transfer-encoding"}


class NotInReplayArchive(IgnoreRequest):
    """The replay archives hold no response for this URL."""


class ReplayIndex:
    """URL -> (warc path, offset) of the latest recorded response for it."""

    def __init__(self, paths: list[str | Path]):
        self.paths = [Path(p) for p in paths]
        self.exact: dict[str, tuple[Path, int]] = {}
        self.canonical: dict[str, tuple[Path, int]] = {}
        for p in self.paths:
            if not p.is_file():
                raise FileNotFoundError(f"replay archive not found: {p}")
            n = 0
            for url, offset, _status in iter_index(p):
                # Later records win: an archive of several crawls replays the newest response.
                self.exact[url] = (p, offset)
                self.canonical[canonicalize_url(url)] = (p, offset)
                n += 1
            log.info("replay: %d responses indexed from %s", n, p)

    def lookup(self, url: str) -> tuple[Path, int] | None:
        return self.exact.get(url) or self.canonical.get(canonicalize_url(url))

    def __len__(self) -> int:
        return len(self.exact)


class ReplayMiddleware:
    def __init__(self, index: ReplayIndex):
        self.index = index

    @classmethod
    def from_crawler(cls, crawler):
        paths = crawler.settings.getlist("REPLAY_WARCS")
        if not paths:
            raise NotConfigured("no REPLAY_WARCS: live crawl")
        return cls(ReplayIndex(paths))

    def process_request(self, request):
        hit = self.index.lookup(request.url)
        if hit is None:
            raise NotInReplayArchive(f"not in the replay archive: {request.url}")
        rec = read_response(*hit)
        headers = Headers([(k, v) for k, v in rec.header_list if k.lower() not in _STALE])
        cls = responsetypes.from_args(headers=headers, url=rec.url, body=rec.body)
        request.meta["replayed_from"] = {"warc_path": str(hit[0]), "warc_offset": hit[1],
                                         "date": warc_date(rec.date) if rec.date else ""}
        return cls(url=request.url, status=rec.status, headers=headers, body=rec.body,
                   request=request, protocol="HTTP/1.1")
