"""What a spider yields: one fetched response, already archived. Spiders never clean or extract."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FetchedPage:
    """One HTTP response as it came, and where the archive keeps it.

    `kind` is "list" (a list page, feed or sitemap) or "article". The body itself lives in the WARC
    record at (`warc_path`, `warc_offset`); `content_hash` is the sha256 of the body bytes.
    """

    source_id: str
    url: str
    kind: str
    status: int
    fetched_at: str  # ISO 8601, UTC
    warc_path: str | None = None
    warc_offset: int | None = None
    content_hash: str | None = None
    content_type: str | None = None
    referer: str | None = None
    error: str | None = None  # set when the request failed (timeout, DNS, reset, not in replay archive)
    meta: dict = field(default_factory=dict)  # list-page hints: title, date seen next to the link
