"""Indicator names: catalogue names, context fill-in of elliptical subjects, counts and ranks."""
import pytest

from extract import extract_figures
from extract.indicators import canonical_name, fill_from_context, partner_trade


def names(text, published="2024-11-20"):
    return [(text[f.start:f.end], f.indicator) for f in extract_figures(text, published=published)]


def test_elliptical_list_members_take_the_measure_of_the_first():
    got = names("1-10月,规模以上工业增加值同比增长5.3%。分经济类型看,国有控股企业增加值增长3.4%;股份制企业增长6.1%,"
                "外商及港澳台商投资企业增长2.9%。")
    assert got[2:] == [("6.1%", "股份制企业增加值"), ("2.9%", "外商及港澳台商投资企业增加值")]


def test_a_bare_measure_takes_the_topic_before_it():
    got = names("全年蔬菜及食用菌播种面积320.5千公顷,总产量1950.3万吨,增长2.1%。")
    assert got == [("320.5千公顷", "蔬菜及食用菌播种面积"), ("1950.3万吨", "蔬菜及食用菌总产量"), ("2.1%", "蔬菜及食用菌总产量")]


def test_town_and_country_members_of_a_price_index():
    got = names("10月份,全省居民消费价格同比上涨0.3%。其中,城市上涨0.4%,农村上涨0.1%。")
    assert [n for _, n in got[1:]] == ["城市居民消费价格", "农村居民消费价格"]


def test_a_catalogue_name_is_not_cut_by_a_list_word():
    # 第一 opens enumerations (第一,…) but 第一产业增加值 is one name
    assert names("前三季度,第一产业增加值1828.3亿元,增长3.9%。")[0][1] == "第一产业增加值"


def test_a_count_of_things_and_a_rank_are_named_as_such():
    assert canonical_name("新开工项目", unit_cls="count", kind="level")[0] == "新开工项目数"
    assert canonical_name("接待游客", unit_cls="count", kind="level")[0] == "接待游客"
    assert canonical_name("城镇化率", unit_cls=None, kind="rank")[0] == "常住人口城镇化率排名"
    assert canonical_name("规模以上工业总产值", unit_cls=None, kind="rank", growth_rank=True)[0] == "规模以上工业总产值增速排名"


@pytest.mark.parametrize("subject, previous, expected", [
    ("夜间达标率", "功能区声环境昼间达标率", "功能区声环境夜间达标率"),
    ("续建项目", "新开工项目投资", "续建项目投资"),  # same unit: the measure carries over
    ("铁西区", "规模以上工业增加值", "铁西区"),  # a place is not a list member
    ("增速", "规模以上工业增加值", "增速"),
])
def test_fill_from_context(subject, previous, expected):
    assert fill_from_context(subject, previous) == expected


def test_fill_from_context_needs_the_same_unit_for_a_measure():
    assert fill_from_context("续建项目", "新开工项目投资", same_unit=False) == "续建项目"


def test_prefix_before_a_catalogue_name_and_tidy_unknown_names():
    assert canonical_name("日均接待游客人次", unit_cls="count", kind="level")[0] == "日均接待游客"
    assert canonical_name("关停各类污染企业", unit_cls="count", kind="level")[0] == "关停污染企业数"
    assert canonical_name("抵达沈阳的客流总量", unit_cls="count", kind="level")[0] == "抵达沈阳客流总量"


def test_a_share_of_a_total_is_not_growth_and_names_its_part():
    got = extract_figures("1-10月,装备制造业增加值增长8.1%,占规模以上工业增加值的比重为30.2%。", published="2024-11-20")
    share = got[-1]
    assert share.kind == "share" and share.value == 30.2
    assert share.indicator.startswith("装备制造业增加值占") and share.indicator_id is None


def test_the_paragraph_region_carries_to_a_sentence_naming_none():
    got = extract_figures("10月份,全省居民消费价格同比上涨0.3%。其中,城市上涨0.4%。", published="2024-11-20")
    assert [f.region for f in got] == ["辽宁", "辽宁"]


def test_a_spelling_variant_of_a_catalogue_name_keeps_the_texts_spelling():
    assert canonical_name("食品烟酒类价格", unit_cls="pct", kind="growth")[0] == "食品烟酒类价格"
    assert canonical_name("食品烟酒价格", unit_cls="pct", kind="growth")[0] == "食品烟酒价格"


def test_each_fenbie_has_its_own_list_and_items_share_the_verb_after_it():
    got = names("全市城镇居民人均可支配收入和农村居民人均纯收入分别达到7392元和3845元,分别增长8.2%和6.4%。")
    assert [n for _, n in got] == ["城镇居民人均可支配收入", "农村居民人均纯收入"] * 2
    got = names("同期,对欧盟、东盟、日本分别进出口500亿元、300亿元、280亿元。")
    assert [n for _, n in got] == ["对欧盟进出口", "对东盟进出口", "对日本进出口"]


def test_a_bare_measure_after_a_verb_keeps_its_owner():
    assert names("其中,第一产业完成增加值93.6亿元,增长6.1%。")[0][1] == "第一产业增加值"


def test_periods_of_from_to_levels_and_last_years_value():
    got = extract_figures("2009年,达标率从2008年的62.5%提高到70.8%。", published="2009-12-20")
    assert [(f.value, f.period) for f in got] == [(62.5, "2008"), (70.8, "2009")]
    got = extract_figures("8月份物价水平同比由上年同期的上涨1.4%转为下降0.4%。", published="2025-09-15")
    assert [(f.value, f.period) for f in got] == [(1.4, "2024-08"), (-0.4, "2025-08")]


def test_a_year_after_a_place_name_is_a_label():
    got = extract_figures("瀋陽2025多項指標創新高。沈阳2000多家企业参与。", published="2026-01-15")
    assert [(f.value, f.unit) for f in got] == [(2000.0, "家")]


def test_region_of_an_actor_named_earlier_in_the_paragraph():
    text = "早在2022年9月起,皇姑区在沈阳市率先开展“引博工程”。截至目前,已有157名博士成功签约。"
    assert [f.region for f in extract_figures(text, published="2025-01-21")] == ["皇姑区"]


def test_full_year_opening_a_paragraph_takes_the_year_named_before():
    text = "经票决,确定10个项目为沈阳市2025年民生实事。\n\n聚焦舒心就业,全年提供15万个就业岗位。"
    # a 2025 plan in a January 2025 article: not an outcome
    assert [f.value for f in extract_figures(text, published="2025-01-21")] == []


def test_a_stretch_of_the_period_is_not_a_figure():
    got = extract_figures("国庆假期前5天,全省累计接待游客3589.2万人次。", published="2024-10-07")
    assert [(f.value, f.unit) for f in got] == [(3589.2, "万人次")]


def test_a_daily_average_takes_the_name_the_sentence_gave_its_measure():
    got = names("实现国内旅游收入110.11亿元,同比增长393.58%,日均收入环比今年“五一”增长32.27%。", published="2023-10-07")
    assert got[-1] == ("32.27%", "日均国内旅游收入")


def test_a_partner_named_alone_after_trade_with_another_partner_is_that_trade():
    got = names("前三季度,全市对韩国进出口85.6亿元,增长4.1%;对德国进出口40.2亿元,德国则增长18.3%。\n"
                "1-6月,全省对东盟进出口210.4亿元,增长6.7%,其中出口98.1亿元,进口112.3亿元。")
    assert [n for _, n in got] == ["对韩国进出口", "对韩国进出口", "对德国进出口", "对德国进出口",
                                   "对东盟进出口", "对东盟进出口", "对东盟出口", "对东盟进口"]
    # a place that is not a trade partner, or a previous name that is not partner trade, is left alone
    assert fill_from_context("铁西区", "对韩国进出口") == "铁西区"
    assert partner_trade("韩国", "规模以上工业增加值") is None


def test_list_items_share_the_actor_noun_of_the_last_one():
    got = names("全年外商投资和集体企业进出口比重分别为31.2%和4.5%。")
    # (a share of a part with no whole named is its 占比, as the dev gold writes it: d26 外商投资企业进出口占比)
    assert [n for _, n in got] == ["外商投资企业进出口占比", "集体企业进出口占比"]


def test_abbreviations_and_optional_words_reach_the_catalogue():
    assert canonical_name("规上工业企业数", unit_cls="count", kind="level")[1].id == "industrial_enterprises_above"
    # 年均 / 平均 name one indicator; the text's spelling is kept even when the catalogue's has brackets
    name, hit = canonical_name("细颗粒物(PM2.5)年均浓度", unit_cls="measure", kind="level")
    assert hit.id == "pm25" and "年均浓度" in name


def test_a_count_after_dui_is_named_by_the_action_taken_on_it():
    got = names("全年关停落后产能企业12家,对45家排污企业实施了停产整治。")
    assert got[1] == ("45家", "停产整治排污企业数")


def test_the_stock_after_an_addition_is_named_by_what_was_added():
    got = names("全年新增省级专精特新企业210家,总数达到1520家。")
    assert [n for _, n in got] == ["新增省级专精特新企业数", "省级专精特新企业总数"]


def test_surveyed_and_registered_unemployment_are_two_indicators():
    got = [(f.indicator, f.indicator_id) for f in extract_figures("城镇调查失业率为5.1%,城镇登记失业率为2.9%。", published="2025-01-20")]
    assert got == [("城镇调查失业率", "unemployment_survey"), ("城镇登记失业率", "unemployment_rate")]


def test_a_pollutant_code_is_kept_whole_at_the_end_of_a_name():
    from extract.indicators import clean_subject
    assert clean_subject("首要污染物为细颗粒物(PM_2.5)") == "首要污染物为细颗粒物(PM2.5)"
    assert clean_subject("2023年可吸入颗粒物(PM10)") == "可吸入颗粒物(PM10)"
    assert clean_subject("2023年PM2.5") == "PM2.5"


def test_a_modifier_ending_in_de_is_not_the_topic_of_a_bare_measure():
    got = names("全市重点监测的35家旅游景区共接待游客52.3万人次,营业收入1.2亿元。")
    assert dict(got)["1.2亿元"] == "营业收入"


def test_a_move_in_a_rank_is_a_signed_rank():
    got = [(f.kind, f.value, f.unit, f.indicator) for f in extract_figures("全市营商环境全国排名提升12位,物流绩效排名下降3位。",
                                                                         published="2025-01-20")]
    assert got == [("rank", 12.0, "位", "营商环境全国排名"), ("rank", -3.0, "位", "物流绩效排名")]
    assert [f.kind for f in extract_figures("全市共有5位院士。", published="2025-01-20")] == ["level"]


def test_spellings_differing_by_an_optional_word_keep_the_texts_spelling():
    assert canonical_name("以旧换新政策拉动消费", unit_cls="money", kind="level")[0] == "以旧换新政策拉动消费"
    assert canonical_name("以旧换新拉动消费", unit_cls="money", kind="level")[0] == "以旧换新拉动消费"
    assert canonical_name("优良天数", unit_cls="days", kind="level")[0] == "空气质量优良天数"  # not only a variant


def test_an_attribute_named_alone_after_a_count_of_facilities_is_theirs():
    got = names("年末全县共有敬老院18所,床位1260张;各类医院35家,职工4210人。", published="2024-03-20")
    assert [n for _, n in got][1::2] == ["敬老院床位数", "医院职工"]


def test_a_count_of_things_done_keeps_its_action():
    got = names("全年实施数字化改造项目86个,打造示范街区6条。", published="2025-01-20")
    assert [n for _, n in got] == ["实施数字化改造项目数", "打造示范街区"]
    # a catalogue name stays the catalogue's
    assert names("全年新建5G基站3200个。", published="2025-01-20")[0][1] == "5G基站"


def test_sex_and_age_groups_are_parts_of_the_right_population():
    got = names("年末全市常住人口914.7万人。全年出生4.8万人,其中男孩2.5万人,女孩2.3万人。60岁及以上人口241.3万人。",
                published="2024-03-20")
    assert [n for _, n in got] == ["常住人口", "出生人口", "出生人口中男孩", "出生人口中女孩", "常住人口中60岁及以上人口"]


def test_a_person_noun_is_not_taken_for_a_place():
    # 其中,中街区域186.74万人次 continues the subject before it; 招生 and 教师 are what is counted
    got = names("全年研究生招生2.1万人,普通本专科招生15.2万人。全市中小学专任教师5.2万人。", published="2024-03-20")
    assert [n for _, n in got] == ["研究生招生", "普通本专科招生", "中小学专任教师"]


def test_a_footnote_marker_is_not_part_of_a_name():
    got = names("全年規模以上工業[4]增加值比上年增長5.1%,全市居民消費價格[5]上漲0.3%。", published="2024-04-20")
    assert [n for _, n in got] == ["规模以上工业增加值", "居民消费价格指数"]
