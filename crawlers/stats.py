"""Per source and crawl: what was asked, what came back, what the lists held. No Scrapy import here:
the parent process reads these from the manifest.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

STATUS_CLASSES = ("2xx", "3xx", "4xx", "5xx", "failed", "ignored")


def status_class(status: int) -> str:
    """"2xx" ... "5xx" for an HTTP status (1xx counts as 2xx: it never reaches us alone)."""
    if status < 300:
        return "2xx"
    return f"{min(status // 100, 5)}xx"


@dataclass
class SourceStats:
    """One source in one crawl.

    requests: attempts by outcome, retries included: "2xx" "3xx" "4xx" "5xx" (HTTP status classes),
        "failed" (no response: timeout, reset, DNS, refused, too large, not in the replay archive),
        "ignored" (not asked: forbidden by robots.txt).
    new_article_links: distinct article links found on the list pages that the caller did not
        already know (known = passed in `revisit`), after the date filters.
    empty_list_pages: list pages fetched (2xx) that held no link matching the article pattern: the
        sign of a changed layout.
    parse_failures: list pages whose links could not be read (not text, parser error).
    bytes: body bytes received (after decompression), all attempts.
    seconds: from the spider's start to its close.
    """

    source_id: str
    requests: dict[str, int] = field(default_factory=lambda: {k: 0 for k in STATUS_CLASSES})
    list_pages: int = 0
    article_pages: int = 0
    new_article_links: int = 0
    empty_list_pages: list[str] = field(default_factory=list)
    parse_failures: int = 0
    retries: int = 0
    bytes: int = 0
    seconds: float = 0.0

    @property
    def total_requests(self) -> int:
        return sum(v for k, v in self.requests.items() if k != "ignored")

    @property
    def errors(self) -> int:
        return sum(self.requests.get(k, 0) for k in ("4xx", "5xx", "failed"))

    @property
    def error_rate(self) -> float:
        """Share of attempts that got an error status or no response (0.0 when nothing was asked)."""
        total = self.total_requests
        return self.errors / total if total else 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, obj: dict) -> "SourceStats":
        known = set(cls.__dataclass_fields__)
        unknown = set(obj) - known
        if unknown:
            raise ValueError(f"unknown SourceStats field(s): {', '.join(sorted(unknown))}")
        return cls(**obj)
