"""Traditional-script genres from other Liaoning cities (大连, 鞍山, 营口, 锦州): city 统计公报 as wiki mirrors copy
them, OpenCC-converted Q1-Q3 releases, 中評社 / 香港商報 reports. Invented passages, none copied from the dev
set; each figure is checked field by field against the conventions (../shared/eval/dev/README.md)."""
from __future__ import annotations

import opencc
import pytest

from tests.extract_helpers import figs, one


def s2t(text, config="s2t"):
    return opencc.OpenCC(config).convert(text)


# --- a bulletin's section headings are lines of their own ------------------------------------------------

# a wiki mirror keeps the bulletin's layout: a title, then short heading lines (三、工業) between the sections
BULLETIN_2000 = (
    "鞍山市2000年國民經濟和社會發展統計公報\n一、綜合\n全年國內生產總值完成618.5億元，比上年增長9.6%。\n"
    "二、農業\n全年農業總產值68.2億元，增長2.8%。\n三、工業\n全年全部工業增加值285.4億元，增長11.3%。\n"
    "四、固定資產投資\n全社會固定資產投資136.8億元，增長15.2%。\n五、國內貿易\n全年社會消費品零售總額213.6億元。\n"
    "六、對外經濟\n全年進出口總額12.8億美元。\n七、交通郵電\n全年貨物運輸量1.25億噸。\n八、金融\n"
    "年末全市金融機構各項存款餘額692.4億元。\n（九）人口\n年末全市戶籍人口341.6萬人。\n")


@pytest.mark.parametrize("span, indicator", [
    ("285.4億元", "工业增加值"), ("136.8億元", "固定资产投资"), ("213.6億元", "社会消费品零售总额"),
    ("12.8億美元", "进出口总额"), ("1.25億噸", "货物运输量"), ("692.4億元", "金融机构本外币各项存款余额"),
    ("341.6萬人", "户籍人口")])
def test_a_section_heading_is_not_glued_to_the_next_subject(span, indicator):
    f = one(BULLETIN_2000, span)
    assert f.indicator == indicator and f.period == "2000" and f.region == "鞍山"



# a wiki mirror: a table of contents, headings ending with their edit link, an ad line between sections
WIKI_MIRROR = ("營口市2023年國民經濟和社會發展統計公報 - 維基百科鏡像\n目錄\n1 綜合\n2 農業\n3 對外經濟\n綜合[編輯]\n"
               "初步核算，全年全市地區生產總值1488.6億元，比上年增長5.2%[1]。\n農業[編輯]\n全年糧食總產量58.2萬噸。\n"
               "水產品產量42.6萬噸，增長3.8%。\n廣告 點擊進入 ↑返回頂部\n對外經濟[編輯]\n全年進出口總額521.3億元，比上年下降2.8%。\n"
               "營口港完成貨物吞吐量2.08億噸。\n參考資料[編輯]\n^ 營口市統計局，2024年4月\n")


@pytest.mark.parametrize("span, indicator_id", [("1488.6億元", "gdp"), ("58.2萬噸", "grain_output"),
                                                ("521.3億元", "trade_total"), ("2.8%", "trade_total"),
                                                ("2.08億噸", "port_throughput")])
def test_a_wiki_mirror_heading_and_an_ad_line_are_lines_of_their_own(span, indicator_id):
    f = one(WIKI_MIRROR, span)
    assert (f.indicator_id, f.period, f.region) == (indicator_id, "2023", "营口")

# --- names a city bulletin writes its own way -----------------------------------------------------------

PORTS_AND_SCHOOLS = ("錦州市2023年國民經濟和社會發展統計公報\n全年錦州港貨物吞吐量1.26億噸，增長3.1%；錦州港集裝箱吞吐量"
                     "142.5萬標準箱，增長9.8%。全年普通高等教育招生4.8萬人，在校生15.6萬人，畢業生4.2萬人。"
                     "全年授權專利2856件，增長11.2%。")


@pytest.mark.parametrize("span, indicator, indicator_id", [
    ("1.26億噸", "港口货物吞吐量", "port_throughput"),
    ("142.5萬標準箱", "集装箱吞吐量", "container_throughput"),
    ("4.8萬人", "普通高等学校招生", "college_enrolled"),
    ("15.6萬人", "普通高等学校在校生", "college_students"),
    ("4.2萬人", "普通高等学校毕业生", "college_graduated"),
    ("2856件", "专利授权量", "patents_granted")])
def test_a_city_port_and_higher_education_are_catalogue_names(span, indicator, indicator_id):
    f = one(PORTS_AND_SCHOOLS, span)
    assert (f.indicator, f.indicator_id, f.period, f.region) == (indicator, indicator_id, "2023", "锦州")


# --- a share of the province or city: the whole after 占 is not the figure's region -----------------------

@pytest.mark.parametrize("text, span, region", [
    ("首三季，瀋陽地區生產總值6098.5億元人民幣，按年增長5.5%，經濟總量佔全省比重約26.9%。", "26.9%", "沈阳"),
    ("前三季度，沈阳地区生产总值6098.5亿元，占全省比重为26.9%。", "26.9%", "沈阳"),
    ("前三季度，铁西区规模以上工业产值占全市比重超过三成。", "三成", "铁西区"),
    ("大连市进出口总额占全省的比重达到52.3%。", "52.3%", "大连")])
def test_the_whole_a_share_is_of_is_not_its_region(text, span, region):
    f = one(text, span, published="2024-10-26")
    assert (f.kind, f.region) == ("share", region)


# --- Hong Kong papers: 跌幅/升幅, 實際使用外資金額 --------------------------------------------------------

HK_DALIAN = ("【香港商報網訊】首三季大連外貿進出口總值3215.6億元人民幣，較去年同期下跌3.2%，跌幅較上半年收窄1.5個百分點。"
             "首三季，遼寧出口跌幅擴大至4.6%，進口跌幅為2.1%。首三季實際使用外資金額16.8億美元，按年大增36.5%。")


@pytest.mark.parametrize("span, value, kind, indicator_id", [
    ("1.5個百分點", -1.5, "change_pp", "trade_total"),  # (跌幅…收窄: the change of the trade's rate, not of a 跌幅)
    ("4.6%", -4.6, "growth", "export"),
    ("2.1%", -2.1, "growth", "import"),
    ("16.8億美元", 16.8, "level", "fdi_actual"),
    ("36.5%", 36.5, "growth", "fdi_actual")])
def test_hong_kong_drop_words_and_foreign_investment(span, value, kind, indicator_id):
    f = one(HK_DALIAN, span, published="2023-10-30")
    assert (f.value, f.kind, f.indicator_id, f.period) == (value, kind, indicator_id, "2023Q1-Q3")


def test_a_drop_named_with_hong_kong_wording_is_negative_in_simplified_text_too():
    f = one("前三季度，全省出口跌幅为3.3%。", "3.3%", published="2024-10-30")
    assert (f.value, f.indicator_id) == (-3.3, "export")


# --- datelines and Hong Kong period words are not part of the name ---------------------------------------

@pytest.mark.parametrize("text, span, indicator_id", [
    ("【香港商報網訊】首三季大連外貿進出口總值3215.6億元人民幣。", "3215.6億元", "trade_total"),
    ("據新華社瀋陽10月25日電 首三季遼寧社會消費品零售總額7815億元。", "7815億元", "retail"),
    ("新华社沈阳10月25日电 前三季度辽宁社会消费品零售总额7815亿元。", "7815亿元", "retail"),
    ("大公報訊 記者 劉陽 瀋陽報道：遼寧首三季外貿進出口總值5812.6億元人民幣。", "5812.6億元", "trade_total"),
    ("遼寧頭三季外貿進出口總值5812.6億元人民幣。", "5812.6億元", "trade_total"),
    ("遼寧首兩季地區生產總值14250億元人民幣。", "14250億元", "gdp")])
def test_datelines_and_hong_kong_periods_stay_out_of_the_name(text, span, indicator_id):
    assert one(text, span, published="2024-10-26").indicator_id == indicator_id


def test_a_label_in_brackets_with_a_footnote_digit_is_still_a_footnote():
    f = one("全年规模以上工业【4】增加值增长6%。", "6%", published="2025-03-01")
    assert f.indicator_id == "industry_va_above"


# --- an OpenCC-converted Q1-Q3 release: the month's aside does not carry into the next paragraph ----------

YINGKOU_Q3 = ("营口市统计局发布\n1-9月，全市规模以上工业增加值同比增长5.4%，增速比1-8月提高0.6个百分点。9月份，规模以上工业"
              "增加值同比增长8.2%。\n分县（市）区看，鲅鱼圈区规模以上工业增加值增长7.1%，大石桥市增长4.6%，盖州市下降3.2%。")


@pytest.mark.parametrize("config", ["s2t", "s2twp", "s2hk"])
@pytest.mark.parametrize("span, period, region", [
    ("8.2%", "2022-09", "营口"), ("7.1%", "2022-01..2022-09", "鲅鱼圈区"), ("3.2%", "2022-01..2022-09", "盖州市")])
def test_a_single_month_inside_a_running_total_paragraph_is_an_aside(config, span, period, region):
    f = one(s2t(YINGKOU_Q3, config), span, published="2022-10-28")
    assert (f.period, f.region, f.indicator_id) == (period, region, "industry_va_above")


# --- a year-2000 bulletin's older names --------------------------------------------------------------------

DALIAN_2000 = ("大連市2000年國民經濟和社會發展統計公報\n全年海關進出口總額97.4億美元，增長31.2%。"
               "全年職工平均工資11892元，比上年增長12.1%，扣除物價因素，實際增長11.5%。"
               "城市居民家庭人均可支配收入7385元，增長8.6%；城鎮居民家庭人均消費性支出6200元；農村居民家庭人均純收入3698元。")


@pytest.mark.parametrize("span, value, indicator_id", [
    ("97.4億美元", 97.4, "trade_total"), ("11.5%", 11.5, "wage_avg"), ("7385元", 7385, "income_urban"),
    ("8.6%", 8.6, "income_urban"), ("6200元", 6200, "consumption_urban"), ("3698元", 3698, "income_rural_net")])
def test_older_bulletin_names_find_the_catalogue_indicator(span, value, indicator_id):
    f = one(DALIAN_2000, span)
    assert (f.value, f.indicator_id, f.period, f.region) == (value, indicator_id, "2000", "大连")


# --- 中評社: the currency written before the amount ---------------------------------------------------------

@pytest.mark.parametrize("text, span, indicator_id, qualifier", [
    ("2023年，遼寧地區生產總值達人民幣30209.4億元，按年增長5.3%。", "30209.4億元", "gdp", None),
    ("全年全省新簽約億元以上項目3000餘個，總投資額逾人民幣2萬億元。", "2萬億元", None, "over"),
    ("全市实现地区生产总值人民币8122亿元。", "8122亿元", "gdp", None)])
def test_a_currency_before_the_amount_is_neither_name_nor_verb(text, span, indicator_id, qualifier):
    f = one(text, span, published="2024-02-06")
    assert (f.indicator_id, f.qualifier, f.period) == (indicator_id, qualifier, "2023")
    assert "人民币" not in f.indicator


def test_a_cumulative_count_after_the_year_s_new_ones_is_the_stock_of_them():
    text = s2t("鞍山市2023年国民经济和社会发展统计公报\n全年新建5G基站2156个，累计建成8632个。", "s2twp")
    f = one(text, "8632個")
    assert (f.indicator_id, f.period, f.region) == ("5g_base_stations", "2023", "鞍山")


# --- 大公報 / 香港商報 wording: 撇除價格因素, 實質增長, 外來直接投資 -------------------------------------------

TAKUNGPAO = ("【大公報訊】記者劉陽瀋陽報道：遼寧首季本地生產總值錄得6952億元人民幣，撇除價格因素，按年實質增長5.2%。"
             "首季遼寧外來直接投資錄得12.6億美元，按年急升25.3%。")


@pytest.mark.parametrize("span, value, kind, indicator_id", [
    ("6952億元", 6952, "level", "gdp"), ("5.2%", 5.2, "growth", "gdp"),
    ("12.6億美元", 12.6, "level", "fdi_direct"), ("25.3%", 25.3, "growth", "fdi_direct")])
def test_hong_kong_words_for_real_growth_and_direct_investment(span, value, kind, indicator_id):
    f = one(TAKUNGPAO, span, published="2024-04-20")
    assert (f.value, f.kind, f.indicator_id, f.period, f.region) == (value, kind, indicator_id, "2024Q1", "辽宁")


# a bulletin copied with headings that carry no enumerator (衛生和社會保障, 旅遊): short lines after a finished sentence
# (with most lines short, the lines that do not end a sentence are joined: a heading must not be)
PLAIN_HEADINGS = s2t("大连市2023年国民经济和社会发展统计公报\n综合\n全年地区生产总值8752.9亿元，比上年增长6.7%。\n"
                     "卫生和社会保障\n年末全市共有医疗卫生机构5632个，其中医院258个。\n旅游\n全年接待国内外游客9856.3万人次，增长52.6%。\n"
                     "资源和环境\n全年空气质量优良天数318天。\n农业\n全年粮食总产量142.6万吨。\n工业\n全年规模以上工业增加值增长8.1%。\n"
                     "金融\n年末金融机构本外币各项存款余额15230.6亿元。\n", "s2twp")


@pytest.mark.parametrize("span, indicator_id", [("5632個", "health_institutions"), ("9856.3萬人次", "tourists_total"),
                                                ("52.6%", "tourists_total"), ("318天", "air_good_days")])
def test_a_heading_without_an_enumerator_is_a_line_of_its_own(span, indicator_id):
    f = one(PLAIN_HEADINGS, span)
    assert (f.indicator_id, f.period, f.region) == (indicator_id, "2023", "大连")


@pytest.mark.parametrize("text, span", [
    ("前三季度錦州市經濟運行情況\n前三季度，工業對經濟增長的貢獻率為41.2%。", "41.2%"),
    ("前三季度锦州市经济运行情况\n前三季度，消费对经济增长贡献率达到56.3%。", "56.3%")])
def test_a_contribution_to_growth_is_a_share(text, span):
    f = one(text, span, published="2023-10-27")
    assert (f.kind, f.value, f.period, f.region) == ("share", float(span[:-1]), "2023Q1-Q3", "锦州")


def test_yi_county_of_jinzhou_is_a_region():
    text = "分縣（市）區看，黑山縣地區生產總值增長5.1%，義縣增長4.2%，凌海市增長6.0%。"
    assert one(text, "4.2%", published="2024-03-01").region == "义县"


def test_a_heading_numbered_in_arabic_digits_is_a_line_of_its_own():
    lines = ["鞍山市2000年國民經濟和社會發展統計公報"] + [f"({i}){h}\n{body}" for i, (h, body) in enumerate([
        ("綜合", "全年國內生產總值完成618.5億元。"), ("農業", "全年糧食總產量98.6萬噸。"), ("工業", "全年工業增加值285.4億元。"),
        ("投資", "全社會固定資產投資136.8億元。"), ("貿易", "全年社會消費品零售總額213.6億元。"),
        ("交通", "全年貨物運輸量1.25億噸。"), ("郵電", "全年郵電業務總量18.7億元。"),
        ("金融", "年末全市金融機構各項存款餘額692.4億元。")], start=1)]
    f = one("\n".join(lines) + "\n", "692.4億元")
    assert (f.indicator_id, f.period, f.region) == ("deposits", "2000", "鞍山")


# --- a Hong Kong paper's simplified edition keeps its wording ----------------------------------------------

HK_SIMPLIFIED = ("香港商报讯 首三季辽宁本地生产总值录得22638亿元人民币，按年增长5.1%。"
                 "同期大连货柜吞吐量约395万标箱，按年增长6.1%；沈阳社会消费品零售总额按年增长5.8%。")


@pytest.mark.parametrize("span, indicator_id, region", [
    ("22638亿元", "gdp", "辽宁"), ("5.1%", "gdp", "辽宁"), ("395万标箱", "container_throughput", "大连"),
    ("6.1%", "container_throughput", "大连"), ("5.8%", "retail", "沈阳")])
def test_hong_kong_wording_in_simplified_characters(span, indicator_id, region):
    f = one(HK_SIMPLIFIED, span, published="2024-10-28")
    assert (f.indicator_id, f.period, f.region) == (indicator_id, "2024Q1-Q3", region)
