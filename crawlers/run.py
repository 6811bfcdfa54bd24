"""One crawl, in its own process (Twisted's reactor cannot restart within a process).

    python -m crawlers.run --source lnd_epaper --date 2025-01-21 \
        --replay tests/fixtures/replay/seeds.warc.gz --archive-dir data/archive --out crawl.jsonl

Every response goes to one new WARC file in --archive-dir. The manifest (--out) gets one JSON line
per event, written as it happens:
    {"type": "warc", "path": ...}                      the crawl's archive
    {"type": "page", ...FetchedPage fields...}         each fetched (or failed) page
    {"type": "error", "source_id": ..., "message": ...} a source that gave nothing usable
    {"type": "stats", ...SourceStats fields...}       per source, when its spider closed
    {"type": "done", "pages": N, "errors": M}          last line: the crawl finished
Exit status: 0 when the crawl ran (failed sources are in the manifest), 2 for bad arguments.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

log = logging.getLogger("crawlers.run")


def _settings(*, warc_path: Path, replay: list[str], overrides: dict, backfill: bool = False):
    from scrapy.settings import Settings

    s = Settings()
    s.setmodule("crawlers.settings", priority="project")
    s.set("ARCHIVE_WARC_PATH", str(warc_path), priority="cmdline")
    if replay:
        s.set("REPLAY_WARCS", [str(p) for p in replay], priority="cmdline")
        # Nobody to be polite to: the bytes come from a file.
        s.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        s.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        s.set("RETRY_BACKOFF_BASE", 0, priority="cmdline")
    if backfill:
        # Pagination chains are as deep as the backfill goes; BACKFILL_MAX_LIST_PAGES bounds them.
        s.set("DEPTH_LIMIT", 0, priority="cmdline")
    for k, v in overrides.items():
        s.set(k, v, priority="cmdline")
    return s


def _spider_class(source):
    """The listing spider with this source's politeness overrides (custom_settings are per class)."""
    from crawlers.spiders.listing import ListingSpider

    custom = {}
    if source.download_delay is not None:
        custom["DOWNLOAD_DELAY"] = source.download_delay
    if source.concurrency is not None:
        custom["CONCURRENT_REQUESTS_PER_DOMAIN"] = source.concurrency
    return type(f"ListingSpider_{source.id}", (ListingSpider,), {"custom_settings": custom})


def run_crawl(source_ids: list[str], *, scan_date: date, archive_dir: Path, out: Path,
              replay: list[str] | None = None, sources_path: str | None = None,
              overrides: dict | None = None, revisit: list[dict] | None = None,
              since: date | None = None) -> int:
    """Crawl the sources in this process (call once per process); returns the number of pages."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawlers.archive import archive_path_for
    from crawlers.sources import get_source

    sources = [get_source(sid, sources_path) for sid in source_ids]
    label = f"{scan_date:%Y%m%d}-{'-'.join(source_ids) if len(source_ids) <= 2 else f'{len(source_ids)}src'}"
    warc_path = archive_path_for(archive_dir, label)
    settings = _settings(warc_path=warc_path, replay=replay or [], overrides=overrides or {},
                         backfill=since is not None)
    out.parent.mkdir(parents=True, exist_ok=True)
    manifest = open(out, "w", encoding="utf-8")

    def emit(obj: dict) -> None:
        manifest.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
        manifest.flush()

    emit({"type": "warc", "path": str(warc_path)})
    counts = {"pages": 0, "errors": 0}
    spider_errors: dict[str, list[str]] = {}

    process = CrawlerProcess(settings)
    crawlers = []
    for source in sources:
        crawler = process.create_crawler(_spider_class(source))

        def on_item(item, response=None, spider=None, **_):
            counts["pages"] += 1
            emit({"type": "page", **asdict(item)})

        def on_spider_error(failure, response=None, spider=None, _sid=source.id, **_):
            where = getattr(response, "url", "?")
            spider_errors.setdefault(_sid, []).append(f"spider error on {where}: {failure.value!r}")

        crawler.signals.connect(on_item, signal=signals.item_scraped, weak=False)
        crawler.signals.connect(on_spider_error, signal=signals.spider_error, weak=False)
        process.crawl(crawler, source=source, date=scan_date.isoformat(),
                      since=since.isoformat() if since else None,
                      revisit=[r for r in revisit or [] if r.get("source_id") == source.id])
        crawlers.append((source, crawler))
    process.start()

    for source, crawler in crawlers:
        spider = crawler.spider
        problems = []
        if spider is None or spider.list_ok == 0:
            why = "; ".join(spider.list_failed[:3]) if spider is not None and spider.list_failed else "no response"
            problems.append(f"no list page could be fetched ({why})")
        problems.extend(spider_errors.get(source.id, []))
        for message in problems:
            counts["errors"] += 1
            emit({"type": "error", "source_id": source.id, "message": message})
        if spider is not None:
            emit({"type": "stats", **spider.crawl_stats.to_dict()})
    emit({"type": "done", **counts})
    manifest.close()
    return counts["pages"]


def _parse_set(values: list[str]) -> dict:
    out = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise argparse.ArgumentTypeError(f"--set wants KEY=VALUE, got {item!r}")
        try:
            out[key] = json.loads(value)  # numbers, booleans, lists
        except json.JSONDecodeError:
            out[key] = value
    return out


def _read_revisit(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        obj = json.loads(line)
        if not isinstance(obj, dict) or not obj.get("url") or not obj.get("source_id"):
            raise ValueError(f"{path}:{n}: a revisit line needs 'source_id' and 'url'")
        out.append(obj)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m crawlers.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", action="append", required=True, help="source id (repeatable)")
    ap.add_argument("--date", required=True, help="scan date, YYYY-MM-DD (fills the start URL templates)")
    ap.add_argument("--since", default=None, metavar="YYYY-MM-DD",
                    help="backfill: follow list pages back until their entries are older than this date")
    ap.add_argument("--replay", nargs="+", default=[], metavar="WARC", help="answer from these archives")
    ap.add_argument("--archive-dir", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path, help="manifest, JSON lines")
    ap.add_argument("--sources", default=None, help="sources.toml to read (default: the packaged one)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="a Scrapy setting")
    ap.add_argument("--revisit", type=Path, default=None, metavar="JSONL",
                    help="known articles to fetch again if changed: lines of "
                         '{"source_id", "url", "etag", "last_modified"}')
    args = ap.parse_args(argv)
    try:
        scan_date = date.fromisoformat(args.date)
        since = date.fromisoformat(args.since) if args.since else None
        if since is not None and since > scan_date:
            raise ValueError(f"--since {since} is after the scan date {scan_date}")
        overrides = _parse_set(args.set)
        from crawlers.sources import get_source

        for sid in args.source:
            get_source(sid, args.sources)
        for p in args.replay:
            if not Path(p).is_file():
                raise FileNotFoundError(f"replay archive not found: {p}")
        revisit = _read_revisit(args.revisit) if args.revisit else []
    except (ValueError, KeyError, OSError, argparse.ArgumentTypeError) as exc:
        log.error("%s", exc)
        return 2
    run_crawl(args.source, scan_date=scan_date, archive_dir=args.archive_dir, out=args.out,
              replay=args.replay, sources_path=args.sources, overrides=overrides, revisit=revisit, since=since)
    return 0


if __name__ == "__main__":
    sys.exit(main())
