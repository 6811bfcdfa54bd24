"""Speed paths that must find exactly what the plain code finds."""
import random


def test_near_scan_of_quarters_and_first_months_finds_what_finditer_finds():
    # periods.NEAR: the quarter and first-months patterns are tried only just before 季/月
    from extract.periods import NEAR, PATTERNS, _matches

    rng = random.Random(11)
    # (pieces as well as characters: whole dates and quarters come up often enough)
    alphabet = list("0123456789一二三四十两月日季度个份前首头第龙码至到-—~、,，。年上半末底截止 ") + [
        "12月5日,", "3月", "季度", "前三", "头两个", "首季", "1-3季度", "第四季"]
    seen = {}
    for _ in range(4000):
        s = "".join(rng.choices(alphabet, k=rng.randint(1, 40)))
        for kind, pat in PATTERNS:
            if kind in NEAR:
                expected = [(m.span(), m.groupdict()) for m in pat.finditer(s)]
                assert [(m.span(), m.groupdict()) for m in _matches(kind, pat, s)] == expected, (kind, s)
                seen[kind] = seen.get(kind, 0) + len(expected)
    assert all(seen[k] > 50 for k in ("quarters", "firstmonths", "clauseday")), seen


def test_every_match_of_a_period_pattern_holds_its_core():
    # periods.CORE is searched for before the pattern is: a text without it must hold no match
    from extract.periods import CORE, PATTERNS

    pats = dict(PATTERNS)
    rng = random.Random(5)
    alphabet = list("0123456789一二三五十两月日天份前第首初除夕大年正至到-—~ ,，连续假期长") + [
        "1-3月", "5月1日至5日", "至12月", "前三天", "第2天", "首日", "初一", "除夕", "月份 - 十一月"]
    hits = {k: 0 for k in CORE}
    for _ in range(5000):
        s = "".join(rng.choices(alphabet, k=rng.randint(1, 30)))
        for kind, core in CORE.items():
            if pats[kind].search(s):
                hits[kind] += 1
                assert core.search(s), (kind, s)
    assert all(n > 50 for n in hits.values()), hits
