"""Script invariance: the same text in traditional characters (OpenCC) must give the same figures.

    .venv/bin/python bench/script_invariance.py [--configs s2t,s2hk,s2tw,s2twp] [--show N]

Texts: the simplified dev passages the extractor was tuned on (d01–d30, never the held-out d31–d40), the seed
articles and the simplified passages of tests/test_extract_press.py and tests/test_extract_bulletin.py. Each
is extracted as written and after an OpenCC conversion (and the tuned traditional passages after t2s); the figures are paired in order of their value and
unit, and every field that differs (kind, qualifier, period, region, indicator, offsets) is counted and listed.
A difference is a traditional, Hong Kong or Taiwan form the extractor does not read as it reads the simplified.
The mainland passages reworded by Hong Kong and Taiwan papers (tests/test_extract_script_invariance.py HK_REWORDED:
按年, 首季, 錄得, 貨值, 億人民幣, 成長, 衰退 …) are compared with their mainland text too (the unit as written aside).
Exit code 1 when any difference is found.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
SHARED = Path("/work/shared")
FIELDS = ("value", "unit", "kind", "qualifier", "period", "region", "indicator")


def texts() -> list[tuple[str, str, str | None, str | None]]:
    """(source id, simplified text, published, url)."""
    out = []
    dev = SHARED / "eval" / "dev" / "passages.jsonl"
    if dev.exists():
        for line in dev.read_text(encoding="utf-8").splitlines():
            p = json.loads(line)
            if p["lang"] == "zh-Hans" and int(p["id"][1:]) <= 30:  # (the tuned part only)
                out.append((p["id"], p["text"], p.get("date"), p.get("url")))
    for f in sorted((SHARED / "seeds").glob("*.txt")):
        out.append((f.stem, f.read_text(encoding="utf-8"), None, None))
    import test_extract_bulletin as bulletin
    import test_extract_press as press

    for name, (pub, text, _rows) in press.PASSAGES.items():
        out.append((f"press:{name}", text, pub, None))
    for row in bulletin.PASSAGES:
        name, text, pub = row[0], row[1], row[2]
        if not name.endswith("_hant"):
            out.append((f"bulletin:{name}", text, pub, None))
    return out


def hant_texts() -> list[tuple[str, str, str | None, str | None]]:
    """(source id, traditional text, published, url): the tuned traditional dev passages."""
    dev = SHARED / "eval" / "dev" / "passages.jsonl"
    if not dev.exists():
        return []
    rows = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines()]
    return [(p["id"], p["text"], p.get("date"), p.get("url")) for p in rows
            if p["lang"] == "zh-Hant" and int(p["id"][1:]) <= 30]


def differences(text: str, converted: str, published, url, fields=FIELDS) -> list[tuple[str, str, object, object]]:
    """(field, span, simplified value, converted value) for each field that differs."""
    from opencc import OpenCC

    from extract.figures import extract_figures

    t2s = OpenCC("t2s")
    a = extract_figures(text, published=published, url=url)
    b = extract_figures(converted, published=published, url=url)
    out = []
    if len(text) == len(converted):
        # (a conversion that keeps the length keeps the offsets: pair the figures by them)
        by_a = {(f.start, f.end): f for f in a}
        by_b = {(f.start, f.end): f for f in b}
        for key in sorted(set(by_a) ^ set(by_b)):
            side = "only simplified" if key in by_a else "only converted"
            out.append(("figure", (text if key in by_a else converted)[key[0]:key[1]], side, key))
        pairs = [(by_a[k], by_b[k]) for k in sorted(set(by_a) & set(by_b))]
    else:
        if len(a) != len(b):
            out.append(("count", "", len(a), len(b)))
        pairs = list(zip(a, b))
    for fa, fb in pairs:
        span = text[fa.start:fa.end]
        for field in fields:
            va, vb = getattr(fa, field), getattr(fb, field)
            if field in ("unit", "indicator") and isinstance(vb, str):
                vb = t2s.convert(vb)
            if va != vb:
                out.append((field, span, va, vb))
    return out


def main() -> int:
    from opencc import OpenCC

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--configs", default="s2t,s2hk,s2tw,s2twp")
    ap.add_argument("--show", type=int, default=40, help="differences to list")
    a = ap.parse_args()
    counts: collections.Counter = collections.Counter()
    shown = 0
    items = texts()
    for cfg in a.configs.split(","):
        cc = OpenCC(cfg)
        for src, text, pub, url in items:
            for field, span, va, vb in differences(text, cc.convert(text), pub, url):
                counts[(cfg, field)] += 1
                if shown < a.show:
                    print(f"{cfg}\t{src}\t{field}\t{span}\t{va!r} → {vb!r}")
                    shown += 1
    # and back: the traditional dev passages the extractor was tuned on, against their OpenCC t2s copy
    cc = OpenCC("t2s")
    for src, text, pub, url in hant_texts():
        for field, span, va, vb in differences(text, cc.convert(text), pub, url):
            counts[("t2s", field)] += 1
            if shown < a.show:
                print(f"t2s\t{src}\t{field}\t{span}\t{va!r} → {vb!r}")
                shown += 1
    # and the Hong Kong and Taiwan rewording of mainland passages, against the mainland text
    import test_extract_script_invariance as inv

    for name, pub, mainland, reworded in inv.HK_REWORDED:
        for field, span, va, vb in differences(mainland, reworded, pub, None, fields=tuple(f for f in FIELDS if f != "unit")):
            counts[("reworded", field)] += 1
            if shown < a.show:
                print(f"reworded\t{name}\t{field}\t{span}\t{va!r} → {vb!r}")
                shown += 1
    print(f"{len(items)} texts; differences by conversion and field: "
          + (", ".join(f"{c}/{f}={n}" for (c, f), n in sorted(counts.items())) or "none"))
    return 1 if counts else 0


if __name__ == "__main__":
    sys.exit(main())
