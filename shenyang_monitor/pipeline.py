"""One fetched page through clean → extract → record → alert.

Shared by the daily scan, `ingest` and (later) `reprocess`, so that every way in treats a page the same.
Each page is its own unit of work: a failure is reported and the other pages go on.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from crawlers.items import FetchedPage
from extract.document import CleanDocument

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


def process_page(session, page: FetchedPage, body: bytes | None, *, source, run=None,
                 published_hint=None) -> PageOutcome:
    """Record one fetched page and, when its content is new, extract and record its figures.

    `source` is a crawlers.sources.Source (region, relevance filter). The caller owns the transaction.
    """
    from storage.pages import record_fetch, set_document

    if page.error or page.status >= 400:
        record_fetch(session, page)  # failed fetches are kept too: the next run retries them
        return PageOutcome(page.url, "failed", page.error or f"HTTP {page.status}")
    version = record_fetch(session, page)
    if version is None:
        return PageOutcome(page.url, "unchanged")
    if page.kind == "list":
        return PageOutcome(page.url, "list")
    from extract.clean import about_shenyang, clean_html

    doc = clean_html(body or b"", url=page.url, headers=page.meta.get("headers"),
                     published_hint=published_hint)
    if not doc.rejected and getattr(source, "relevance_filter", False) and not about_shenyang(doc):
        doc.rejected = "not about Shenyang"
    set_document(session, version, doc)
    if doc.rejected:
        return PageOutcome(page.url, "rejected", doc.rejected)
    return _extract_and_record(session, version, doc, page=page, source=source, run=run)


def _extract_and_record(session, version, doc: CleanDocument, *, page: FetchedPage, source, run) -> PageOutcome:
    from alerts.rules import raise_alerts
    from extract import EXTRACTOR_VERSION, extract_figures
    from storage.series import record_figures

    figures = extract_figures(doc.text, published=doc.published, url=page.url, title=doc.title,
                              default_region=source.region)
    changes = record_figures(session, version, figures, source_id=source.id, published=doc.published,
                             extractor_version=EXTRACTOR_VERSION)
    alerts = raise_alerts(session, changes, run=run)
    session.flush()
    outcome = PageOutcome(page.url, "new", figures=len(figures))
    outcome.changes.update(c.change for c in changes)
    outcome.alert_ids.extend(a.id for a in alerts)
    return outcome
