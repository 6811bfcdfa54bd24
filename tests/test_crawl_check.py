"""crawlers.check.check_sources: one list page and one article per source, through replay (all OK)
and against a local site whose list page changed layout, with a source that cannot be reached."""
import sys
from datetime import date
from pathlib import Path

import crawlers.check
from crawlers.check import check_sources

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from local_site import FAULTS, Site, closed_port, serve, sources_file  # noqa: E402

WARC = Path(__file__).parent / "fixtures" / "replay" / "sources.warc.gz"
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_BACKOFF_BASE": 0.1}


def test_every_source_passes_on_its_recorded_pages():
    checks = check_sources(replay=[WARC], scan_date=date(2026, 1, 15))
    assert [c.source_id for c in checks] == ["tjj_shenyang", "gov_shenyang", "fgw_shenyang", "lnd_epaper",
                                             "syd_news", "hkcd", "cri_ln"]
    for c in checks:
        assert c.ok, str(c)
        assert c.links_found >= 1 and c.published is not None and c.body_chars >= 40 and c.title
        assert str(c).startswith(f"{c.source_id}: OK: ")


def test_a_changed_layout_and_an_unreachable_site_are_told_apart(tmp_path):
    with serve() as base:
        Site.reset(broken=False)
        sources = sources_file(tmp_path / "sources.toml", base, moved=f"{base}/moved/index.html",
                               down=f"http://127.0.0.1:{closed_port()}/index.html")
        checks = {c.source_id: c for c in check_sources(["site", "moved", "down"], sources_path=sources,
                                                        settings=FAST, scan_date=date(2026, 1, 15))}
        hits = dict(Site.hits)
    assert checks["site"].ok and checks["site"].links_found == len(FAULTS) + 1  # and the robots-forbidden one
    assert sum(1 for p in hits if "t20260115_" in p) == 1  # one article, not the whole list

    moved = checks["moved"]
    assert moved.reachable and not moved.ok and moved.links_found == 0
    assert "no article links" in moved.problems[0] and "/moved/index.html" in moved.problems[0]
    assert str(moved).startswith("moved: PROBLEM: ")

    down = checks["down"]
    assert not down.reachable and not down.ok
    assert "cannot be reached" in down.problems[0] and "connection refused" in down.problems[0].lower()
    assert str(down).startswith("down: UNREACHABLE: ")
    assert crawlers.check.SourceCheck is type(down)
