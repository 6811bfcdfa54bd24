"""The same report in traditional characters gives the same figures: judged text comes in both scripts
(mainland reposts in big5 gateways, Hong Kong and Taiwan mirrors), so every field but the evidence sentence
must not depend on the script. The simplified dev passages we tune on (d01-d30) and the simplified seed are
converted with OpenCC (s2t, s2hk, s2tw keep every character in place, so offsets compare directly).
The page store behind the dev set turned full-width punctuation into half-width; real pages use full-width,
so the passages with it restored must give the same figures too."""
from __future__ import annotations

import json
from pathlib import Path

import opencc
import pytest

from extract import extract_figures

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (ROOT.parent / "shared", Path("/work/shared")) if (p / "eval" / "dev").is_dir()), None)
FIELDS = ("start", "end", "value", "unit", "value_base", "base_unit", "kind", "qualifier", "indicator", "indicator_id",
          "period", "region", "base", "low", "high")


def _texts() -> list[tuple[str, str, str | None]]:
    if SHARED is None:
        pytest.fail("../shared/eval/dev is missing", pytrace=False)
    out = []
    for line in (SHARED / "eval" / "dev" / "passages.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        if p["id"] <= "d30" and p["lang"] == "zh-Hans":
            out.append((p["id"], p["text"], p.get("date")))
    seed = next((SHARED / "seeds").glob("000_*.txt"))
    out.append(("seed000", seed.read_text(encoding="utf-8"), "2025-01-21"))
    return out


def _records(text: str, published: str | None) -> list[tuple]:
    return [tuple(getattr(f, k) for k in FIELDS) for f in extract_figures(text, published=published)]


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw"])
def test_traditional_copies_give_the_same_figures(config):
    cc = opencc.OpenCC(config)
    compared = 0
    for pid, text, published in _texts():
        trad = cc.convert(text)
        assert len(trad) == len(text), pid  # a one-for-one conversion: offsets comparable
        assert trad != text, pid
        want, got = _records(text, published), _records(trad, published)
        assert got == want, (pid, [(w, g) for w, g in zip(want, got) if w != g][:3] or (len(want), len(got)))
        compared += len(want)
    assert compared > 250  # the comparison covered real figures, not empty outputs


FULL_WIDTH = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？", ";": "；"})


def test_full_width_punctuation_gives_the_same_figures():
    compared = 0
    for pid, text, published in _texts():
        full = text.translate(FULL_WIDTH)
        assert full != text, pid
        want, got = _records(text, published), _records(full, published)
        assert got == want, (pid, [(w, g) for w, g in zip(want, got) if w != g][:3] or (len(want), len(got)))
        compared += len(want)
    assert compared > 250


def _own_texts() -> list[tuple[str, str, str]]:
    """The simplified passages of the press and bulletin audits (invented in the sources' styles)."""
    from tests import test_extract_bulletin as bulletin
    from tests import test_extract_press as press

    out = [(f"press:{name}", text, pub) for name, (pub, text, _rows) in press.PASSAGES.items()]
    out += [(f"bulletin:{row[0]}", row[1], row[2]) for row in bulletin.PASSAGES if not row[0].endswith("_hant")]
    return out


def _comparable(text: str, published: str | None, t2s) -> list[tuple]:
    return [(f.value, t2s.convert(f.unit or ""), f.kind, f.qualifier, t2s.convert(f.indicator), f.indicator_id,
             f.period, f.region) for f in extract_figures(text, published=published)]


# the simplified text itself holds a conversion artefact (第2比特 for 第2位) that s2twp turns back into 第2位
S2TWP_EXCEPTIONS = {"press:tw_wiki_mirror", "press:anshan_opencc_mirror"}


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2twp"])
def test_own_passages_in_traditional_hong_kong_and_taiwan_wording_give_the_same_figures(config):
    # (found 比上年增產 read as 比上同比增长产 through the Taiwan 年增 rule, and 丛集/高阶/社群/装置 from s2twp)
    cc, t2s = opencc.OpenCC(config), opencc.OpenCC("t2s")
    compared = 0
    for src, text, published in _own_texts():
        if config == "s2twp" and src in S2TWP_EXCEPTIONS:
            continue
        want, got = _comparable(text, published, t2s), _comparable(cc.convert(text), published, t2s)
        assert got == want, (src, [(w, g) for w, g in zip(want, got) if w != g][:3] or (len(want), len(got)))
        compared += len(want)
    assert compared > 500
