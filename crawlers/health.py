"""Is a source still working? A pure function over one crawl's statistics (crawlers.stats.SourceStats)
and what the caller remembers (when the source last gave a new article).

    problems = assess(source, result.stats[source.id], last_new_article_at=..., scan_date=date.today())

Three problems are recognised:
  layout   a list page came back fine but held no link matching the article pattern: the site changed
           its layout (or its URL scheme) and sources.toml needs updating
  silence  no new article for longer than the source's usual cadence (`cadence_days` in sources.toml)
  errors   the share of requests that failed (4xx, 5xx, no response) is above a threshold
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .sources import Source
from .stats import SourceStats

ERROR_RATE_THRESHOLD = 0.25  # above this share of failed requests, the source is reported
MIN_REQUESTS_FOR_RATE = 4  # fewer attempts say nothing about a rate (one 404 of two pages is not 50%)
KINDS = ("layout", "silence", "errors")


@dataclass(frozen=True)
class HealthProblem:
    source_id: str
    kind: str  # one of KINDS
    message: str  # for people: what was seen and what to do

    def __str__(self) -> str:
        return f"{self.source_id}: {self.kind}: {self.message}"


def assess(source: Source, stats: SourceStats | None, *, last_new_article_at: date | datetime | None = None,
           scan_date: date, error_rate_threshold: float = ERROR_RATE_THRESHOLD) -> list[HealthProblem]:
    """The health problems of `source` after a crawl (empty list: healthy).

    `stats` is None when the crawl has no statistics for the source (its process died): reported as
    an error. `last_new_article_at`: when the source last gave an article we did not have (None:
    never, or unknown). A crawl that found new article links is not silent, whatever was stored:
    `stats.new_article_links` counts the links that were not passed to the crawl as known articles
    (`revisit`), so pass the known recent articles as revisits for it to mean "new".
    """
    if not isinstance(scan_date, date):
        raise TypeError(f"scan_date must be a date, got {type(scan_date).__name__}")
    if not 0 <= error_rate_threshold <= 1:
        raise ValueError(f"error_rate_threshold must be within 0..1, got {error_rate_threshold!r}")
    sid = source.id
    if stats is None:
        return [HealthProblem(sid, "errors", "no statistics for this source: its crawl did not finish")]
    if stats.source_id != sid:
        raise ValueError(f"statistics of '{stats.source_id}' given for source '{sid}'")
    problems: list[HealthProblem] = []

    if stats.empty_list_pages:
        pages = ", ".join(stats.empty_list_pages[:3]) + (" …" if len(stats.empty_list_pages) > 3 else "")
        problems.append(HealthProblem(
            sid, "layout", f"{len(stats.empty_list_pages)} list page(s) held no link matching article_pattern "
                           f"({pages}): the layout or URL scheme may have changed; check sources.toml"))
    if stats.parse_failures:
        problems.append(HealthProblem(sid, "layout", f"{stats.parse_failures} list page(s) could not be parsed"))

    if source.cadence_days and stats.new_article_links == 0:
        last = last_new_article_at.date() if isinstance(last_new_article_at, datetime) else last_new_article_at
        if last is None:
            problems.append(HealthProblem(sid, "silence", f"no new article found, and none on record "
                                                          f"(usual cadence {source.cadence_days} days)"))
        else:
            quiet = (scan_date - last).days
            if quiet > source.cadence_days:
                problems.append(HealthProblem(
                    sid, "silence", f"no new article for {quiet} days (since {last}); usual cadence "
                                    f"{source.cadence_days} days"))

    total = stats.total_requests
    if total >= MIN_REQUESTS_FOR_RATE and stats.error_rate > error_rate_threshold:
        r = stats.requests
        problems.append(HealthProblem(
            sid, "errors", f"{stats.errors} of {total} requests failed ({stats.error_rate:.0%}; "
                           f"4xx {r.get('4xx', 0)}, 5xx {r.get('5xx', 0)}, no response {r.get('failed', 0)}), "
                           f"threshold {error_rate_threshold:.0%}"))
    elif total and stats.list_pages == 0:
        problems.append(HealthProblem(sid, "errors", "no list page could be fetched"))
    return problems
