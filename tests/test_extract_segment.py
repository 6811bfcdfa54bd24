"""extract/segment.py gives jieba's own tokens (Tokenizer.lcut, HMM=False) on subject phrases and noise."""
import json
import random
from pathlib import Path

from extract.figures import CLAUSE_SEP
from extract.indicators import tokenizer
from extract.normalize import normalize
from extract.segment import lcut_no_hmm

PASSAGES = Path("/work/shared/eval/dev/passages.jsonl")
OWN = Path(__file__).resolve().parent / "fixtures" / "extract_gold" / "own" / "passages.jsonl"


def _texts():
    out = []
    for path in (PASSAGES, OWN):
        if path.is_file():
            out += [json.loads(l)["text"] for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    out.append("2025年沈阳市地区生产总值9027.1亿元,比上年增长5.6%。规模以上工业增加值增长7.2%;社会消费品零售总额4512.3亿元。")
    return out


def test_same_tokens_as_jieba_on_clauses():
    tk = tokenizer()
    n = 0
    for text in _texts():
        for clause in CLAUSE_SEP.split(normalize(text).text):
            for cut in (clause, clause[len(clause) // 2:], clause[-12:]):  # phrases start anywhere
                assert lcut_no_hmm(tk, cut) == tk.lcut(cut, HMM=False), cut
                n += 1
    assert n > 100


def test_same_tokens_as_jieba_on_noise():
    tk = tokenizer()
    rng = random.Random(3)
    alphabet = list("0123456789.,%‰-—~、和至第年月日亿万千百十一二三元人次个增长下降比同上半前季度全市省沈阳瀋陽萬億"
                    "ab AB\n\t“”+#&_规模以上工业增加值社会消费品零售总额")
    for _ in range(3000):
        s = "".join(rng.choices(alphabet, k=rng.randint(0, 30)))
        assert lcut_no_hmm(tk, s) == tk.lcut(s, HMM=False), s
