"""One fetched page through clean → extract → record → alert.

Shared by the daily scan, `ingest` and (later) `reprocess`, so that every way in treats a page the same.
Each page is its own unit of work: a failure is reported and the other pages go on.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from crawlers.items import FetchedPage

log = logging.getLogger(__name__)


@dataclass
class PageOutcome:
    url: str
    status: str  # new | unchanged | failed | rejected | list
    detail: str | None = None
    figures: int = 0
    changes: Counter = field(default_factory=Counter)
    alert_ids: list[int] = field(default_factory=list)


@dataclass
class Tally:
    """What a run did, for the summary and the Run row."""

    pages: Counter = field(default_factory=Counter)
    figures: int = 0
    changes: Counter = field(default_factory=Counter)
    alert_ids: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, outcome: PageOutcome) -> None:
        self.pages[outcome.status] += 1
        self.figures += outcome.figures
        self.changes.update(outcome.changes)
        self.alert_ids.extend(outcome.alert_ids)
        if outcome.status in ("failed", "rejected") and outcome.detail:
            self.problems.append(f"{outcome.url}: {outcome.detail}")

    def stats(self) -> dict:
        return {
            "pages": dict(self.pages),
            "figures": self.figures,
            "changes": dict(self.changes),
            "alerts": len(self.alert_ids),
            "problems": self.problems[:200],
        }


def failed_outcome(url: str, exc: Exception) -> PageOutcome:
    """A page whose processing raised: one line for people, the traceback only with -vv."""
    first_line = (str(exc).strip().splitlines() or [""])[0][:300]
    log.error("processing %s failed: %s: %s", url, type(exc).__name__, first_line,
              exc_info=log.isEnabledFor(logging.DEBUG))
    return PageOutcome(url, "failed", f"processing error: {type(exc).__name__}: {first_line}")


def load_run(session, run_id: int | None):
    from storage.models import Run

    return session.get(Run, run_id) if run_id is not None else None


def process_page(session, page: FetchedPage, body: bytes | None, *, source, run=None,
                 published_hint=None) -> PageOutcome:
    """Record one fetched page and, when its content is new, extract and record its figures.

    `source` is a crawlers.sources.Source (region, relevance filter). The caller owns the transaction.
    """
    from storage.pages import record_fetch

    if page.error or page.status >= 400:
        record_fetch(session, page)  # failed fetches are kept too: the next run retries them
        return PageOutcome(page.url, "failed", page.error or f"HTTP {page.status}")
    version = record_fetch(session, page)
    if version is None:
        return PageOutcome(page.url, "unchanged")
    if page.kind == "list":
        return PageOutcome(page.url, "list")
    return process_version(session, version, body, url=page.url, headers=page.meta.get("headers"),
                           source=source, run=run, published_hint=published_hint)


def process_version(session, version, body: bytes | None, *, url: str, headers: dict | None, source,
                    run=None, published_hint=None) -> PageOutcome:
    """Clean → extract → record → alert for one stored page version (new, or read again from the archive)."""
    from alerts.rules import raise_alerts
    from extract import EXTRACTOR_VERSION, extract_figures
    from extract.clean import apply_relevance, clean_html
    from storage.pages import set_document
    from storage.series import record_figures

    doc = clean_html(body or b"", url=url, headers=headers, published_hint=published_hint)
    if getattr(source, "relevance_filter", False):  # press covering more than the city
        apply_relevance(doc)
    set_document(session, version, doc)
    if doc.rejected:
        return PageOutcome(url, "rejected", doc.rejected)
    figures = extract_figures(doc.text, published=doc.published, url=url, title=doc.title,
                              default_region=source.region)
    changes = record_figures(session, version, figures, source_id=source.id, published=doc.published,
                             extractor_version=EXTRACTOR_VERSION)
    alert_ids = raise_alerts(session, changes, run=run)
    session.flush()
    outcome = PageOutcome(url, "new", figures=len(figures))
    outcome.changes.update(c.change for c in changes)
    outcome.alert_ids.extend(alert_ids)
    return outcome
