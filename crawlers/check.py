"""Do the configured selectors still work? One list page and one article per source, fetched in a
child process like a crawl, then read here: links found, a publication date, a body.

    for c in check_sources():            # live
        print(c)                         # "hkcd: OK: 24 article links, ..." / "cri_ln: UNREACHABLE: ..."
"""
from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .crawl import crawl
from .sources import load_sources

log = logging.getLogger(__name__)


@dataclass
class SourceCheck:
    source_id: str
    reachable: bool  # the list page answered (any HTTP status); False: DNS, refused, timeout, ...
    list_url: str | None = None
    list_status: int | None = None
    links_found: int = 0  # article links on the list page (matching article_pattern)
    article_url: str | None = None
    title: str | None = None
    published: datetime | None = None
    body_chars: int = 0
    problems: list[str] = field(default_factory=list)  # what does not work, one sentence each

    @property
    def ok(self) -> bool:
        return self.reachable and not self.problems

    def __str__(self) -> str:
        if not self.reachable:
            return f"{self.source_id}: UNREACHABLE: {'; '.join(self.problems)}"
        if self.problems:
            return f"{self.source_id}: PROBLEM: {'; '.join(self.problems)}"
        when = self.published.date().isoformat() if self.published else "?"
        return (f"{self.source_id}: OK: {self.links_found} article links on {self.list_url}; "
                f"{self.article_url} dated {when}, {self.body_chars} characters of text")


def check_sources(source_ids: list[str] | None = None, *, replay: list[str | Path] | None = None,
                  scan_date: date | None = None, sources_path: str | Path | None = None,
                  settings: dict | None = None, timeout: float = 120,
                  archive_dir: str | Path | None = None) -> list[SourceCheck]:
    """One SourceCheck per source (all configured sources by default), in the order asked.

    `replay`: check against recorded WARC files instead of the network. `scan_date` fills dated start
    URLs (default: today in Shanghai). `archive_dir`: keep what was fetched (default: a temporary
    directory, removed). Raises crawlers.CrawlError only if the check process could not run at all.
    """
    from extract.clean import MIN_TEXT_CHARS, clean_html

    from .archive import read_response

    ids = list(source_ids) if source_ids else [s.id for s in load_sources(sources_path)]
    if scan_date is None:
        from zoneinfo import ZoneInfo

        scan_date = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    with tempfile.TemporaryDirectory(prefix="source-check-") as tmp:
        result = crawl(ids, scan_date=scan_date, archive_dir=Path(archive_dir or tmp), replay=replay,
                       timeout=timeout, sources_path=sources_path,
                       settings={"MONITOR_CHECK": True, **(settings or {})})
        errors: dict[str, list[str]] = {}
        for e in result.errors:
            errors.setdefault(e.source_id, []).append(e.message)
        checks = []
        for sid in ids:
            pages = [p for p in result.pages if p.source_id == sid]
            lists = [p for p in pages if p.kind == "list"]
            arts = [p for p in pages if p.kind == "article"]
            check = SourceCheck(sid, reachable=False)
            checks.append(check)
            if lists:
                lp = lists[0]
                check.list_url, check.list_status = lp.url, lp.status or None
                check.links_found = int(lp.meta.get("article_links", 0))
            if not lists or lists[0].status == 0:
                why = (lists[0].error if lists else None) or "; ".join(errors.get(sid, [])) or "no response"
                check.problems.append(f"cannot be reached: {why}")
                continue
            check.reachable = True
            lp = lists[0]
            if lp.error:
                check.problems.append(f"list page {lp.url} answered {lp.error}")
                continue
            if lp.meta.get("parse_error"):
                check.problems.append(f"list page {lp.url} could not be parsed: {lp.meta['parse_error']}")
                continue
            if check.links_found == 0:
                check.problems.append(f"no article links on {lp.url}: article_pattern finds nothing "
                                      f"(layout or URL scheme changed?)")
                continue
            if not arts:
                check.problems.append("the first article link was not fetched")
                continue
            ap = arts[0]
            check.article_url = ap.url
            if ap.error or not ap.warc_path:
                check.problems.append(f"article {ap.url} failed: {ap.error or 'not archived'}")
                continue
            rec = read_response(ap.warc_path, ap.warc_offset)
            doc = clean_html(rec.body, url=ap.url, headers=rec.headers)
            check.title, check.published, check.body_chars = doc.title, doc.published, len(doc.text or "")
            if doc.rejected:
                check.problems.append(f"article {ap.url}: no body found ({doc.rejected})")
            elif check.body_chars < MIN_TEXT_CHARS:
                check.problems.append(f"article {ap.url}: body too short ({check.body_chars} characters)")
            if doc.published is None:
                check.problems.append(f"article {ap.url}: no publication date found")
            elif doc.published_from in ("url", "htmldate"):
                # the page's own dateline is gone: the date is only a guess from the URL or htmldate
                check.problems.append(f"article {ap.url}: no dateline, date only from {doc.published_from}")
    for c in checks:  # debug only: callers print the checks they get back, so a warning here said it twice
        log.debug("%s", c)
    return checks


def main(argv: list[str] | None = None) -> int:
    """`python -m crawlers.check [--source ID ...] [--replay WARC ...] [--date YYYY-MM-DD]`: one line per
    source on stdout; exit 1 when any source is not OK."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m crawlers.check", description=main.__doc__.split(":")[0])
    ap.add_argument("--source", action="append", default=None, help="source id (repeatable; default all)")
    ap.add_argument("--replay", nargs="+", default=None, metavar="WARC")
    ap.add_argument("--date", default=None, help="scan date for dated start URLs (default today, Shanghai)")
    ap.add_argument("--sources", default=None, help="sources.toml to read (default: the packaged one)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(message)s")
    checks = check_sources(args.source, replay=args.replay, sources_path=args.sources,
                           scan_date=date.fromisoformat(args.date) if args.date else None)
    sys.stdout.write("".join(f"{c}\n" for c in checks))
    return 0 if all(c.ok for c in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
