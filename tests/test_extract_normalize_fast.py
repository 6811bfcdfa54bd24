"""normalize._nfkc's fast path (compatibility forms replaced by str.replace) returns what the plain
algorithm returns: Unicode NFKC with the identity map when one character gives one, else each
character's own NFKC with its map."""
import random
import unicodedata

from extract.normalize import _chars_nfkc, _nfkc, normalize


def _plain(text: str):
    if unicodedata.is_normalized("NFKC", text):
        return text, list(range(len(text) + 1))
    whole = unicodedata.normalize("NFKC", text)
    if len(whole) == len(text) and all(unicodedata.normalize("NFKC", a) == b for a, b in zip(text, whole) if a != b):
        return whole, list(range(len(text) + 1))
    return _chars_nfkc(text)


POOL = (list("增长万亿沈阳全市同比，。：；（）％１２３ＡＢ　\xa0……①②㎡℃‼—·“”e") + ["\u0301", "\u0308", "\u1100", "\u1161",
        "\uac00", "\u11a8", "\uf900", "\u2460", "\u3251", "\ufe50", "\uff61"])


def test_fast_nfkc_is_the_plain_algorithm():
    rng = random.Random(17)
    for _ in range(20000):
        text = "".join(rng.choices(POOL, k=rng.randint(0, 40)))
        assert _nfkc(text) == _plain(text), text


def test_full_width_and_ellipsis_keep_offsets():
    text = "增长５．２％……全市"
    n = normalize(text)
    assert n.text == "增长5.2%......全市"
    p = n.text.index("5.2%")
    assert n.span(p, p + 4) == (2, 6)
    q = n.text.index("全市")
    assert text[n.span(q, q + 2)[0]:n.span(q, q + 2)[1]] == "全市"
