"""`python -m crawlers.run`: bad arguments exit 2 with a message; the manifest format."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawlers.crawl import read_manifest

REPO = Path(__file__).resolve().parents[1]


def run(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "crawlers.run", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=60)


@pytest.mark.parametrize("args, message", [
    (["--source", "hkcd", "--date", "2026-13-01"], "month must be in 1..12"),
    (["--source", "nope", "--date", "2026-01-15"], "unknown source 'nope'"),
    (["--source", "hkcd", "--date", "2026-01-15", "--replay", "missing.warc.gz"], "replay archive not found"),
    (["--source", "hkcd", "--date", "2026-01-15", "--set", "NOEQUALS"], "--set wants KEY=VALUE"),
])
def test_bad_arguments_exit_2_with_a_message(tmp_path, args, message):
    proc = run(*args, "--archive-dir", str(tmp_path), "--out", str(tmp_path / "m.jsonl"))
    assert proc.returncode == 2
    assert message in proc.stderr
    assert not (tmp_path / "m.jsonl").exists()


def test_manifest_lines(tmp_path):
    seeds = REPO / "tests" / "fixtures" / "replay" / "seeds.warc.gz"
    out = tmp_path / "m.jsonl"
    proc = run("--source", "hkcd", "--date", "2026-01-15", "--replay", str(seeds), "--archive-dir", str(tmp_path),
               "--out", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["type"] for x in lines][0] == "warc" and lines[-1] == {"type": "done", "pages": 4, "errors": 0}
    assert "瀋陽" in out.read_text(encoding="utf-8")  # link text kept as Chinese, not \\u escapes
    # two list pages (index.html, index_2.html) and the two recent articles
    assert [x["type"] for x in lines].count("stats") == 1
    result = read_manifest(out)
    assert len(result.pages) == 4 and result.errors == [] and len(result.warc_paths) == 1
    stats = result.stats["hkcd"]
    assert stats.list_pages == 2 and stats.article_pages == 2 and stats.new_article_links == 2
    assert stats.requests["2xx"] == 5 and stats.error_rate == 0  # robots.txt, 2 lists, 2 articles


def test_a_cut_manifest_is_an_error_not_silence(tmp_path):
    out = tmp_path / "m.jsonl"
    out.write_text('{"type": "warc", "path": "/nowhere.warc.gz"}\n{"type": "page", "source_id": "hk', encoding="utf-8")
    result = read_manifest(out)
    assert result.pages == [] and result.warc_paths == []
    assert "crawl did not finish" in result.errors[0].message
    out.write_text('{"type": "surprise"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown manifest line type 'surprise'"):
        read_manifest(out)
