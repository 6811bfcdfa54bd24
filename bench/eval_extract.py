"""Score the extractor with the shared scorer on four corpora: the tuned part of the dev set (d01-d30),
the held-out part (d31-d40, never used for tuning), the two seed articles (gold from
../shared/eval/seed_gold_*.jsonl, offsets computed here) and our own set
(tests/fixtures/extract_gold/own/, see its README).

    .venv/bin/python bench/eval_extract.py [--show-errors N] [--only tuned|heldout|seeds|own] [--by-script] [--no-speed]
                                           [--raise-floors]

--raise-floors writes tests/extract_floors.json with every floor raised to the measured score minus 0.0005
where that is higher (it never lowers one: lowering is a hand edit with its reason under "lowered").

Prints one line per corpus: P/R/F1 and field accuracies, plus the speed in MB/s.
`evaluate(names)` is the same scoring as a function (tests/test_extract_floor.py uses it).
"""
from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the package first: bench/extract.py (the speed bench) would otherwise shadow the extract package
sys.path.insert(0, str(ROOT))
SHARED = next((p for p in (ROOT.parent / "shared", Path("/work/shared")) if (p / "eval" / "score.py").is_file()), None)
log = logging.getLogger("eval_extract")
SEED_PUBLISHED = {"000": "2025-01-21", "004": "2026-01-15"}
OWN = ROOT / "tests" / "fixtures" / "extract_gold" / "own"
CORPORA = ("tuned", "heldout", "seeds", "own")
BY_SCRIPT = ("tuned-hans", "tuned-hant", "heldout-hans", "heldout-hant")


def _write(folder: Path, passages, gold, excluded):
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (("passages.jsonl", passages), ("gold.jsonl", gold), ("gold_excluded.jsonl", excluded)):
        with open(folder / name, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _load(path: Path):
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


# Up to 0.4.3 the split was d01-d20 / d21-d40. In 0.5.0 d21-d30 moved into tuning (182 more gold figures to
# learn from); d31-d40 (238 figures) stays out. Its score under 0.4.3 is in the CHANGELOG, for comparison.
LAST_TUNED = "d30"


def dev_halves(tmp: Path):
    dev = SHARED / "eval" / "dev"
    passages, gold, excl = _load(dev / "passages.jsonl"), _load(dev / "gold.jsonl"), _load(dev / "gold_excluded.jsonl")
    lang = {p["id"]: p.get("lang") for p in passages}
    parts = [("tuned", lambda i: i <= LAST_TUNED), ("heldout", lambda i: i > LAST_TUNED)]
    # the same two parts by script (the judged text comes in both): tuned-hans, tuned-hant, heldout-hans, heldout-hant
    for name, keep in list(parts):
        for script in ("Hans", "Hant"):
            parts.append((f"{name}-{script.lower()}", lambda i, keep=keep, script=script: keep(i) and lang[i] == f"zh-{script}"))
    for name, keep in parts:
        _write(tmp / name, [p for p in passages if keep(p["id"])], [g for g in gold if keep(g["passage_id"])],
               [x for x in excl if keep(x["passage_id"])])


def _fmt(v: float) -> list[str]:
    s = f"{v:g}"
    out = [s]
    if v == int(v):
        out.append(str(int(v)))
    return out


def seed_corpus(tmp: Path):
    """Gold rows of the seeds with offsets: the sentence is found with the markdown marks removed."""
    passages, gold = [], []
    for gfile in sorted((SHARED / "eval").glob("seed_gold_*.jsonl")):
        rows = _load(gfile)
        if not rows:
            continue
        doc = rows[0]["doc"]
        text = (SHARED / "seeds" / doc).read_text(encoding="utf-8")
        pid = doc.split("_")[0]
        passages.append({"id": pid, "text": text, "date": SEED_PUBLISHED.get(pid), "url": None})
        # a copy without "**" and "- " bullet marks, with a map back
        keep = [i for i in range(len(text)) if not (text[i] == "*" and (text[i - 1:i] == "*" or text[i + 1:i + 2] == "*"))]
        plain = "".join(text[i] for i in keep)
        cursor = {}
        for g in rows:
            s = plain.find(g["sentence"])
            if s < 0:
                log.warning("seed %s: sentence not found: %s", pid, g["sentence"][:30])
                continue
            start_at = max(cursor.get(g["sentence"], 0), s)
            pos = -1
            for form in _fmt(float(g["value"])):
                p = plain.find(form + (g["unit"] or "")[:1], start_at, s + len(g["sentence"]))
                if p < 0:
                    p = plain.find(form, start_at, s + len(g["sentence"]))
                if p >= 0:
                    pos, num = p, form
                    break
            if pos < 0:
                log.warning("seed %s: value %s not found in %s", pid, g["value"], g["sentence"][:30])
                continue
            end = pos + len(num) + len(g["unit"] or "")
            cursor[g["sentence"]] = end
            o_s, o_e = keep[pos], keep[min(end, len(keep)) - 1] + 1
            gold.append({"passage_id": pid, "sentence": g["sentence"], "indicator": g["indicator"], "value": g["value"],
                         "unit": g["unit"], "kind": g["kind"], "qualifier": g["qualifier"], "period": g["period"],
                         "region": g["region"], "span": text[o_s:o_e], "char_offset": o_s, "indicator_norm": None})
    _write(tmp / "seeds", passages, gold, [])


def score(folder: Path, show: int) -> dict:
    cmd = f"{sys.executable} -m extract"
    r = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--cmd", cmd, "--corpus", str(folder), "--json",
                        "--show-errors", str(show)], capture_output=True, text=True, cwd=ROOT, timeout=900)
    if r.returncode != 0:
        raise RuntimeError(f"scorer failed on {folder.name}: {r.stdout[-500:]} {r.stderr[-500:]}")
    lines = r.stdout.splitlines()
    res = json.loads(next(l for l in lines if l.startswith("{")))
    res["errors"] = [l for l in lines if not l.startswith("{") and not l.startswith("record=")]
    return res


def speed() -> tuple[float, float, float]:
    """(MB/s, figures/s, figures per KB) in CPU time of this process (the machine is shared)."""
    from extract import extract_figures

    dev = SHARED / "eval" / "dev"
    texts = [p["text"] for p in _load(dev / "passages.jsonl")] + [p.read_text(encoding="utf-8") for p in (SHARED / "seeds").glob("*.txt")]
    extract_figures(texts[0])  # load the data once
    blob = texts * 5
    n = 0
    t0 = time.process_time()
    for t in blob:
        n += len(extract_figures(t, published="2025-06-30"))
    dt = time.process_time() - t0
    size = sum(len(t.encode("utf-8")) for t in blob)
    return size / dt / 1e6, n / dt, n / (size / 1000)


def evaluate(names=CORPORA, show: int = 0) -> dict[str, dict]:
    """{corpus name: the scorer's JSON result (P, R, F1, record, kind_acc, indicator_acc, …, errors)}."""
    if SHARED is None:
        raise RuntimeError("../shared/eval/score.py not found: nothing to score")
    out = {}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        dev_halves(tmp)
        seed_corpus(tmp)
        for name in names:
            folder = OWN if name == "own" else tmp / name
            out[name] = score(folder, show)
    return out


FLOORS = ROOT / "tests" / "extract_floors.json"
FLOOR_METRICS = ("F1", "P", "R", "record", "kind_acc", "indicator_acc", "indicator_as_written_acc", "period_acc",
                 "region_acc", "qualifier_acc")


def raise_floors(results: dict[str, dict], eps: float = 0.0005) -> None:
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    for name, res in results.items():
        floors = data["floors"].setdefault(name, {})
        for m in FLOOR_METRICS:
            new = round(max(0.0, res[m] - eps), 4)
            if new > floors.get(m, 0.0):
                log.info("floor %s %s: %.4f -> %.4f", name, m, floors.get(m, 0.0), new)
                floors[m] = new
    FLOORS.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-errors", type=int, default=0)
    ap.add_argument("--only", choices=CORPORA + BY_SCRIPT)
    ap.add_argument("--by-script", action="store_true", help="also score each part's simplified and traditional passages")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--raise-floors", action="store_true")
    a = ap.parse_args()
    if SHARED is None:
        log.error("../shared/eval not found: nothing to score")
        return 2
    names = [a.only] if a.only else list(CORPORA) + (list(BY_SCRIPT) if a.by_script else [])
    results = evaluate(names, a.show_errors)
    for name, res in results.items():
        for e in res["errors"]:
            log.info("%s %s", name, e)
        log.info("%-8s gold=%-4d P=%.3f R=%.3f F1=%.3f record=%.3f kind=%.3f indicator=%.3f (as written %.3f) period=%.3f "
                 "region=%.3f qualifier=%.3f", name, res["gold"], res["P"], res["R"], res["F1"], res["record"], res["kind_acc"],
                 res["indicator_acc"], res["indicator_as_written_acc"], res["period_acc"], res["region_acc"], res["qualifier_acc"])
    if a.raise_floors:
        raise_floors({k: v for k, v in results.items() if k in CORPORA})  # floors: the four corpora only
    if not a.no_speed:
        mbs, fps, density = speed()
        log.info("speed    %.2f MB/s, %.0f figures/s of CPU time (dev passages and seeds: %.1f figures per KB)", mbs, fps, density)
    return 0


if __name__ == "__main__":
    sys.exit(main())
