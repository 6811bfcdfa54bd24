"""Where things live, from arguments first, then the environment, then the embedded defaults."""
from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
REPO_ROOT = Path(__file__).resolve().parents[1]
# The demo replays the recorded seed articles through the real spiders.
DEMO_REPLAY = REPO_ROOT / "tests" / "fixtures" / "replay" / "seeds.warc.gz"


def data_dir() -> Path:
    return Path(os.environ.get("SHENYANG_MONITOR_DATA", "data"))


def archive_dir() -> Path:
    return Path(os.environ.get("SHENYANG_MONITOR_ARCHIVE", str(data_dir() / "archive")))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def today_shanghai() -> date:
    """The scan date: the analysts' calendar day, not the machine's."""
    return datetime.now(SHANGHAI).date()


def shanghai_str(ts: datetime | None) -> str:
    """A timestamp as analysts read it (Asia/Shanghai); "—" when unknown."""
    from storage.types import shanghai_text

    return shanghai_text(ts) or "—"
