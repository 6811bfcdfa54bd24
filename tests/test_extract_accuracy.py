"""Rules of 0.5.0 that carry indicator, period and region to text the extractor has not seen: one test a rule,
on short sentences written for the test in the style of 统计公报, 政府工作报告 and news reports."""
from extract import extract_figures
from extract.indicators import canonical_name, clean_subject, lookup


def figs(text, published="2024-11-20", **kw):
    return extract_figures(text, published=published, **kw)


def names(text, published="2024-11-20"):
    return [(text[f.start:f.end], f.indicator) for f in figs(text, published)]


# --- indicator names -------------------------------------------------------------------------------------

def test_trade_values_are_amounts_and_trade_totals_keep_their_parts():
    got = names("1-9月,全市进出口贸易总值652.3亿元,同比增长6.1%。其中,对俄罗斯进出口值186.2亿元,钢材出口额21.5亿元。")
    assert got[0][1] == "进出口总额" and got[1][1] == "进出口总额"
    assert got[2][1] == "对俄罗斯进出口额"
    assert got[3][1] == "钢材出口额"  # not the total 出口总额
    assert lookup("外资企业出口额") is None


def test_a_share_of_a_total_is_named_x_of_y():
    got = names("前三季度,全市机电产品出口值215.4亿元,占同期出口总值的48.2%。")
    assert got[1] == ("48.2%", "机电产品占出口总值比重")


def test_a_national_rank_says_so_and_a_price_rank_is_of_its_rise():
    got = names("9月份,全省居民消费价格同比上涨0.5%,涨幅与全国平均水平持平,列全国第12位。")
    assert got[1] == ("第12位", "居民消费价格涨幅全国排名")
    assert names("全市地区生产总值在15个副省级城市中排第6位。")[0][1] == "地区生产总值排名"


def test_list_subjects_ending_in_a_quoted_label_drop_the_label():
    got = names("其中,风电设备、储能电池和光伏组件“新三样”产品分别出口12.1亿元、8.4亿元和3.3亿元,分别增长25.1%、18.2%和9.6%;"
                "服装出口15亿元。")
    assert [n for _, n in got] == ["风电设备出口", "储能电池出口", "光伏组件出口", "风电设备出口", "储能电池出口", "光伏组件出口",
                                   "服装出口"]


def test_a_respective_list_written_with_commas():
    got = names("分行业看,纺织,食品,通用设备,汽车制造业增加值同比分别增长6.3%、5.1%、4.2%和3.8%。")
    assert [n for _, n in got] == ["纺织制造业增加值", "食品制造业增加值", "通用设备制造业增加值", "汽车制造业增加值"]


def test_ordinal_sectors_in_a_respective_list():
    got = names("其中,第一、第三产业投资分别增长4.1%和2.2%。")
    assert [n for _, n in got] == ["第一产业投资", "第三产业投资"]


def test_a_list_reused_by_a_second_respective_keeps_its_order():
    got = names("北陵公园接待游客3.1万人次,门票收入45万元;棋盘山接待游客1.2万人次,门票收入20万元,分别增长12.5%和8.1%。")
    assert got[-2:] == [("12.5%", "接待游客"), ("8.1%", "门票收入")]


def test_population_groups_are_parts_of_the_total_named_before():
    got = names("年末全区户籍人口48.2万人。其中男性人口23.5万人,女性人口24.7万人;60岁以上人口12.1万人。",
                published="2024-03-20")
    assert [n for _, n in got[1:]] == ["户籍人口中男性人口", "户籍人口中女性人口", "户籍人口中60岁以上人口"]
    assert clean_subject("18-34岁人口总数为") == "18-34岁人口"


def test_income_after_a_tourist_count_is_tourism_income():
    got = names("国庆假期,全市接待国内游客856.2万人次,收入72亿元。", published="2024-10-08")
    assert got[1] == ("72亿元", "国内旅游收入")


def test_abbreviations_are_spelled_out():
    assert names("1-10月,限上单位网上零售额增长12.5%。")[0][1] == "限额以上单位网上零售额"
    assert canonical_name("规上高技术制造业营业收入", unit_cls="pct", kind="growth")[0] == "规模以上高技术制造业营业收入"


def test_investment_completed_is_named_after_the_projects_counted():
    got = names("1-10月,全市新开工项目120个,当年计划投资300亿元,完成投资86.5亿元。")
    assert got == [("120个", "新开工项目数"), ("86.5亿元", "新开工项目完成投资")]


def test_text_spelling_kept_when_it_differs_from_the_catalogue_only_by_optional_words():
    assert names("全年粮食产量251.6万吨。", published="2024-03-01")[0][1] == "粮食产量"
    assert names("全年二氧化硫年均浓度为9微克/立方米。", published="2024-03-01")[0][1] == "二氧化硫年均浓度"


def test_an_opening_conjunction_is_not_part_of_the_name():
    assert names("前10个月,全省消费虽有所放缓,但社会消费品零售总额增长3.2%。")[0][1] == "社会消费品零售总额"


def test_a_service_industry_value_added_is_its_own_indicator():
    assert names("前三季度,全市服务业稳定发展,增加值增长5.1%。")[0][1] == "服务业增加值"


# --- periods ----------------------------------------------------------------------------------------------

def test_a_reposted_work_report_speaks_from_its_own_year():
    text = "2024年某市政府工作报告\n各位代表:\n过去一年,预计全年地区生产总值增长5%左右,一般公共预算收入增长3.2%。"
    got = figs(text, published="2025-06-14")
    assert [f.period for f in got] == ["2023", "2023"]


def test_a_starting_year_does_not_carry_to_the_next_sentence():
    text = "2023年,全市生态建设成效明显。森林覆盖率从2019年的38.5%提高到40.1%。目前,已有25个乡镇通过验收。"
    got = figs(text, published=None, url=None)
    assert [f.period for f in got] == ["2019", "2023", "2023"]


def test_a_sub_period_inside_a_clause_stays_in_its_sentence():
    text = ("2024年前三季度,全省地区生产总值增长4.9%。这也是上半年增速与全国持平后再次超过全国。\n"
            "从供给看,水产品产量增长5.2%。")
    got = figs(text, published="2024-10-20")
    assert [f.period for f in got] == ["2024Q1-Q3", "2024Q1-Q3"]


def test_a_markdown_heading_starts_a_new_section():
    text = "## 2025年民生实事\n\n今年,全市将改造老旧小区100个。\n\n## 数说2024\n\n- 新增城镇就业12.5万人。"
    got = figs(text, published="2025-01-20")
    assert [(f.value, f.period) for f in got] == [(12.5, "2024")]


# --- plans and targets ------------------------------------------------------------------------------------

def test_targets_without_a_past_year_are_not_outcomes():
    for text, published in [("力争全年接待游客突破2亿人次,旅游总收入增长10%。", "2025-01-20"),
                            ("全年预期目标为:地区生产总值增长6%,城镇新增就业12万人。", "2025-01-20"),
                            ("上半年目标完成后,下半年力争实现地区生产总值增长6%。", "2025-06-30"),
                            ("明年将新建5G基站3000个。", "2025-01-20")]:
        assert figs(text, published=published) == [], text


def test_expected_outcomes_and_completed_amounts_beside_a_plan_are_kept():
    got = figs("预计全年地区生产总值增长5.2%,一般公共预算收入增长4.1%。", published="2025-01-20")
    assert [(f.value, f.period) for f in got] == [(5.2, "2024"), (4.1, "2024")]
    got = figs("1月份,全市新开工项目25个,当年计划投资58.6亿元,完成投资5.6亿元。", published="2010-02-09")
    assert [f.value for f in got] == [25, 5.6]


def test_a_plan_list_over_several_paragraphs_is_not_an_outcome():
    text = ("去年全市接待游客2亿人次。今年确定10个项目为2025年民生实事。\n\n聚焦就业,全年提供15万个就业岗位。\n\n"
            "改造住宅区100个,更新老旧电梯1086部。\n\n新建、盘活等方式,全年扩容公共停车位2万个。")
    got = figs(text, published="2025-01-20")
    assert [(f.value, f.period) for f in got] == [(2, "2024")]


def test_size_classes_and_schedule_shifts_are_not_figures():
    assert figs("全市共有12个智能网联场景投入应用,2吨级大型无人机试飞成功。", published="2025-01-20")[0].value == 12
    assert [f.value for f in figs("土建工程进度比原计划提前了50多天,累计完成投资3.2亿元。", published="2025-01-20")] == [3.2]


# --- catalogue and wording --------------------------------------------------------------------------------

def test_bulletin_indicators_added_to_the_catalogue():
    for phrase, name in [("保险业保费收入", "原保险保费收入"), ("城乡居民储蓄存款余额", "住户存款余额"), ("生猪出栏量", "生猪出栏"),
                         ("城市生活污水处理率", "城市污水处理率"), ("规上营利性服务业营业收入", "规模以上营利性服务业营业收入"),
                         ("民航旅客吞吐量", "机场旅客吞吐量"), ("猪牛羊禽肉产量", "猪牛羊禽肉产量")]:
        hit = lookup(phrase)
        assert hit is not None and hit.name == name, phrase


def test_hong_kong_and_taiwan_wording_of_changes():
    text = "瀋陽市去年地區生產總值按年升幅5.1%,出口貨值按年減少3.2%。"
    got = [(f.value, f.kind, f.indicator) for f in figs(text, published="2025-02-20")]
    assert got == [(5.1, "growth", "地区生产总值"), (-3.2, "growth", "出口总额")]
    assert [(f.value, f.indicator) for f in figs("遼寧省2024年國內生產總值成長5.1%。", published="2025-02-20")] == [
        (5.1, "地区生产总值")]


# --- breakdowns by district and county --------------------------------------------------------------------

COUNTY_RELEASE = ("1-10月,全市规模以上工业增加值同比下降3.2%。分县(市)区看,昌图县增长5.1%,西丰县下降8.2%,开原市增长2.3%,"
                  "开发区下降2.8%。\n全市规模以上工业企业实现营业收入456.3亿元,同比下降1.2%。其中,昌图县实现营业收入85.2亿元,增长3.1%。")


def test_a_breakdown_phrase_is_not_a_name_and_a_county_list_keeps_the_indicator():
    got = [(f.value, f.indicator, f.region) for f in figs(COUNTY_RELEASE, published="2024-11-21")]
    assert got[1:5] == [(5.1, "规模以上工业增加值", "昌图县"), (-8.2, "规模以上工业增加值", "西丰县"),
                        (2.3, "规模以上工业增加值", "开原市"), (-2.8, "规模以上工业增加值", "铁岭开发区")]
    assert clean_subject("从行业看") == "" and clean_subject("按经济类型分") == ""


def test_a_document_listing_one_citys_counties_is_about_that_city():
    assert figs(COUNTY_RELEASE, published="2024-11-21")[0].region == "铁岭"


def test_a_bare_measure_takes_the_full_name_given_earlier_in_the_paragraph():
    got = [(f.value, f.indicator) for f in figs(COUNTY_RELEASE, published="2024-11-21")]
    assert got[-2:] == [(85.2, "规模以上工业企业营业收入"), (3.1, "规模以上工业企业营业收入")]


def test_a_one_character_head_is_part_of_the_word():
    assert lookup("鲜水产品产量") is None and lookup("水产品产量").name == "水产品总产量"
    assert lookup("海水产品产量").name == "海水产品产量"  # a part with its own catalogue entry, not the total


# --- holiday reports --------------------------------------------------------------------------------------

def test_a_single_day_inside_a_holiday_report_is_that_day_in_its_sentence_only():
    text = ("国庆假期前五天,全省累计接待游客3205.6万人次。10月5日当天,全省接待游客612.3万人次。\n"
            "其中,沈阳市接待游客856.2万人次。")
    got = [(f.value, f.period) for f in figs(text, published="2024-10-06")]
    assert got == [(3205.6, "2024-10-01..2024-10-05"), (612.3, "2024-10-05"), (856.2, "2024-10-01..2024-10-05")]


def test_a_ratio_to_an_earlier_level_is_not_a_figure():
    text = "五一假期,全省共接待游客2456万人次,恢复至2019年同期的112.3%;旅游收入完成年度计划的105%。"
    assert [f.value for f in figs(text, published="2024-05-06")] == [2456]


def test_town_and_country_of_a_respective_pair_and_the_stock_of_what_was_added():
    text = "过去一年,预计全年城乡居民人均可支配收入分别增长3.1%和5.6%。新增市场主体12.3万户,总量突破90万户。"
    got = [(f.value, f.indicator) for f in figs(text, published="2023-01-10")]
    # (新增市场主体 is kept as written, like 市场主体总量: 市场主体 is the older official name of 经营主体, same id)
    assert got == [(3.1, "城镇居民人均可支配收入"), (5.6, "农村居民人均可支配收入"), (12.3, "新增市场主体"), (90, "市场主体总量")]


def test_a_bare_sector_takes_the_measure_of_its_sentence():
    got = [(f.value, f.indicator) for f in figs("1-8月,全市规模以上工业增加值同比增长8.1%。其中,冶金工业增加值增长6.2%,"
                                                "装备制造业增长12.5%,石化工业下降3.1%。", published="2021-10-29")]
    assert got[2:] == [(12.5, "装备制造业增加值"), (-3.1, "石化工业增加值")]
    got = [(f.value, f.indicator) for f in figs("1-8月,全市固定资产投资增长5%,其中第一产业增长3%,第二产业增长6%。",
                                                published="2021-10-29")]
    assert got[1:] == [(3, "第一产业投资"), (6, "第二产业投资")]
    got = [(f.value, f.indicator) for f in figs("前三季度,全市地区生产总值1450亿元,第一产业72.3亿元。", published="2021-10-29")]
    assert got[1] == (72.3, "第一产业增加值")


def test_bulletin_sub_items_and_measures_after_a_verb():
    text = ("年末全省公路通车里程101144公里,其中高速公路2833公里。全年全省规模以上工业企业实现主营业务收入26012.5亿元,"
            "比上年增长27.8%;实现利税总额1963.6亿元,增长11.5%。全年普通高等学校招生23.9万人,在校学生81.5万人,毕业生20.3万人。")
    got = [(f.value, f.indicator) for f in figs(text, published="2009-02-26")]
    assert got == [(101144, "公路通车里程"), (2833, "高速公路通车里程"), (26012.5, "规模以上工业企业主营业务收入"),
                   (27.8, "规模以上工业企业主营业务收入"), (1963.6, "规模以上工业企业利税总额"), (11.5, "规模以上工业企业利税总额"),
                   (23.9, "普通高等学校招生"), (81.5, "普通高等学校在校生"), (20.3, "普通高等学校毕业生")]


def test_a_pronoun_partner_and_the_people_of_counted_households():
    text = "从贸易伙伴看,东盟继续为我市第一大贸易伙伴,对其进出口达86.2亿元,占比18.3%。年末全县低保户1520户,共2650人。"
    got = [(f.value, f.indicator) for f in figs(text, published="2024-06-15")]
    assert got == [(86.2, "对东盟进出口"), (18.3, "对东盟进出口"), (1520, "城乡低保户数"), (2650, "城乡低保人数")]


def test_the_scale_of_a_topic_named_in_the_clause_before():
    got = [(f.value, f.indicator) for f in figs("新材料产业异军突起,规模突破730亿元。数字经济蓬勃发展,规模达到1200亿元。",
                                                published="2026-01-15")]
    assert got == [(730, "新材料产业规模"), (1200, "数字经济规模")]


def test_all_of_two_named_measures_and_the_cities_of_a_province():
    got = [(f.value, f.indicator) for f in figs("五一假期,全省接待游客和旅游收入同比均增长20%以上。", published="2024-05-06")]
    assert got == [(20, "接待游客"), (20, "旅游收入")]
    text = "全省14个市地区生产总值均实现正增长,其中大连市增长7.1%,沈阳市增长6.2%。"
    got = [(f.value, f.indicator, f.region) for f in figs(text, published="2024-05-06")]
    assert got == [(7.1, "地区生产总值", "大连"), (6.2, "地区生产总值", "沈阳")]


def test_a_rate_turning_from_an_earlier_period_is_for_the_period_in_force():
    text = "前三季度,全市固定资产投资增速由上半年的下降1.4%转为增长1.4%。"
    assert [(f.value, f.period) for f in figs(text, published="2024-10-20")] == [(-1.4, "2024Q1-Q2"), (1.4, "2024Q1-Q3")]


def test_the_length_of_a_holiday_is_not_a_figure():
    text = "“五一”假期5天,全省累计接待游客2456.3万人次。春节长假8天,全市空气质量优良天数6天。"
    assert [(f.value, f.unit) for f in figs(text, published="2023-05-04")] == [(2456.3, "万人次"), (6, "天")]


def test_a_sub_item_after_a_level_and_its_rate_takes_the_measure():
    text = "从主要产品看,全市汽车产量80.2万辆,增长5.1%;其中新能源汽车15.3万辆,增长45.2%。"
    assert [f.indicator for f in figs(text, published="2024-03-01")][2:] == ["新能源汽车产量", "新能源汽车产量"]


def test_a_population_group_under_the_year_end_total():
    text = "年末户籍人口763.9万人,其中男性372.9万人,女性391.0万人。"
    assert [f.indicator for f in figs(text, published="2024-04-01")] == ["户籍人口", "户籍人口中男性", "户籍人口中女性"]


def test_bulletin_units_for_fibre_chips_and_person_years():
    text = "全年光缆产量380万芯千米,集成电路2.5亿块,研发人员全时当量3.2万人年。"
    got = [(f.unit, f.value_base, f.base_unit) for f in figs(text, published="2024-03-01")]
    assert got == [("万芯千米", 3.8e6, "芯千米"), ("亿块", 2.5e8, "块"), ("万人年", 3.2e4, "人年")]


def test_counties_of_other_liaoning_cities_are_regions():
    text = "1-10月,全市规模以上工业增加值增长5%,其中东港市增长8.1%,凤城市下降2.2%。"
    got = [(f.value, f.region) for f in figs(text, published="2024-11-20", default_region="丹东")]
    assert got == [(5, "丹东"), (8.1, "东港市"), (-2.2, "凤城市")]


def test_days_listed_inside_a_holiday_take_its_month():
    text = "2024年中秋假期,方城文化旅游区15、16日两天累计接待游客196.2万人次。其中,中街区域186.7万人次。"
    assert [f.period for f in figs(text, published="2024-10-01")] == ["2024-09-15..2024-09-16"] * 2
    # days outside the holiday name no period of their own
    text = "2024年中秋假期,全市接待游客500万人次。3、4日两天,某展会接待观众2万人次。"
    assert [f.period for f in figs(text, published="2024-10-01")] == ["2024-09-15..2024-09-17"] * 2


def test_air_quality_levels_are_named_by_their_category():
    text = "去年,全市环境空气质量指数(AQI)Ⅰ级(优)天数98天,Ⅱ级(良)天数201天,Ⅲ级(轻度污染)天数45天。"
    got = [f.indicator for f in figs(text, published="2024-03-01")]
    assert got == ["空气质量优级天数", "空气质量良级天数", "轻度污染天数"]


def test_products_in_a_list_of_main_products_are_named_by_their_output():
    text = "全年规模以上工业主要产品产量中,粗钢5420.1万吨,增长4.1%;钢材5891.3万吨;汽车78.6万辆,其中轿车41.2万辆。"
    got = [f.indicator for f in figs(text, published="2009-02-26")]
    assert got == ["粗钢产量", "粗钢产量", "钢材产量", "汽车产量", "轿车产量"]


def test_abbreviated_ordinal_and_trade_lists():
    got = [f.indicator for f in figs("前三季度,全市第一、二、三产业增加值分别增长4.3%、8.9%和5.5%。", published="2024-10-20")]
    assert got == ["第一产业增加值", "第二产业增加值", "第三产业增加值"]
    got = [f.indicator for f in figs("1-9月,全市进、出口分别增长5.2%和3.1%。", published="2024-10-20")]
    assert got == ["进口总额", "出口总额"]


def test_a_county_breakdown_after_sub_items_is_of_the_total():
    text = "1-10月,全市固定资产投资同比下降8.5%。其中,工业投资下降15.2%,基础设施投资增长3.1%。分县(市)区看,开原市增长12.3%,铁岭县下降20.1%。"
    got = [(f.value, f.indicator, f.region) for f in figs(text, published="2024-11-21")]
    assert got[-2:] == [(12.3, "固定资产投资", "开原市"), (-20.1, "固定资产投资", "铁岭县")]


def test_a_rate_after_an_amount_with_a_thousands_comma_and_a_currency_word():
    text = "瀋陽去年GDP達8,122億元人民幣,按年增長5.2%。"
    assert [(f.value, f.indicator) for f in figs(text, published="2025-02-01")] == [(8122, "地区生产总值"), (5.2, "地区生产总值")]


# --- 统计公报 catalogue (0.6.0) ------------------------------------------------------------------------------

BULLETIN = ("全年规模以上工业增加值比上年增长6.8%。分轻重工业看,轻工业增加值增长2.4%,重工业增加值增长7.9%。"
            "全年货物运输量3.1亿吨,货物周转量712.4亿吨公里;旅客运输量4810万人,旅客周转量162.5亿人公里。"
            "年末普通高中在校生16.2万人,小学在校生48.9万人,在园幼儿21.3万人。年末卫生机构床位7.6万张,注册护士3.9万人。"
            "城镇居民恩格尔系数为27.1%。房屋施工面积5410.2万平方米,住宅施工面积3920.5万平方米。")


def test_statistical_bulletin_sections_are_in_the_catalogue():
    got = [(f.value, f.indicator, f.indicator_id) for f in figs(BULLETIN, published="2025-03-20")]
    assert got == [
        (6.8, "规模以上工业增加值", "industry_va_above"), (2.4, "规模以上轻工业增加值", "light_industry_va"),
        (7.9, "规模以上重工业增加值", "heavy_industry_va"),  # value added, not 总产值
        (3.1, "货物运输量", "freight"), (712.4, "货物周转量", "freight_turnover"),
        (4810, "旅客运输量", "passengers_transport"), (162.5, "旅客周转量", "passenger_turnover"),
        (16.2, "普通高中在校生", "high_school_students"), (48.9, "小学在校生", "primary_school_students"),
        (21.3, "在园幼儿", "kindergarten_children"), (7.6, "医疗卫生机构床位", "hospital_beds"), (3.9, "注册护士", "nurses"),
        (27.1, "城镇居民恩格尔系数", "engel_urban"),
        (5410.2, "房屋施工面积", "construction_area"), (3920.5, "住宅施工面积", None),  # a part, not the total
    ]


def test_a_named_part_of_a_total_is_not_the_total():
    # the totals are listed in subject_words.tsv (role total): a phrase merely ending with their name is a part
    for phrase in ("技工学校在校生", "化学纤维制造业增加值", "农村公路货物运输量", "外资银行贷款余额"):
        assert lookup(phrase) is None, phrase
    assert lookup("城乡居民基本养老保险参保人数").id == "pension_insured_residents"
    assert lookup("发明专利授权量").id == "invention_patents_granted"  # not 专利授权量


def test_an_optional_word_of_a_catalogue_name_keeps_the_texts_spelling():
    got = [(f.indicator, f.indicator_id) for f in figs("年末全市人民币存款余额15230.6亿元,增长6.2%。", published="2025-03-20")]
    assert got[0] == ("人民币存款余额", "deposits_rmb")  # 金融机构人民币各项存款余额 without 金融机构 and 各项


def test_taiwan_wording_of_telecom_users():
    text = "年末全市行動電話使用者1250.3萬戶,網際網路寬頻接入使用者620.5萬戶。"
    assert [f.indicator for f in figs(text, published="2025-03-20")] == ["移动电话用户", "互联网宽带接入用户"]


def test_registered_urbanization_is_its_own_indicator():
    got = [(f.indicator_id, f.value) for f in figs("全市户籍人口城镇化率为72.1%,常住人口城镇化率为85.3%。", published="2025-02-01")]
    assert got == [("urbanization_registered", 72.1), ("urbanization", 85.3)]


def test_pre_2013_bulletin_names_keep_their_spelling():
    # an older name that the catalogue's does not contain is kept as written (a name the text does not use
    # would not match it); 城镇固定资产投资 is a catalogue name of its own
    text = "全年工业品出厂价格比上年上涨6.2%,原材料、燃料、动力购进价格上涨9.8%。城镇固定资产投资增长30.1%。"
    got = [(f.indicator, f.indicator_id) for f in figs(text, published="2009-02-26")]
    assert got == [("工业品出厂价格", None), ("原材料、燃料、动力购进价格", None), ("城镇固定资产投资", "fai_urban")]


def test_hong_kong_words_for_a_fall():
    got = [(f.value, f.indicator) for f in figs("遼寧出口按年下挫5.2%,瀋陽工業產值按年倒退2.0%。", published="2024-03-20")]
    assert got == [(-5.2, "出口总额"), (-2.0, "工业总产值")]
