"""Run one crawl in a child process and read back what it fetched.

The parent never imports Twisted: each call starts `python -m crawlers.run`, so a process (the CLI's
demo, an Airflow task) can crawl as many times as it likes.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from .items import FetchedPage
from .stats import SourceStats

log = logging.getLogger(__name__)
REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass
class SourceError:
    source_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.source_id}: {self.message}"


@dataclass
class CrawlResult:
    pages: list[FetchedPage] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    warc_paths: list[Path] = field(default_factory=list)
    manifest_path: Path | None = None
    log_path: Path | None = None
    stats: dict[str, SourceStats] = field(default_factory=dict)  # per source id

    @property
    def ok(self) -> bool:
        return not self.errors


class CrawlError(RuntimeError):
    """The crawl process could not run at all (bad arguments, crashed before writing anything)."""


def read_manifest(path: str | Path) -> CrawlResult:
    """A CrawlResult from a manifest written by crawlers.run (complete or cut short)."""
    result = CrawlResult(manifest_path=Path(path))
    done = False
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                # The last line of a killed crawl may be cut; anything else is a broken file.
                log.warning("%s:%d: unreadable manifest line skipped", path, n)
                continue
            kind = obj.pop("type", None)
            if kind == "page":
                result.pages.append(FetchedPage(**obj))
            elif kind == "error":
                result.errors.append(SourceError(obj["source_id"], obj["message"]))
            elif kind == "stats":
                st = SourceStats.from_dict(obj)
                result.stats[st.source_id] = st
            elif kind == "warc":
                result.warc_paths.append(Path(obj["path"]))
            elif kind == "done":
                done = True
            else:
                raise ValueError(f"{path}:{n}: unknown manifest line type {kind!r}")
    result.warc_paths = [p for p in result.warc_paths if p.exists()]  # a crawl that fetched nothing
    if not done:
        result.errors.append(SourceError("*", f"crawl did not finish (manifest {path} has no 'done' line)"))
    return result


def crawl(source_ids: list[str], *, scan_date: date, archive_dir: str | Path,
          replay: list[str | Path] | None = None, timeout: float = 600,
          sources_path: str | Path | None = None, settings: dict | None = None,
          revisit: list[dict] | None = None, since: date | None = None) -> CrawlResult:
    """Crawl these sources for `scan_date` in a child process; every response lands in a new WARC
    under `archive_dir`. With `replay`, the responses come from those WARC files, never the network.

    `revisit`: known articles to fetch again only if they changed, dicts with source_id, url and the
    etag / last_modified of the copy we hold; an unchanged one comes back with status 304.

    `since`: a backfill. List pages are followed back (past `max_list_pages`, up to the setting
    BACKFILL_MAX_LIST_PAGES) until their entries are older than `since`; article links dated before
    `since` are skipped instead of those older than `recent_days`; dated start URLs (e-paper issues)
    are scanned for every day from `since` to `scan_date`.

    `result.stats[source_id]` is a SourceStats per source (requests by status class, new article
    links, list pages without article links, parse failures, bytes, seconds).

    Sources that could not be reached come back in `errors` (one SourceError each), not as exceptions.
    Raises CrawlError only when the child could not run at all (e.g. an unknown source id).
    """
    if not source_ids:
        raise ValueError("crawl() needs at least one source id")
    archive_dir = Path(archive_dir)
    archive_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    base = archive_dir / f"crawl-{scan_date:%Y%m%d}-{stamp}-{os.getpid()}"
    manifest, log_path = base.with_suffix(".manifest.jsonl"), base.with_suffix(".log")
    cmd = [sys.executable, "-m", "crawlers.run", "--date", scan_date.isoformat(),
           "--archive-dir", str(archive_dir), "--out", str(manifest)]
    for sid in source_ids:
        cmd += ["--source", sid]
    if replay:
        cmd += ["--replay", *[str(p) for p in replay]]
    if sources_path:
        cmd += ["--sources", str(sources_path)]
    if since is not None:
        if since > scan_date:
            raise ValueError(f"since ({since}) is after the scan date ({scan_date})")
        cmd += ["--since", since.isoformat()]
    if revisit:
        revisit_path = base.with_suffix(".revisit.jsonl")
        revisit_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in revisit), encoding="utf-8")
        cmd += ["--revisit", str(revisit_path)]
    for k, v in (settings or {}).items():
        cmd += ["--set", f"{k}={json.dumps(v)}"]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    log.info("crawl %s for %s%s (log: %s)", ",".join(source_ids), scan_date,
             " from replay" if replay else "", log_path)
    timed_out = False
    with open(log_path, "wb") as err:
        try:
            proc = subprocess.run(cmd, stdout=err, stderr=subprocess.STDOUT, env=env, timeout=timeout)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            timed_out, code = True, None
    if code == 2 or (not manifest.exists() and not timed_out):
        tail = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        raise CrawlError(f"crawl process failed (exit {code}): {' | '.join(tail) or 'no output'} "
                         f"(log: {log_path})")
    if not manifest.exists():
        return CrawlResult(errors=[SourceError(s, f"crawl timed out after {timeout:g} s before any page")
                                   for s in source_ids], log_path=log_path)
    result = read_manifest(manifest)
    result.log_path = log_path
    # Downloads finish in any order; a stable order (source as asked, lists first, then by URL)
    # makes two runs over the same archive report the same way.
    rank = {sid: i for i, sid in enumerate(source_ids)}
    result.pages.sort(key=lambda p: (rank.get(p.source_id, len(rank)), p.kind != "list", p.url))
    if timed_out or code != 0:
        result.errors = [e for e in result.errors if e.source_id != "*"]
        why = f"crawl timed out after {timeout:g} s" if timed_out else f"crawl process exited with {code}"
        # Which spider was still busy is unknown: every source of the killed crawl gets the error.
        result.errors.extend(SourceError(s, f"{why}; pages so far are kept (log: {log_path})") for s in source_ids)
    log.info("crawled %d pages, %d source errors", len(result.pages), len(result.errors))
    return result
