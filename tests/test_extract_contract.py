"""The JSONL contract, in process and as `python -m extract` in a real subprocess."""
import io
import json
import logging
import subprocess
import sys
from pathlib import Path

from extract.contract import extract_jsonl

ROOT = Path(__file__).resolve().parents[1]
FIELDS = {"id", "start", "end", "value", "unit", "value_base", "base_unit", "kind", "qualifier", "indicator",
          "indicator_id", "period", "region", "sentence", "confidence"}


def test_contract_lines_and_counts(caplog):
    docs = [json.dumps({"id": "a", "text": "2025年全市城鎮新增就業15萬人。", "published": "2026-01-15", "url": None, "title": None},
                       ensure_ascii=False),
            "{not json",
            json.dumps({"id": "b", "text": "空气质量优良天数达到318天。", "published": "2025-01-21"}, ensure_ascii=False)]
    out = io.StringIO()
    with caplog.at_level(logging.ERROR):
        n_docs, n_figs = extract_jsonl(docs, out)
    assert (n_docs, n_figs) == (2, 2)
    assert "line 2" in caplog.text and "not valid JSON" in caplog.text
    rows = [json.loads(l) for l in out.getvalue().splitlines()]
    assert FIELDS <= set(rows[0])
    a = rows[0]
    assert a["id"] == "a" and a["unit"] == "万人" and a["period"] == "2025" and a["indicator"] == "城镇新增就业"
    text = json.loads(docs[0])["text"]
    assert text[a["start"]:a["end"]] == "15萬人"
    assert "萬" in a["sentence"]  # evidence is the text as given


def test_python_m_extract_subprocess():
    inp = json.dumps({"id": "x", "text": "地區出口總額增長10%。", "published": "2026-01-15"}, ensure_ascii=False) + "\nnope\n"
    r = subprocess.run([sys.executable, "-m", "extract"], input=inp.encode(), capture_output=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    rows = [json.loads(l) for l in r.stdout.decode().splitlines()]
    assert len(rows) == 1 and rows[0]["kind"] == "growth" and rows[0]["value"] == 10
    assert "not valid JSON" in r.stderr.decode()


def test_published_in_other_spellings_is_read_and_a_bad_one_does_not_lose_the_document(caplog):
    """`published` as sources write it resolves 全年 to the year before; one that is no date at all is
    reported, and the document's figures still come out (with no period, since the text names no year)."""
    spellings = ["2026-01-15", "2026-01-15T08:00:00+08:00", "2026年1月15日", "2026/01/15", "2026.1.15",
                 "20260115", 20260115, "15 Jan 2026", "January 15, 2026"]
    bad = ["garbage", "2026-13-45", "20261399", [2026], True]
    docs = [json.dumps({"id": str(i), "text": "全年城镇新增就业15万人。", "published": p, "url": 7},
                       ensure_ascii=False) for i, p in enumerate(spellings + bad)]
    out = io.StringIO()
    with caplog.at_level(logging.WARNING):
        n_docs, n_figs = extract_jsonl(docs, out)
    assert (n_docs, n_figs) == (len(docs), len(docs))
    periods = [json.loads(l)["period"] for l in out.getvalue().splitlines()]
    assert periods == ["2025"] * len(spellings) + [None] * len(bad)
    assert caplog.text.count("is not a date") == len(bad) and "url 7 is not a string" in caplog.text
