"""Every output of extract_figures on a fixed set of texts, as canonical JSON lines: the invariance check
for speed work (an optimisation must leave this file byte-identical).

    .venv/bin/python bench/extract_outputs.py OUT.jsonl        # write the records
    .venv/bin/python bench/extract_outputs.py --compare A B    # the first differences between two runs

Texts: the dev passages (../shared/eval/dev), our own gold passages, the seed articles, the recorded article
texts of the speed bench (cleaned as bench/extract.py does), the speed bench's random megabyte, plus
variants that reach other paths: no publication date, full-width digits, traditional script (OpenCC s2t),
and random strings over a wider alphabet (NFKC expansions, pinyin glosses, spaces, markdown marks).
One line per figure: {"src", "i", "figure": {...}}, and one {"src", "n"} line per text (so a text that
loses all its figures shows too). Keys sorted, UTF-8.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "bench"))
SHARED = Path("/work/shared")

WIDE = list("０１２３４５６７８９．，％－")  # full-width forms NFKC maps one for one
EXTRA = list("①②㎡㎏℃ⅢﬁＡ") + ["(zhǎng)", "(wàn)", "**", " ", "\u3000", "\xa0", "增長", "億元", "萬人次", "點", "約"]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def corpus() -> list[tuple[str, str, dict]]:
    """(source id, text, keyword arguments of extract_figures)."""
    extract_bench = _load_bench()

    out: list[tuple[str, str, dict]] = []
    for name, path in (("dev", SHARED / "eval" / "dev" / "passages.jsonl"),
                       ("own", ROOT / "tests" / "fixtures" / "extract_gold" / "own" / "passages.jsonl")):
        for p in _jsonl(path):
            kw = {"published": p.get("published") or p.get("date"), "url": p.get("url"), "title": p.get("title")}
            out.append((f"{name}:{p['id']}", p["text"], kw))
    for p in sorted((SHARED / "seeds").glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        out.append((f"seed:{p.name}", text, {"published": "2025-01-21" if p.name.startswith("000") else "2026-01-15"}))
    from extract.clean import clean_html

    for url, body in extract_bench.recorded_pages():
        doc = clean_html(body, url=url)
        if doc.text:
            out.append((f"page:{url}", doc.text, {"published": doc.published, "url": url, "title": doc.title}))
            out.append((f"page-bench:{url}", doc.text, {"published": "2026-01-15", "title": doc.title}))
    # variants of the real texts: no date at all, full-width digits, traditional script
    import opencc

    s2t = opencc.OpenCC("s2t")
    real = [(s, t) for s, t, _ in out if not s.startswith("page-bench:")]
    for src, text in real:
        out.append((f"nodate:{src}", text, {}))
        out.append((f"wide:{src}", text.translate(str.maketrans("0123456789.,%-", "".join(WIDE))), {"published": "2025-06-30"}))
    for src, text in real[:60]:
        out.append((f"trad:{src}", s2t.convert(text), {"published": "2025-06-30"}))
    # the speed bench's random megabyte, chunk by chunk
    rng = random.Random(20260115)
    size, k = 0, 0
    while size < 1_000_000:
        s = "".join(rng.choices(extract_bench.ALPHABET, k=rng.randint(20, 400)))
        out.append((f"random:{k}", s, {"published": "2025-06-30"}))
        size += len(s.encode("utf-8"))
        k += 1
    rng = random.Random(7)
    alphabet = extract_bench.ALPHABET + WIDE + EXTRA
    for k in range(3000):
        s = "".join(rng.choices(alphabet, k=rng.randint(1, 160)))
        out.append((f"wide-random:{k}", s, {"published": rng.choice(["2025-06-30", "2024-01-15", None])}))
    return out


def _load_bench():
    """bench/extract.py as module `extract_bench` (its own name would shadow the extract package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("extract_bench", ROOT / "bench" / "extract.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write(path: str) -> int:
    from extract.figures import extract_figures

    n_texts = n_figs = 0
    with open(path, "w", encoding="utf-8") as f:
        for src, text, kw in corpus():
            figs = extract_figures(text, **kw)
            f.write(json.dumps({"src": src, "n": len(figs)}, ensure_ascii=False, sort_keys=True) + "\n")
            for i, fig in enumerate(figs):
                f.write(json.dumps({"src": src, "i": i, "figure": asdict(fig)}, ensure_ascii=False, sort_keys=True) + "\n")
            n_texts += 1
            n_figs += len(figs)
    print(f"{n_texts} texts, {n_figs} figures -> {path}")
    return 0


def compare(a: str, b: str, show: int = 10) -> int:
    la = Path(a).read_text(encoding="utf-8").splitlines()
    lb = Path(b).read_text(encoding="utf-8").splitlines()
    diffs = 0
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<missing>"
        y = lb[i] if i < len(lb) else "<missing>"
        if x != y:
            diffs += 1
            if diffs <= show:
                print(f"line {i + 1}:\n  A {x}\n  B {y}")
    print(f"{len(la)} / {len(lb)} lines, {diffs} differ" if diffs else f"identical ({len(la)} lines)")
    return 1 if diffs else 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?")
    ap.add_argument("--compare", nargs=2, metavar=("A", "B"))
    a = ap.parse_args()
    if a.compare:
        return compare(*a.compare)
    if not a.out:
        ap.error("give an output file or --compare A B")
    return write(a.out)


if __name__ == "__main__":
    sys.exit(main())
