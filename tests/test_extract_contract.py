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
