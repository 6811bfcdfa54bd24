"""`reprocess`: read archived pages again (clean → extract → record) with the current extractor.

Nothing is fetched. A page version already recorded by this extractor version is left alone, so a
second reprocess does nothing; values that a newer extractor reads differently are recorded as
extractor changes, not as revisions by the source.
"""
from __future__ import annotations

import logging
from datetime import datetime

from .pipeline import PageOutcome, Tally, failed_outcome, load_run, process_version

log = logging.getLogger(__name__)


def reprocess(engine, *, since: datetime | None = None, until: datetime | None = None,
              source_ids: list[str] | None = None, progress=None) -> Tally:
    """Pages fetched in [since, until) (either bound optional) read again; one transaction each."""
    from crawlers.archive import ArchiveError, read_response
    from crawlers.sources import load_sources
    from extract import EXTRACTOR_VERSION
    from storage.db import session_scope
    from storage.models import Page, PageVersion
    from storage.pages import to_reprocess
    from storage.runs import finish_run
    from storage.types import as_utc

    from .scan import begin_scan

    notify = progress or (lambda *a, **k: None)
    sources = {s.id: s for s in load_sources()}
    unknown = [s for s in (source_ids or []) if s not in sources]
    if unknown:
        raise ValueError(f"unknown source(s): {', '.join(unknown)}; known: {', '.join(sources)}")
    run_id = begin_scan(engine, None, source_ids or list(sources), kind="reprocess")
    with session_scope(engine) as session:
        todo = [(v.id, v.warc_path, v.warc_offset) for v in to_reprocess(session, EXTRACTOR_VERSION, source_ids)
                if (since is None or as_utc(v.fetched_at) >= since) and (until is None or as_utc(v.fetched_at) < until)]
    notify("todo", pages=len(todo))
    tally = Tally()
    for version_id, warc_path, offset in todo:
        try:
            archived = read_response(warc_path, offset)
        except ArchiveError as exc:  # the archive file was moved or damaged: report, go on
            outcome = PageOutcome(str(warc_path), "failed", str(exc))
        else:
            try:
                with session_scope(engine) as session:
                    version = session.get(PageVersion, version_id)
                    page = session.get(Page, version.page_id)
                    run = load_run(session, run_id)
                    outcome = process_version(session, version, archived.body, url=page.url,
                                              headers=archived.headers, source=sources[page.source_id], run=run)
            except Exception as exc:  # one page's failure is reported; the others go on
                outcome = failed_outcome(archived.url, exc)
        tally.add(outcome)
        notify("page", outcome=outcome)
    with session_scope(engine) as session:
        finish_run(session, load_run(session, run_id), "failed" if tally.pages.get("failed") else "ok",
                   tally.stats() | {"extractor_version": EXTRACTOR_VERSION,
                                    "since": since and since.isoformat(), "until": until and until.isoformat()})
    return tally

