"""Holiday tourism releases (文旅厅/文旅局, 辽宁日报, 沈阳日报, 沈阳晚报) and economy news (CPI, 社零, 沈阳海关 trade), checked
field by field against the dev conventions (../shared/eval/dev/README.md): a holiday figure's period is its days, a
venue's figure is its city's, the indicator is the catalogue's name with the context filled in.

Every sentence is invented for this file (none is copied from the dev passages or the seeds)."""
import pytest

from tests.extract_helpers import figs, one, spans


# --- venues: a site's figure is its city's, the province's report carries on after it -----------------------

LIAONING_NATIONAL_DAY = (
    "辽宁日报讯（记者 张晶）10月5日是国庆假期第五天，全省文旅市场持续火热。假期前五天，全省累计接待游客5862.3万人次，"
    "同比增长7.4%。沈阳故宫5天累计接待游客12.6万人次。全省过夜游客1258.4万人次。"
    "沈阳北站、沈阳站累计发送旅客86.2万人次。中国铁路沈阳局集团管内发送旅客652.4万人次。")


@pytest.mark.parametrize("span,region", [
    ("5862.3万人次", "辽宁"),
    ("12.6万人次", "沈阳"),  # 沈阳故宫: in 沈阳 (the venue goes in entity)
    ("1258.4万人次", "辽宁"),  # (the sentence after the venue's is the province's again)
    ("86.2万人次", "沈阳"),  # 沈阳北站、沈阳站
    ("652.4万人次", "辽宁"),  # 沈阳局集团 is a railway company over the province (and more), not the city
])
def test_venue_figures_are_their_citys(span, region):
    assert one(LIAONING_NATIONAL_DAY, span, "2024-10-06").region == region


def test_venue_list_is_not_the_name():
    f = one(LIAONING_NATIONAL_DAY, "86.2万人次", "2024-10-06")
    assert f.indicator == "发送旅客" and f.indicator_id == "passengers"


# --- holiday periods ------------------------------------------------------------------------------------------

SPRING_FESTIVAL = ("记者从省文化和旅游厅获悉，2025年春节假期（1月28日至2月4日）8天，全省累计接待游客3125.6万人次，"
                   "同比增长11.2%。")


def test_holiday_length_after_its_dates_is_no_figure():
    assert spans(SPRING_FESTIVAL, "2025-02-05") == ["3125.6万人次", "11.2%"]
    assert one(SPRING_FESTIVAL, "3125.6万人次", "2025-02-05").period == "2025-01-28..2025-02-04"


def test_one_day_holiday_is_a_day():
    text = "元旦假期，我市文旅消费市场活跃。据测算，全市接待游客156.3万人次，同比增长9.4%。"
    assert one(text, "156.3万人次", "2025-01-02").period == "2025-01-01"  # (2025 元旦 is one day off)


DRAGON_BOAT = ("沈阳晚报讯 端午节假期，全市接待游客502.6万人次，同比增长7.8%。假期第三天，全市接待游客158.4万人次。"
               "沈阳方特欢乐世界三天接待游客6.2万人次。假期期间，全市住宿业营业额3.6亿元。")


@pytest.mark.parametrize("span,period", [
    ("502.6万人次", "2025-05-31..2025-06-02"),
    ("158.4万人次", "2025-06-02"),
    ("6.2万人次", "2025-05-31..2025-06-02"),  # 三天接待: the stretch it covers, not the day before
    ("3.6亿元", "2025-05-31..2025-06-02"),  # 假期期间: the whole holiday again
])
def test_days_of_a_holiday_after_a_single_day(span, period):
    assert one(DRAGON_BOAT, span, "2025-06-03").period == period


@pytest.mark.parametrize("text,span,period", [
    # 截至 a day of the holiday: its days up to it, before or after the holiday's name
    ("国庆假期第五天，全省共接待游客1124.6万人次。截至10月5日，全省累计接待游客5862.3万人次。", "5862.3万人次",
     "2024-10-01..2024-10-05"),
    ("截至10月5日，国庆假期全省累计接待游客5862.3万人次，实现旅游收入452.7亿元。", "452.7亿元", "2024-10-01..2024-10-05"),
    # a running total under a day of the holiday is for the days up to it; the day's own figures stay the day's
    ("国庆假期第五天，全省共接待游客1124.6万人次。全省铁路累计发送旅客652.4万人次。", "652.4万人次", "2024-10-01..2024-10-05"),
    ("国庆假期第五天，全省共接待游客1124.6万人次。全省铁路累计发送旅客652.4万人次。", "1124.6万人次", "2024-10-05"),
    ("国庆假期第五天，全省当日累计接待游客1124.6万人次。", "1124.6万人次", "2024-10-05"),
])
def test_cut_offs_and_running_totals_in_a_holiday(text, span, period):
    assert one(text, span, "2024-10-06").period == period


# --- names ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,span,name,iid", [
    ("“五一”假期，全市A级旅游景区接待游客362.5万人次。", "362.5万人次", "景区接待游客", "scenic_visitors"),
    ("国庆假期，全省高速公路累计通行车辆1026.5万辆次。", "1026.5万辆次", "高速公路车流量", "expressway_traffic"),
    ("国庆假期，全省高速公路车流量1532.8万辆次。", "1532.8万辆次", "高速公路车流量", "expressway_traffic"),
    ("国庆假期，全省铁路累计发送旅客652.4万人次。", "652.4万人次", "铁路发送旅客", "passengers_rail"),
])
def test_holiday_traffic_and_site_names(text, span, name, iid):
    f = one(text, span, "2024-10-06")
    assert (f.indicator, f.indicator_id) == (name, iid)


# --- economy news: CPI by place, a place's share of the province ---------------------------------------------

PROVINCE_CPI = ("辽宁日报讯 记者从国家统计局辽宁调查总队获悉，9月份，全省居民消费价格同比上涨0.1%，环比上涨0.2%。"
                "其中，城市上涨0.1%，农村上涨0.2%。沈阳上涨0.3%，大连下降0.1%。")


@pytest.mark.parametrize("span,value,name,region", [
    ("0.3%", 0.3, "居民消费价格指数", "沈阳"),  # a city's figure is its whole CPI, not the rural part named last
    ("0.1%", -0.1, "居民消费价格指数", "大连"),
])
def test_cpi_of_a_city_after_urban_and_rural(span, value, name, region):
    fs = [f for f in figs(PROVINCE_CPI, "2023-10-20") if PROVINCE_CPI[f.start:f.end] == span and f.region == region]
    assert len(fs) == 1
    f = fs[0]
    assert (f.value, f.indicator, f.indicator_id, f.period) == (value, name, "cpi", "2023-09")


@pytest.mark.parametrize("text,span,name,region", [
    ("前5个月，沈阳市进出口652.1亿元，占全省进出口总值的20.3%。", "20.3%", "进出口总额占全省比重", "沈阳"),
    ("同期，大连市进出口总值1806.9亿元，增长1.2%，占全省的56.2%。", "56.2%", "进出口总额占全省比重", "大连"),
    ("2024年，沈阳市地区生产总值9027.1亿元，增长5.6%，占全省的27.4%。", "27.4%", "地区生产总值占全省比重", "沈阳"),
    ("国庆假期，沈阳市接待游客1215.3万人次，占全省接待总量的18.5%。", "18.5%", "接待游客占全省比重", "沈阳"),
])
def test_a_places_share_of_the_province(text, span, name, region):
    f = one(text, span, "2025-01-20")
    assert (f.kind, f.indicator, f.region) == ("share", name, region)


# --- a province's trade release that lists its cities ------------------------------------------------------------

PROVINCE_TRADE = (
    "辽宁日报讯 记者从沈阳海关获悉，上半年，辽宁省外贸进出口3856.2亿元，同比增长1.8%。其中，出口1765.3亿元，增长4.9%。"
    "沈阳关区数据显示，大连市进出口2145.6亿元，增长0.9%；沈阳市进出口788.2亿元，增长5.3%。"
    "从贸易方式看，一般贸易进出口2698.4亿元，增长3.2%。对东盟进出口452.1亿元，增长15.6%。")


@pytest.mark.parametrize("span,region", [
    ("3856.2亿元", "辽宁"),
    ("2145.6亿元", "大连"),
    ("788.2亿元", "沈阳"),
    ("2698.4亿元", "辽宁"),  # after a list of the province's cities: the province again, not the city named last
    ("452.1亿元", "辽宁"),
])
def test_province_trade_release_with_its_cities(span, region):
    assert one(PROVINCE_TRADE, span, "2024-07-16").region == region


def test_province_words_in_the_opening_make_a_province_report():
    # (辽宁日报 and 沈阳 are named once each: 全省 tells whose report it is)
    text = ("辽宁日报讯 记者从沈阳海关获悉，上半年，全省外贸进出口3856.2亿元，同比增长1.8%。其中，出口1765.3亿元。"
            "沈阳市进出口788.2亿元，增长5.3%。\n从贸易方式看，一般贸易进出口2698.4亿元。")
    assert one(text, "3856.2亿元", "2024-07-16").region == "辽宁"
    assert one(text, "1765.3亿元", "2024-07-16").region == "辽宁"
    assert one(text, "788.2亿元", "2024-07-16").region == "沈阳"
    assert one(text, "2698.4亿元", "2024-07-16").region == "辽宁"  # (a paragraph that names no place)


def test_overnight_visitor_count_is_not_all_visitors():
    text = "中秋国庆假期，全省共接待游客5869.4万人次，过夜游客人数达1602.3万人次。"
    f = one(text, "1602.3万人次", "2023-10-07")
    assert (f.indicator, f.indicator_id) == ("过夜游客", "overnight_tourists")


# --- the days a figure covers, written before its name -------------------------------------------------------------

NATIONAL_DAY_SHENYANG = ("沈阳日报讯 今年国庆中秋假期（10月1日至8日），沈阳文旅市场持续升温。8天假期全市累计接待游客1586.4万人次。"
                         "中街步行街8天客流量达526.3万人次。")


def test_days_before_a_name_are_no_figure():
    assert spans(NATIONAL_DAY_SHENYANG, "2025-10-09") == ["1586.4万人次", "526.3万人次"]
    f = one(NATIONAL_DAY_SHENYANG, "526.3万人次", "2025-10-09")
    assert (f.indicator, f.period) == ("中街步行街客流量", "2025-10-01..2025-10-08")


@pytest.mark.parametrize("text,span", [
    ("全市空气质量优良天数达300天，同比增加28天。", "300天"),
    ("全年空气质量优良天数为312天，重污染天数为3天。", "3天"),
])
def test_day_counts_stay_figures(text, span):
    assert one(text, span, "2025-02-05").unit == "天"


def test_taiwan_copy_of_passengers_sent():
    # (OpenCC s2twp writes 发送 as 傳送)
    text = "國慶假期第五天，全省共接待遊客1124.6萬人次。全省鐵路累計傳送旅客652.4萬人次。"
    f = one(text, "652.4萬人次", "2024-10-06")
    assert (f.indicator, f.indicator_id, f.period) == ("铁路发送旅客", "passengers_rail", "2024-10-01..2024-10-05")


# --- the sample a holiday figure is measured on is no figure ----------------------------------------------------

@pytest.mark.parametrize("text,figures", [
    ("国庆假期，全省纳入监测的120家星级饭店平均客房出租率为72.4%。", ["72.4%"]),
    ("春节期间，全省36个滑雪场接待游客82.4万人次。", ["82.4万人次"]),
])
def test_monitored_group_is_no_figure(text, figures):
    assert spans(text, "2024-10-08") == figures


def test_monitored_group_is_not_in_the_subject_as_written():
    text = "“五一”假期，全省纳入监测的82家A级旅游景区累计接待游客523.6万人次。"
    assert one(text, "523.6万人次", "2024-05-06").indicator_raw == "A级旅游景区接待游客"


# --- a city's trade news with a province paragraph; a holiday as a cause ------------------------------------------

CITY_TRADE = ("据沈阳海关统计，1-5月，沈阳市外贸进出口总值652.1亿元，同比增长4.5%，增速高于全省2.2个百分点。\n"
              "5月当月，我市进出口141.2亿元，增长6.3%。\n"
              "全省方面，1-5月辽宁外贸进出口3215.6亿元，增长2.3%。大连进出口1785.2亿元，下降0.5%。")


@pytest.mark.parametrize("span,period,region", [
    ("652.1亿元", "2024-01..2024-05", "沈阳"),
    ("141.2亿元", "2024-05", "沈阳"),  # 我市: the city (全省 as a benchmark and a later paragraph make no province report)
    ("3215.6亿元", "2024-01..2024-05", "辽宁"),
    ("1785.2亿元", "2024-01..2024-05", "大连"),
])
def test_city_trade_news_with_a_province_paragraph(span, period, region):
    f = one(CITY_TRADE, span, "2024-06-20")
    assert (f.period, f.region) == (period, region)


def test_a_holiday_as_a_cause_is_no_period():
    text = ("沈阳日报讯 2月份，我市居民消费价格同比下降0.3%，环比上涨0.2%。受春节错月影响，食品价格同比下降2.6%，"
            "其中鲜菜价格下降8.5%。非食品价格上涨0.2%。")
    assert {f.period for f in figs(text, "2025-03-15")} == {"2025-02"}


# --- a daily holiday bulletin: 当日 is the day named last --------------------------------------------------------

DAILY_BULLETIN = ("国庆假期第三天 全省接待游客1206.8万人次\n"
                  "10月3日，国庆假期第三天，全省共接待游客1206.8万人次，同比增长5.2%。假期前三天，全省累计接待游客3712.5万人次。"
                  "当日，沈阳故宫接待游客3.2万人次；沈阳方特欢乐世界接待游客2.6万人次。全省A级景区门票收入5236.8万元。")


@pytest.mark.parametrize("span,period", [
    ("3712.5万人次", "2024-10-01..2024-10-03"),
    ("3.2万人次", "2024-10-03"),
    ("2.6万人次", "2024-10-03"),
    ("5236.8万元", "2024-10-01..2024-10-03"),  # (当日 is its sentence's only)
])
def test_same_day_in_a_daily_bulletin(span, period):
    assert one(DAILY_BULLETIN, span, "2024-10-04").period == period


def test_headline_day_of_the_holiday_is_not_in_the_subject():
    f = figs(DAILY_BULLETIN, "2024-10-04")[0]
    assert (f.indicator_raw, f.period, f.region) == ("接待游客", "2024-10-03", "辽宁")


def test_count_of_the_places_listed_is_not_in_the_name():
    text = ("辽宁日报讯 1-7月，全省社会消费品零售总额5936.2亿元，同比增长3.6%。分地区看，沈阳、大连两市社会消费品零售总额"
            "分别为2476.5亿元和1865.3亿元，分别增长3.9%和3.2%。")
    got = [(f.value, f.indicator, f.indicator_id, f.region) for f in figs(text, "2024-08-20")][2:]
    assert got == [(2476.5, "社会消费品零售总额", "retail", "沈阳"), (1865.3, "社会消费品零售总额", "retail", "大连"),
                   (3.9, "社会消费品零售总额", "retail", "沈阳"), (3.2, "社会消费品零售总额", "retail", "大连")]


# --- a holiday named as the press names it in a year when the calendar has it otherwise -----------------------------

@pytest.mark.parametrize("text,published,period", [
    # 2024: 中秋 and 国庆 apart; a report on "中秋国庆" in October is about the National Day break (the figures are not
    # dropped as a target for the unfinished year)
    ("中秋国庆假期，全省过夜游客人数达1602.3万人次，占比27.3%。", "2024-10-08", "2024-10-01..2024-10-07"),
    # 2025: 中秋 (6 October) inside the National Day break: the joint break
    ("中秋假期，全市接待游客160.3万人次。", "2025-10-09", "2025-10-01..2025-10-08"),
    ("中秋假期，全市接待游客160.3万人次。", "2024-09-18", "2024-09-15..2024-09-17"),
])
def test_joint_or_separate_mid_autumn_and_national_day(text, published, period):
    fs = figs(text, published)
    assert fs and {f.period for f in fs} == {period}


def test_per_head_spending_growth_is_its_own():
    # (人均 holds 均, which is not the 均 of "all of them")
    text = "五一假期，全市接待游客892.6万人次，日均接待游客178.5万人次，人均花费同比增长5.6%。"
    fs = [f for f in figs(text, "2025-05-06") if text[f.start:f.end] == "5.6%"]
    assert [(f.kind, f.indicator, f.indicator_id) for f in fs] == [("growth", "游客人均花费", "tourist_spending")]


def test_lunar_day_before_same_day_is_that_day():
    text = "春节假期前五天，全市接待游客686.3万人次。初五当天，全市接待游客156.2万人次。"
    assert one(text, "156.2万人次", "2024-02-15").period == "2024-02-14"


@pytest.mark.parametrize("text,span,name,iid", [
    ("10月份，全市工业生产者出厂价格同比下降2.3%，购进价格下降3.1%。", "3.1%", "工业生产者购进价格指数", "ppirm"),
    ("10月份，全市工业生产者购进价格同比下降3.1%，出厂价格下降2.3%。", "2.3%", "工业生产者出厂价格指数", "ppi"),
])
def test_producer_prices_pair(text, span, name, iid):
    f = one(text, span, "2024-11-15")
    assert (f.indicator, f.indicator_id, f.value < 0) == (name, iid, True)
