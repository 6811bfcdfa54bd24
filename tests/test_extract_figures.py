"""Figures from the seed articles (../shared/seeds) and from small texts: the product's key figures."""
from pathlib import Path

import pytest

from extract import extract_figures
from extract.indicators import catalogue

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")


def seed(prefix):
    files = sorted(SEEDS.glob(prefix + "_*.txt"))
    if not files:
        pytest.skip(f"seed {prefix} not found beside the project")
    return files[0].read_text(encoding="utf-8")


def find(figs, text, span):
    for f in figs:
        if text[f.start:f.end].startswith(span) or span in text[f.start:f.end]:
            return f
    raise AssertionError(f"no figure covers {span!r}; got {[text[f.start:f.end] for f in figs]}")


@pytest.fixture(scope="module")
def seed000():
    text = seed("000")
    return text, extract_figures(text, published="2025-01-21")


@pytest.fixture(scope="module")
def seed004():
    text = seed("004")
    return text, extract_figures(text, published="2026-01-15")


def test_seed000_air_quality_days(seed000):
    text, figs = seed000
    f = find(figs, text, "318")
    assert (f.value, f.unit, f.kind, f.period, f.region) == (318, "天", "level", "2024", "沈阳")
    assert f.indicator == "空气质量优良天数" and f.indicator_id == "air_good_days"
    assert text[f.start:f.end].startswith("318")


def test_seed000_new_urban_jobs(seed000):
    text, figs = seed000
    f = find(figs, text, "14.8")
    assert (f.value, f.unit, f.value_base, f.base_unit) == (14.8, "万人", 148000, "人")
    assert f.indicator == "城镇新增就业" and f.period == "2024" and f.region == "沈阳"


def test_seed004_traditional_same_indicator_as_simplified(seed000, seed004):
    text, figs = seed004
    f = find(figs, text, "328天")
    assert (f.value, f.unit, f.kind, f.period, f.region) == (328, "天", "level", "2025", "沈阳")
    g = find(seed000[1], seed000[0], "318")
    assert f.indicator == g.indicator == "空气质量优良天数"
    assert f.indicator_id == g.indicator_id is not None


def test_seed004_jobs_and_exports(seed004):
    text, figs = seed004
    f = find(figs, text, "15萬人")
    assert (f.value, f.unit, f.period, f.indicator, f.indicator_id) == (15, "万人", "2025", "城镇新增就业", "employment_new")
    assert text[f.start:f.end] == "15萬人"
    g = find(figs, text, "10%")
    assert (g.value, g.unit, g.kind, g.period) == (10, "%", "growth", "2025")
    assert "出口" in g.indicator


def test_seed004_units_are_simplified(seed004):
    _, figs = seed004
    assert all(f.unit is None or ("萬" not in f.unit and "億" not in f.unit and "個" not in f.unit) for f in figs)


def test_labels_dates_and_ordinals_are_not_figures(seed000, seed004):
    for text, figs in (seed000, seed004):
        spans = [text[f.start:f.end] for f in figs]
        for bad in ("26条", "10+1", "5G", "十四五", "1号线", "第十七届", "二期"):
            assert not any(s == bad or s.startswith(bad) for s in spans), bad
        assert not any(s.startswith("2024年") or s.startswith("2026年") for s in spans)


@pytest.mark.parametrize("text,value,unit,kind", [
    ("全市居民消费价格同比下降2.3%。", -2.3, "%", "growth"),
    ("全年地区生产总值443.9亿元,增速比上半年回落0.2个百分点。", -0.2, "个百分点", "change_pp"),
    ("常住人口城镇化率达到84.52%。", 84.52, "%", "share"),
    ("出口额增长1.1倍。", 1.1, "倍", "growth"),
    ("高星酒店预订量增长超4成。", 4, "成", "growth"),
    ("城镇化率在15个副省级城市中排第5位。", 5, "位", "rank"),
    ("消费增长百分之八点五。", 8.5, "%", "growth"),
])
def test_kind_and_sign(text, value, unit, kind):
    figs = extract_figures(text, published="2025-02-01")
    f = [f for f in figs if f.unit == unit][0]
    assert (f.value, f.kind) == (value, kind)


def test_subject_carried_across_clauses():
    figs = extract_figures("2024年,全市实现地区生产总值9027.1亿元,同比增长5.2%。", published="2025-01-20")
    assert [f.indicator for f in figs] == ["地区生产总值", "地区生产总值"]
    assert [f.kind for f in figs] == ["level", "growth"]


def test_respective_list():
    text = "城镇和农村居民人均可支配收入分别增长4.5%和6.1%。"
    figs = extract_figures(text, published="2025-01-20")
    assert [f.indicator for f in figs] == ["城镇居民人均可支配收入", "农村居民人均可支配收入"]


def test_qualifiers():
    figs = extract_figures("接待游客突破2亿人次,民生支出占比保持在75%左右,工业投资近1.1万亿元,不足8000人。", published="2025-01-20")
    assert [f.qualifier for f in figs] == ["over", "approx", "approaching", "under"]


def test_region_from_the_sentence():
    figs = extract_figures("铁西区规模以上工业总产值150.2亿元。全省进出口总额增长5%。", published="2025-01-20")
    assert [f.region for f in figs] == ["铁西区", "辽宁"]


def test_unknown_indicator_keeps_its_phrase():
    figs = extract_figures("全年建成和美庭院5000个。", published="2026-01-10")
    # (0.6.0: a count of things done keeps its action, as the dev gold names them: 建成村镇污水处理设施数)
    assert figs[0].indicator == "建成和美庭院" and figs[0].indicator_id is None


def test_catalogue_is_big_enough_and_ids_unique():
    by_alias, by_id = catalogue()
    assert len(by_id) >= 200
    assert len({i.name for i in by_id.values()}) == len(by_id)


def test_bad_input_raises():
    with pytest.raises(TypeError):
        extract_figures(None)
    with pytest.raises(ValueError):
        extract_figures("全年增长5%", published="not a date")
    assert extract_figures("") == []


def test_list_items_take_the_shared_head():
    figs = extract_figures("新能源、集成电路产业产值分别增长130%和45.9%。", published="2025-01-20")
    assert [f.indicator for f in figs] == ["新能源产业产值", "集成电路产业产值"]
    assert [f.kind for f in figs] == ["growth", "growth"]


def test_number_first_subjects():
    figs = extract_figures("城市更新惠及民生,114个老旧小区、100条背街小巷、651公里老旧管网完成改造。", published="2026-01-15")
    assert [f.indicator_raw for f in figs] == ["老旧小区", "背街小巷", "老旧管网"]


def test_plans_for_the_coming_year_are_not_outcomes():
    text = "2024年城镇新增就业14.8万人。今年,沈阳将新建24个场景,全年谋划项目总投资5.5万亿元以上。"
    figs = extract_figures(text, published="2025-01-21")
    assert [f.value for f in figs] == [14.8]
    # an estimate (预计) for a finished period is kept
    figs = extract_figures("预计全年地区生产总值增长4%左右。", published="2023-01-08")
    assert figs and figs[0].period == "2022" and figs[0].qualifier == "approx"


def test_words_that_contain_qualifier_characters():
    figs = extract_figures("新签约32个央地合作项目。", published="2025-01-20")
    assert figs[0].qualifier is None and figs[0].value == 32


def test_a_place_continues_the_subject():
    text = "沈阳方城累计接待游客196.23万人次。其中,中街区域186.74万人次,沈阳故宫5.2万人次。"
    figs = extract_figures(text, published="2024-09-20")
    assert [f.indicator for f in figs] == ["接待游客"] * 3


def test_traditional_growth_with_hk_wording():
    figs = extract_figures("2025年瀋陽市屬國企營收按年增長24.5%。", published="2026-01-15")
    assert figs[0].kind == "growth" and figs[0].value == 24.5 and figs[0].indicator_id == "state_owned_revenue"


def test_every_catalogue_name_gives_the_same_id_in_traditional_script():
    import opencc

    from extract.indicators import catalogue, lookup
    from extract.normalize import normalize

    s2hk = opencc.OpenCC("s2hk")
    _, by_id = catalogue()
    bad = []
    for ind in by_id.values():
        trad = s2hk.convert(ind.name)
        back = normalize(trad, traditional=True).text
        hit = lookup(back)
        if hit is None or hit.id != ind.id:
            bad.append((ind.name, trad, back, hit and hit.id))
    assert not bad, bad


def test_benchmarks_plans_and_absolute_changes_are_not_figures():
    text = ("城镇化率达到84.52%,分别比全国和全省高20.63和12.38个百分点。"
            "优良天数共235天,同比增加28天。当年计划投资594.1亿元,现已完成投资23.1亿元。")
    figs = extract_figures(text, published="2021-02-01")
    assert [f.value for f in figs] == [84.52, 235, 23.1]


def test_rank_and_growth_take_the_indicator_named_earlier():
    text = ("不过,从增幅上看,全市规上工业总产值增幅排在前列的,却是县域,其中法库县增幅最高,达95.9%。"
            "城镇化率达到84.52%,分别比全国和全省高20.63和12.38个百分点,在15个副省级城市中排第5位。")
    figs = extract_figures(text, published="2010-02-09")
    assert [(f.value, f.kind, f.indicator) for f in figs] == [
        (95.9, "growth", "规模以上工业总产值"), (84.52, "share", "常住人口城镇化率"), (5, "rank", "常住人口城镇化率排名")]
    assert figs[0].region == "法库县"


@pytest.mark.parametrize("text,base", [
    ("接待游客同比增长19.3%。", "同比"), ("高星酒店预订量比2019年同期增长40%。", "比2019年同期"),
    ("日均接待人次环比今年“五一”增长24.74%。", "环比今年“五一”"), ("工业增加值两年平均增长6.1%。", "两年平均"),
    ("存款余额比年初增长8.2%。", "比年初")])
def test_comparison_base_is_recorded(text, base):
    f = extract_figures(text, published="2023-10-08")[0]
    assert f.kind == "growth" and f.base == base


def test_region_of_a_district_inside_its_city_and_of_places_in_several_districts():
    figs = extract_figures("沈阳市铁西区规模以上工业总产值150.2亿元。浑南区奥体中心、于洪区丁香湖日均接待游客超4000人。",
                           published="2018-02-22")
    assert [f.region for f in figs] == ["铁西区", "沈阳"]
