"""Audit: simplified-script genres from Liaoning cities other than Shenyang (统计公报 of 2000-2010 from the province,
大连, 鞍山, 锦州, also as copied on spam-injected mirrors; 政府工作报告 of 大连, 鞍山, 铁岭; monthly county industry
releases; short GDP items of financial news sites). Invented sentences, checked field by field against the contract
(../shared/eval/README.md) and the gold conventions (../shared/eval/dev/README.md). None is copied from the dev
passages."""
import pytest

from tests.extract_helpers import figs, one, spans


# --- 统计公报 of an older year ----------------------------------------------------------------------------------

ANSHAN_2007 = (
    "鞍山市2007年国民经济和社会发展统计公报\n鞍山市统计局\n"
    "一、综合\n"
    "初步核算，全年全市地区生产总值完成1727.3亿元，按可比价格计算，比上年增长15.5%。其中，第一产业增加值87.6亿元，"
    "增长5.1%；第二产业增加值933.2亿元，增长17.2%；第三产业增加值706.5亿元，增长14.3%。\n"
    "二、农业\n"
    "全年粮食总产量达到123.5万吨，比上年增长4.6%。蔬菜总产量215.3万吨，增长6.2%。\n"
    "三、工业和建筑业\n"
    "全年全部工业增加值完成857.9亿元，比上年增长17.8%。规模以上工业完成增加值781.2亿元，增长18.6%。\n"
    "四、固定资产投资\n"
    "全年全社会固定资产投资完成1003.5亿元，比上年增长35.6%。\n"
    "五、国内贸易\n"
    "全年社会消费品零售总额实现483.6亿元，比上年增长17.3%。\n"
    "六、对外经济\n"
    "全年进出口总额达到45.2亿美元，比上年增长32.1%。\n"
    "七、交通运输和邮电通信\n"
    "全年货物运输量完成18452万吨，比上年增长7.8%。\n"
    "八、金融\n"
    "年末全市金融机构本外币各项存款余额1265.4亿元，增长12.7%。\n"
    "九、人口和人民生活\n"
    "年末全市户籍总人口351.6万人。\n"
)


@pytest.mark.parametrize("span,indicator", [
    ("123.5万吨", "粮食总产量"),
    ("857.9亿元", "工业增加值"),
    ("1003.5亿元", "固定资产投资"),
    ("483.6亿元", "社会消费品零售总额"),
    ("45.2亿美元", "进出口总额"),
    ("18452万吨", "货物运输量"),
    ("1265.4亿元", "金融机构本外币各项存款余额"),
    ("351.6万人", "户籍人口"),
])
def test_section_headings_of_a_bulletin_are_not_part_of_the_name(span, indicator):
    """A bulletin's numbered headings (二、农业) are short lines: they do not make the page look like a PDF copy
    with hard line breaks, and they do not run into the paragraph under them."""
    f = one(ANSHAN_2007, span, "2008-03-20")
    assert f.indicator == indicator and "、" not in (f.indicator_raw or "")
    assert (f.period, f.region) == ("2007", "鞍山")


def test_a_heading_before_a_hard_wrapped_paragraph_stays_on_its_own_line():
    text = ("铁岭市政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告\n工作，请予审议。\n一、2023年工作回顾\n"
            "过去一年，全市地区生产总值增长5.1%，规模以上工业增加值\n增长8.2%，一般公共预算收入\n增长6.3%，固定资产投资\n"
            "增长7.5%，社会消费品零售总额增长\n6.6%，城镇居民人均可支配\n收入增长4.9%。\n")
    f = one(text, "8.2%", "2024-01-20")
    assert f.indicator == "规模以上工业增加值" and f.period == "2023"
    assert one(text, "6.6%", "2024-01-20").indicator == "社会消费品零售总额"
    assert one(text, "4.9%", "2024-01-20").indicator == "城镇居民人均可支配收入"


SPAM_MIRROR = (
    "大连市2005年国民经济和社会发展统计公报 - 澳门新葡京娱乐场 www.xpj8866.com\n"
    "初步核算，2005年全市实现地区生产总值2150.0亿元，比上年增长14.2%，其中第一产业实现增加值172.4亿元，增长8.1%；"
    "第二产业实现增加值1037.4亿元，增长16.8%；皇冠体育hg0088.com第三产业实现增加值940.2亿元，增长12.6%。\n"
    "全年规模以上工业总产值达到3103.4亿元，比上年增长26.2%。百家乐官网 bjl2288.cc 真人视讯 规模以上工业产品销售率达到98.2%。\n"
    "在365体育投注、市政府的领导下，全年外贸进出口总额达到257.6亿美元，增长17.3%。六合彩开奖 888.6hc.com\n"
    "友情链接：太阳城娱乐 | 365bet体育在线\n"
)


@pytest.mark.parametrize("span,indicator", [
    ("940.2亿元", "第三产业增加值"),
    ("12.6%", "第三产业增加值"),
    ("98.2%", "工业产品产销率"),
    ("257.6亿美元", "进出口总额"),
])
def test_spam_strings_of_a_mirror_are_not_part_of_the_name(span, indicator):
    f = one(SPAM_MIRROR, span, "2006-03-02")
    assert f.indicator == indicator
    raw = f.indicator_raw or ""
    assert not any(w in raw for w in ("体育", "百家乐", "真人", ".com", ".cc", "hg0088"))
    assert (f.period, f.region) == ("2005", "大连")


def test_spam_strings_give_no_figures():
    got = spans(SPAM_MIRROR, "2006-03-02")
    assert got == ["2150.0亿元", "14.2%", "172.4亿元", "8.1%", "1037.4亿元", "16.8%", "940.2亿元", "12.6%",
                   "3103.4亿元", "26.2%", "98.2%", "257.6亿美元", "17.3%"]


def test_spam_removal_keeps_offsets_and_evidence():
    f = one(SPAM_MIRROR, "940.2亿元", "2006-03-02")
    assert SPAM_MIRROR[f.start:f.end] == "940.2亿元" and "皇冠体育hg0088.com" in f.sentence


@pytest.mark.parametrize("text,span,indicator,iid", [
    ("在规模以上工业中，集体企业增加值6.3亿元，下降3.2%；外商及港澳台投资企业增加值45.6亿元，增长22.4%。",
     "6.3亿元", "集体企业增加值", "ind_collective_va"),
    ("在规模以上工业中，集体企业增加值6.3亿元，下降3.2%；外商及港澳台投资企业增加值45.6亿元，增长22.4%。",
     "45.6亿元", "外商及港澳台商投资企业增加值", "ind_foreign_va"),
    ("其中，国有及国有控股企业实现增加值331.8亿元；三资企业实现增加值405.2亿元，增长22.3%。",
     "405.2亿元", "外商及港澳台商投资企业增加值", "ind_foreign_va"),
    ("全年新批外商投资企业86家，合同外资额9.8亿美元，增长25.6%。", "9.8亿美元", "合同利用外资", "fdi_contract"),
    ("分行业看，批发和零售业零售额412.5亿元，增长17.0%；住宿和餐饮业零售额62.8亿元，增长19.6%。",
     "412.5亿元", "批发和零售业零售额", "retail_wholesale_retail"),
    ("分行业看，批发和零售业零售额412.5亿元，增长17.0%；住宿和餐饮业零售额62.8亿元，增长19.6%。",
     "19.6%", "住宿和餐饮业零售额", "retail_accommodation_catering"),
    ("分地区看，城市消费品零售额392.1亿元，增长17.8%；县及县以下消费品零售额91.5亿元，增长15.2%。",
     "392.1亿元", "城市消费品零售额", "retail_city"),
    ("分地区看，城市消费品零售额392.1亿元，增长17.8%；县及县以下消费品零售额91.5亿元，增长15.2%。",
     "15.2%", "县及县以下消费品零售额", "retail_county"),
    ("全年规模以上工业产品销售率达到98.2%。", "98.2%", "工业产品产销率", "industry_sales_rate"),
])
def test_older_bulletin_names_are_in_the_catalogue(text, span, indicator, iid):
    f = one(text, span, "2008-03-20")
    assert (f.indicator, f.indicator_id) == (indicator, iid)


@pytest.mark.parametrize("text,name", [
    ("全年市区空气质量达到二级标准的天数为321天，占全年的87.9%。", "空气质量达到二级标准天数"),
    ("全年市区空气质量好于二级标准的天数为321天，占全年天数的87.9%。", "空气质量好于二级标准天数"),
    ("全年市区空气质量达到或好于国家二级标准的天数为321天，占全年有效监测天数的比例为87.9%。",
     "空气质量达到或好于国家二级标准天数"),
])
def test_days_at_the_second_grade_standard_keep_their_name_and_their_share_is_their_ratio(text, name):
    """The 统计公报 name of good-air days (达到/好于二级标准的天数): 达到 and 好于 inside it open no predicate or
    comparison; the share of the year's days is the days' 比例."""
    days = one(text, "321天", "2008-03-20")
    assert (days.indicator, days.kind) == (name, "level")
    share = one(text, "87.9%", "2008-03-20")
    assert (share.indicator, share.kind) == (name + "比例", "share")


def test_a_share_of_good_air_days_is_the_catalogue_ratio():
    f = one("全年空气质量优良天数为300天，占全年的82.2%。", "82.2%", "2025-03-10")
    assert (f.indicator, f.indicator_id, f.kind) == ("空气质量优良天数比例", "air_good_ratio", "share")


def test_a_share_of_other_days_is_their_ratio():
    f = one("全年重度污染天数为12天，占全年的3.3%。", "3.3%", "2025-03-10")
    assert (f.indicator, f.kind) == ("重度污染天数比例", "share")


def test_later_members_of_a_list_of_ratios_to_a_base_year_are_not_figures():
    """接待游客…,旅游总收入…,分别恢复至2019年的118%和110%: both are ratios to 2019 (no kind for them)."""
    text = "接待游客1.1亿人次，旅游总收入1520亿元，分别恢复至2019年的118%和110%。"
    assert spans(text, "2024-01-22") == ["1.1亿人次", "1520亿元"]


# --- a monthly county industry release --------------------------------------------------------------------------

TIELING_MONTHLY = (
    "1-10月全市工业经济运行情况\n"
    "1-10月，全市规模以上工业增加值同比下降4.1%，降幅较1-9月收窄0.6个百分点。全市规模以上工业企业实现营业收入"
    "312.6亿元，同比下降6.2%；实现利润总额9.8亿元，同比下降21.5%。\n"
    "从县（市）区看，7个县（市）区中有3个实现正增长。调兵山市增长6.3%，增速居全市第一位；西丰县增长3.1%，居第二位。"
    "开原市下降2.4%，昌图县下降7.9%，清河区下降18.4%，开发区下降9.7%。\n"
    "从主要产品看，原煤产量1052.3万吨，下降3.2%。\n"
)


@pytest.mark.parametrize("span,value,kind,region", [
    ("6.3%", 6.3, "growth", "调兵山市"),
    ("3.1%", 3.1, "growth", "西丰县"),
    ("2.4%", -2.4, "growth", "开原市"),
    ("18.4%", -18.4, "growth", "清河区"),
    ("9.7%", -9.7, "growth", "铁岭开发区"),
])
def test_a_county_breakdown_paragraph_is_the_lead_indicator_of_the_paragraph_before(span, value, kind, region):
    """从县(市)区看 opening a paragraph of its own: the counties' rates are of the release's lead indicator (规模以上
    工业增加值), not of the last one named (利润总额), nor of the count of counties that grew."""
    f = one(TIELING_MONTHLY, span, "2024-11-21")
    assert (f.value, f.kind, f.region) == (value, kind, region)
    assert (f.indicator, f.indicator_id) == ("规模以上工业增加值", "industry_va_above")
    assert f.period == "2024-01..2024-10"


def test_a_rank_of_a_county_in_a_breakdown_paragraph():
    f = one(TIELING_MONTHLY, "第一位", "2024-11-21")
    assert (f.kind, f.value, f.region, f.indicator) == ("rank", 1, "调兵山市", "规模以上工业增加值增速排名")


@pytest.mark.parametrize("text", [
    "从县（市）区看，7个县（市）区中有3个实现正增长。",
    "从县区看，3个县（市）区实现增长，4个县（市）区下降。",
])
def test_how_many_of_the_places_grew_is_not_a_figure(text):
    assert spans(text, "2024-11-21") == []


TIELING_OUTPUT = (
    "1-10月，全市规模以上工业总产值完成486.3亿元，同比下降3.6%。规模以上工业增加值同比下降2.8%。\n"
    "分县（市）区看，开原市完成产值128.5亿元，同比增长4.2%，增速排名第一；调兵山市完成产值96.7亿元，同比下降8.5%；"
    "开发区完成产值107.7亿元，下降5.3%。\n"
)


@pytest.mark.parametrize("span,region", [
    ("128.5亿元", "开原市"), ("4.2%", "开原市"), ("96.7亿元", "调兵山市"), ("107.7亿元", "铁岭开发区"), ("5.3%", "铁岭开发区"),
])
def test_a_places_bare_output_is_the_output_named_in_the_paragraph_before(span, region):
    """分县(市)区看,开原市完成产值…: 产值 is the 规模以上工业总产值 of the paragraph before (the last subject there,
    增加值, is another measure); 开发区 is the region, not part of the name."""
    f = one(TIELING_OUTPUT, span, "2023-11-24", title="铁岭市统计局")
    assert (f.indicator, f.indicator_id, f.region) == ("规模以上工业总产值", "industry_output_above", region)


# --- a short GDP item of a financial news site -----------------------------------------------------------------

FINANCE_GDP = (
    "2022年辽宁GDP数据出炉：总量28975.1亿元，同比增长2.1%\n"
    "【财经网讯】1月19日，辽宁省统计局发布数据，2022年辽宁GDP为28975.1亿元，按不变价格计算，同比增长2.1%。\n"
    "分产业看，第一产业增加值2597.6亿元，同比增长2.8%；第二产业增加值11755.8亿元，同比下降0.1%。\n"
    "人均GDP为68775元，同比增长2.6%。\n"
)


@pytest.mark.parametrize("span", ["28975.1亿元", "2.1%"])
def test_a_headline_that_data_came_out_names_the_indicator_not_the_news(span):
    """2022年辽宁GDP数据出炉:总量28975.1亿元: 数据出炉 (the data are out) is no part of the name."""
    for f in [f for f in figs(FINANCE_GDP, "2023-01-20") if FINANCE_GDP[f.start:f.end] == span]:
        assert (f.indicator, f.indicator_id, f.period, f.region) == ("地区生产总值", "gdp", "2022", "辽宁")


@pytest.mark.parametrize("text,span,region", [
    ("辽宁2023年GDP30209.4亿元 同比增长5.3%。", "30209.4亿元", "辽宁"),
    ("辽宁2023年GDP30209.4亿元 同比增长5.3%。", "5.3%", "辽宁"),
    ("2023年辽宁14市GDP排名出炉：大连8752.9亿元居首", "8752.9亿元", "大连"),
    ("2023年辽宁14个城市GDP排名：大连8752.9亿元居首，沈阳8122.1亿元居次", "8122.1亿元", "沈阳"),
])
def test_financial_news_gdp_forms(text, span, region):
    """A figure glued to GDP (GDP30209.4亿元) is read; the number of cities ranked (14市, 14个城市) is no part of
    the name nor a figure."""
    f = one(text, span, "2024-01-22")
    assert (f.indicator, f.indicator_id, f.period, f.region) == ("地区生产总值", "gdp", "2023", region)
    assert "14" not in " ".join(spans(text, "2024-01-22"))


@pytest.mark.parametrize("text,span,indicator", [
    ("三次产业对经济增长的贡献率分别为9.2%、37.1%和53.7%。", "37.1%", "第二产业对经济增长贡献率"),
    ("第三产业对经济增长的贡献率为53.7%。", "53.7%", "第三产业对经济增长贡献率"),
])
def test_a_contribution_rate_to_growth_is_a_share(text, span, indicator):
    f = one(text, span, "2024-01-22")
    assert (f.kind, f.indicator) == ("share", indicator)


# --- 政府工作报告 -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,names", [
    ("工业经济稳中有进。钢铁、菱镁、装备制造三大产业增加值分别增长6.8%、9.1%和11.3%。",
     ["钢铁产业增加值", "菱镁产业增加值", "装备制造产业增加值"]),
    ("全市石化、冶金、装备制造三大支柱产业分别增长6.8%、9.1%和11.3%。", ["石化产业", "冶金产业", "装备制造产业"]),
    ("汽车、装备、电子信息和医药四大行业增加值分别增长6.8%、9.1%、2.2%和11.3%。",
     ["汽车行业增加值", "装备行业增加值", "电子信息行业增加值", "医药行业增加值"]),
    ("三大产业增加值分别增长4.7%、5.0%和5.5%。", ["第一产业增加值", "第二产业增加值", "第三产业增加值"]),
])
def test_a_list_of_named_industries_counted_as_a_group_is_not_the_three_sectors(text, names):
    """钢铁、菱镁、装备制造三大产业: three industries named, each with the group's noun and measure; 三大产业 alone is
    still the three sectors."""
    assert [f.indicator for f in figs(text, "2024-01-15")] == names


ANSHAN_REPORT = (
    "政府工作报告——2024年1月10日在鞍山市第十七届人民代表大会第三次会议上\n"
    "一、2023年工作回顾\n"
    "2023年，全市经济运行回升向好。预计全年地区生产总值完成1965亿元，增长5.5%；规模以上工业增加值增长7.2%。\n"
    "对外开放持续扩大。接待游客3200万人次，旅游总收入310亿元，分别恢复至2019年的105%和98%。\n"
    "二、2024年工作安排\n"
    "2024年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右，规模以上工业增加值增长7%以上。\n"
)


def test_a_report_gives_the_reviewed_year_and_no_targets():
    got = [(ANSHAN_REPORT[f.start:f.end], f.indicator, f.period, f.region) for f in figs(ANSHAN_REPORT, "2024-01-15")]
    assert got == [("1965亿元", "地区生产总值", "2023", "鞍山"), ("5.5%", "地区生产总值", "2023", "鞍山"),
                   ("7.2%", "规模以上工业增加值", "2023", "鞍山"), ("3200万人次", "接待游客", "2023", "鞍山"),
                   ("310亿元", "旅游总收入", "2023", "鞍山")]


@pytest.mark.parametrize("text,span,value,indicator", [
    ("粮食总产量152.3万吨，比上年减产8.2%。", "8.2%", -8.2, "粮食总产量"),
    ("全年农民人均纯收入减收2.1%。", "2.1%", -2.1, "农村居民人均纯收入"),
    ("全年粮食增产5.2%。", "5.2%", 5.2, "粮食总产量"),
])
def test_harvest_and_income_words_give_the_sign_and_are_no_part_of_the_name(text, span, value, indicator):
    f = one(text, span, "2010-04-02")
    assert (f.value, f.kind, f.indicator) == (value, "growth", indicator)


@pytest.mark.parametrize("text,span,indicator,iid", [
    ("全年锦州港货物吞吐量完成6032万吨，增长20.1%。", "6032万吨", "港口货物吞吐量", "port_throughput"),
    ("全年锦州港货物吞吐量完成6032万吨，增长20.1%。", "20.1%", "港口货物吞吐量", "port_throughput"),
    ("营口港集装箱吞吐量完成330万标准箱。", "330万标准箱", "集装箱吞吐量", "container_throughput"),
    ("年末固定电话用户68.2万户，互联网宽带用户18.4万户。", "18.4万户", "互联网宽带接入用户", "broadband_users"),
])
def test_a_port_named_by_its_city_and_broadband_users(text, span, indicator, iid):
    f = one(text, span, "2010-04-02")
    assert (f.indicator, f.indicator_id) == (indicator, iid)


LIAONING_2006 = (
    "辽宁省2006年国民经济和社会发展统计公报\n"
    "　　初步核算，全年地区生产总值9251.2亿元，比上年增长13.8%。人均地区生产总值21802元，按当年平均汇率计算达到2735美元。\n"
    "　　全年城镇居民人均可支配收入和农民人均纯收入分别为10370元和4090元，比上年分别增加1682元和400元，扣除价格因素，"
    "分别增长17.9%和9.6%。\n"
    "　　沈阳经济区实现地区生产总值5032.6亿元，增长14.6%。\n"
)


def test_later_members_of_a_list_of_absolute_changes_are_not_figures_and_the_rates_stay_in_order():
    """比上年分别增加1682元和400元: both are changes (no kind for them); the rates after them keep their order."""
    got = [(LIAONING_2006[f.start:f.end], f.indicator) for f in figs(LIAONING_2006, "2007-02-28")
           if "元" in LIAONING_2006[f.start:f.end] or "%" in LIAONING_2006[f.start:f.end]]
    assert ("400元", "城镇居民人均可支配收入") not in got and not any(s == "400元" for s, _ in got)
    assert ("17.9%", "城镇居民人均可支配收入") in got and ("9.6%", "农村居民人均纯收入") in got


def test_an_amount_at_the_exchange_rate_is_the_previous_indicator():
    f = one(LIAONING_2006, "2735美元", "2007-02-28")
    assert (f.indicator, f.indicator_id, f.period, f.region) == ("人均地区生产总值", "gdp_per_capita", "2006", "辽宁")


def test_the_shenyang_economic_zone_is_not_shenyang():
    f = one(LIAONING_2006, "5032.6亿元", "2007-02-28")
    assert f.region != "沈阳"


TIELING_2009_REPORT = (
    "铁岭市2009年政府工作报告\n"
    "一、2008年工作回顾\n"
    "刚刚过去的2008年，全市地区生产总值完成566亿元，增长18.5%；地方财政一般预算收入完成42.1亿元，增长43.6%。\n"
    "过去五年，全市地区生产总值年均增长16.2%，地方财政一般预算收入年均增长35.1%，是2003年的4.5倍。\n"
    "新城建设全面提速。凡河新城开发面积达到22平方公里。\n"
)


def test_a_multiple_of_a_base_year_is_no_figure_and_the_base_year_is_no_period():
    """…是2003年的4.5倍: a ratio to 2003 (no kind for it); 2003 is the base, not the period of what follows."""
    got = spans(TIELING_2009_REPORT, "2009-01-16")
    assert "4.5倍" not in got
    assert one(TIELING_2009_REPORT, "22平方公里", "2009-01-16").period == "2008"


@pytest.mark.parametrize("text,span,value", [
    ("第三产业增加值940.2亿元，增长12.6%皇冠体育hg0088。", "12.6%", 12.6),
    ("第三产业增加值940.2亿元，增长百家乐 12.6%。", "12.6%", 12.6),
    ("第三产业增加值940.2亿元，增长3.365体育投注。", "940.2亿元", 940.2),
])
def test_a_number_next_to_spam_keeps_its_digits(text, span, value):
    """The letters and digits glued to a spam word are the junk's (hg0088, 365体育投注), but not a figure's number
    written right after the word, nor the decimals of one before it."""
    assert one(text, span, "2006-03-02").value == value
    assert "12.6%" not in text or "12.6%" in spans(text, "2006-03-02")


@pytest.mark.parametrize("text,span,indicator,iid", [
    ("全年申请专利5620件，授权专利2836件，分别增长18.2%和21.5%。", "5620件", "专利申请量", "patent_applications"),
    ("全年申请专利5620件，授权专利2836件，分别增长18.2%和21.5%。", "21.5%", "专利授权量", "patents_granted"),
    ("全年研究生教育招生1.1万人，在学研究生3.2万人。", "1.1万人", "研究生招生", "postgraduates_enrolled"),
    ("小学学龄儿童入学率100%，初中毛入学率99.5%。", "100%", "小学学龄儿童入学率", "primary_enrolment_rate"),
    ("小学学龄儿童入学率100%，初中毛入学率99.5%。", "99.5%", "初中毛入学率", "junior_gross_enrolment_rate"),
])
def test_education_and_science_names_of_older_bulletins(text, span, indicator, iid):
    f = one(text, span, "2009-03-10", title="大连市2008年国民经济和社会发展统计公报")
    assert (f.indicator, f.indicator_id, f.period, f.region) == (indicator, iid, "2008", "大连")


def test_a_headline_that_gdp_was_published_names_gdp():
    text = "前三季度大连GDP公布：6537.2亿元，同比增长6.1%"
    f = one(text, "6537.2亿元", "2024-10-28")
    assert (f.indicator, f.indicator_id, f.period, f.region) == ("地区生产总值", "gdp", "2024Q1-Q3", "大连")


@pytest.mark.parametrize("text,names", [
    ("从三次产业结构看，一二三产比重分别为5.9%、39.8%和54.3%。", ["第一产业占比", "第二产业占比", "第三产业占比"]),
    ("一二三产增加值分别增长4.2%、6.8%和5.8%。", ["第一产业增加值", "第二产业增加值", "第三产业增加值"]),
])
def test_the_three_sectors_written_one_two_three(text, names):
    assert [f.indicator for f in figs(text, "2024-10-28")] == names


COUNTY_CONTRIBUTION = (
    "1-10月，全市规模以上工业总产值同比下降3.6%。\n"
    "分县（市）区看，昌图县规模以上工业总产值同比增长9.2%，高于全市平均水平12.8个百分点，拉动全市工业增长1.3个百分点，"
    "增速居全市第1位；调兵山市同比下降6.4%，增速居全市第5位。\n"
)


def test_a_countys_contribution_to_the_citys_growth_is_no_figure_and_no_region():
    """拉动全市工业增长1.3个百分点: a contribution in points (no kind for it); its 全市 is not the region of the
    county's rank after it."""
    assert "1.3个百分点" not in spans(COUNTY_CONTRIBUTION, "2024-11-21")
    f = one(COUNTY_CONTRIBUTION, "第1位", "2024-11-21")
    assert (f.region, f.indicator, f.indicator_id) == ("昌图县", "规模以上工业总产值增速排名", "industry_output_above")
    assert one(COUNTY_CONTRIBUTION, "6.4%", "2024-11-21").indicator == "规模以上工业总产值"


def test_a_contribution_to_the_price_level_is_no_figure():
    text = "其中，食品价格上涨2.3%，影响价格总水平上涨约0.61个百分点。"
    assert spans(text, "2025-03-10") == ["2.3%"]


@pytest.mark.parametrize("text,expected", [
    ("锦州市2009年国民经济和社会发展统计公报\n发布时间：2016-08-12 浏览：2210次\n全年实现地区生产总值821.4亿元。", ["821.4亿元"]),
    ("阅读量 1.2万次 全年接待游客1520万人次。", ["1520万人次"]),
    ("全年政府网站访问量达到1.2亿人次。", ["1.2亿人次"]),
])
def test_a_mirror_pages_counters_are_no_figures(text, expected):
    assert spans(text, "2016-08-12") == expected
