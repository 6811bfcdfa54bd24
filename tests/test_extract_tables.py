"""Tables in a cleaned article (`a | b | c |` lines): each numeric cell is a figure named by its row or column,
with the unit and kind its row, column or caption gives (extract/tables.py). Invented tables in the shapes the
statistics bureau and the data pages use; none is copied from the dev passages."""
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import extract_figures
from extract.clean import clean_html

MONTHLY = (
    "1-10月,全市经济运行总体平稳。\n"
    "| 指标名称 | 单位 | 1-10月 | 比上年同期增长(%) |\n"
    "| 规模以上工业增加值 | 亿元 | — | 5.6 |\n"
    "| 固定资产投资 | 亿元 | — | -3.2 |\n"
    "| 社会消费品零售总额 | 亿元 | 3630.5 | 4.1 |\n"
    "| 一般公共预算收入 | 亿元 | 673.4 | 3.0 |"
)
TITLE = "2025年1-10月沈阳市主要经济指标"


def rows(text, **kw):
    return [(text[f.start:f.end], f.value, f.unit, f.kind, f.indicator, f.period, f.region, f.base)
            for f in extract_figures(text, **kw)]


def test_a_monthly_indicator_table_gives_levels_and_growth_for_the_months_of_the_title():
    got = rows(MONTHLY, published="2025-11-20", title=TITLE)
    p = "2025-01..2025-10"
    assert got == [
        ("5.6", 5.6, "%", "growth", "规模以上工业增加值", p, "沈阳", "比上年同期"),
        ("-3.2", -3.2, "%", "growth", "固定资产投资", p, "沈阳", "比上年同期"),
        ("3630.5", 3630.5, "亿元", "level", "社会消费品零售总额", p, "沈阳", None),
        ("4.1", 4.1, "%", "growth", "社会消费品零售总额", p, "沈阳", "比上年同期"),
        ("673.4", 673.4, "亿元", "level", "一般公共预算收入", p, "沈阳", None),
        ("3.0", 3.0, "%", "growth", "一般公共预算收入", p, "沈阳", "比上年同期"),
    ]


def test_the_evidence_of_a_table_figure_is_its_row():
    f = extract_figures(MONTHLY, published="2025-11-20", title=TITLE)[2]
    assert f.sentence == "| 社会消费品零售总额 | 亿元 | 3630.5 | 4.1 |"
    assert MONTHLY[f.start:f.end] == "3630.5"


PLACES = (
    "各城市城镇化水平比较如下。\n"
    "表2 2020年部分副省级城市城镇化率变化情况 单位:%\n"
    "地 区 | 2020年 | 2010年 | 变化情况(±百分点) |\n"
    "全 国 | 63.89 | 49.68 | 14.21 |\n"
    "沈 阳 | 84.52 | 77.07 | 7.45 |\n"
    "深 圳 | - | - | - |\n"
    "长 春 | 65.94 | 52.42 | 13.52 |\n"
    "注:深圳未公布。"
)


def test_rows_of_places_take_the_caption_indicator_and_the_column_years():
    got = rows(PLACES, published="2022-09-08")
    assert got[:3] == [
        ("63.89", 63.89, "%", "share", "常住人口城镇化率", "2020", "全国", None),
        ("49.68", 49.68, "%", "share", "常住人口城镇化率", "2010", "全国", None),
        ("14.21", 14.21, "百分点", "change_pp", "常住人口城镇化率", "2020", "全国", None),
    ]
    assert [g[6] for g in got] == ["全国"] * 3 + ["沈阳"] * 3 + ["长春"] * 3


def test_a_row_with_nothing_in_it_is_not_a_new_header():
    got = rows(PLACES, published="2022-09-08")
    assert [(g[0], g[3], g[5]) for g in got[-3:]] == [("65.94", "share", "2020"), ("52.42", "share", "2010"),
                                                     ("13.52", "change_pp", "2020")]


def test_rows_of_years_take_the_column_indicator_and_a_growth_column_the_one_before_it():
    text = ("沈阳市近年主要指标\n年份 | 地区生产总值(亿元) | 增长(%) | 常住人口(万人) |\n"
            "2023年 | 8122.1 | 5.0 | 920.4 |\n2024年 | 8900.0 | 5.6 | - |\n2025年 | 9400 | 5.5 | - |")
    got = rows(text, published="2025-03-01")
    assert got == [
        ("8122.1", 8122.1, "亿元", "level", "地区生产总值", "2023", "沈阳", None),
        ("5.0", 5.0, "%", "growth", "地区生产总值", "2023", "沈阳", None),
        ("920.4", 920.4, "万人", "level", "常住人口", "2023", "沈阳", None),
        ("8900.0", 8900.0, "亿元", "level", "地区生产总值", "2024", "沈阳", None),
        ("5.6", 5.6, "%", "growth", "地区生产总值", "2024", "沈阳", None),
    ]  # (2025 had not ended in March 2025: its row is a target)


def test_a_label_with_its_unit_in_traditional_characters():
    text = "瀋陽市2023年人口數據\n指標 | 數量 |\n常住人口(萬人) | 920.4 |\n出生率(‰) | 5.28 |\n自然增長率(‰) | -5.47 |"
    got = rows(text, published="2024-05-01")
    assert got == [
        ("920.4", 920.4, "万人", "level", "常住人口", "2023", "沈阳", None),
        ("5.28", 5.28, "‰", "share", "人口出生率", "2023", "沈阳", None),
        ("-5.47", -5.47, "‰", "share", "人口自然增长率", "2023", "沈阳", None),
    ]


def test_cells_with_no_unit_anywhere_and_target_columns_are_left_out():
    text = ("2024年沈阳市重点项目\n项目 | 个数 | 全年目标(亿元) | 完成投资(亿元) |\n"
            "新开工项目 | 120 | 300 | 312.5 |\n续建项目 | 95 | 200 | 188.1 |")
    got = rows(text, published="2025-01-20")
    assert [(g[0], g[4]) for g in got] == [("312.5", "新开工项目"), ("188.1", "续建项目")]


def test_a_unit_written_in_the_cell_is_read():
    text = "2024年主要指标\n指标 | 数值 |\n地区生产总值 | 8900亿元 |\n常住人口 | 920.4万人 |"
    got = rows(text, published="2025-02-01")
    assert [(g[0], g[2], g[4]) for g in got] == [("8900亿元", "亿元", "地区生产总值"), ("920.4万人", "万人", "常住人口")]


def test_short_table_rows_are_not_joined_as_wrapped_lines():
    """Many short lines look like a hard-wrapped PDF copy; a table's rows must stay rows."""
    lines = "\n".join(f"区{i} | {i}.5 | {i + 1}.2 |" for i in range(12))
    text = "2024年各区地区生产总值情况 单位:%\n地区 | 增长 | 比重 |\n" + lines
    got = extract_figures(text, published="2025-02-01")
    assert len(got) == 24
    assert {f.sentence.count("\n") for f in got} == {0}


def test_a_table_in_a_page_is_read_through_the_cleaner():
    html = ("<html><head><title>2025年1-10月沈阳市主要经济指标</title></head><body><article>"
            "<h1>2025年1-10月沈阳市主要经济指标</h1><p>发布时间:2025-11-20 来源:沈阳市统计局</p>"
            "<p>1-10月,全市经济运行总体平稳,主要指标如下。</p><table>"
            "<tr><td>指标名称</td><td>单位</td><td>1-10月</td><td>比上年同期增长(%)</td></tr>"
            "<tr><td>社会消费品零售总额</td><td>亿元</td><td>3630.5</td><td>4.1</td></tr>"
            "<tr><td>进出口总额</td><td>亿元</td><td>1088.2</td><td>2.5</td></tr>"
            "</table></article></body></html>")
    doc = clean_html(html.encode(), url="https://tjj.shenyang.gov.cn/sjfb/202511/t20251120_1.html")
    got = rows(doc.text, published=doc.published, title=doc.title)
    assert [(g[1], g[2], g[3], g[4], g[5]) for g in got] == [
        (3630.5, "亿元", "level", "社会消费品零售总额", "2025-01..2025-10"),
        (4.1, "%", "growth", "社会消费品零售总额", "2025-01..2025-10"),
        (1088.2, "亿元", "level", "进出口总额", "2025-01..2025-10"),
        (2.5, "%", "growth", "进出口总额", "2025-01..2025-10"),
    ]


CELL = st.one_of(st.sampled_from(["", "—", "-", "12.5", "-3", "1,234.5", "亿元", "%", "万人", "2024年", "1-10月",
                                  "增长(%)", "地区", "沈 阳", "常住人口(万人)", "单位", "±", "(", "|"]),
                 st.text(alphabet="0123456789.-亿万元%人区年月增长(（)）:|单位表 ", max_size=8))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(CELL, min_size=1, max_size=5), min_size=1, max_size=6),
       st.sampled_from(["", "表1 2024年指标 单位:%\n", "单位:亿元\n"]))
def test_any_table_shape_gives_figures_inside_the_text(table, caption):
    text = caption + "\n".join(" | ".join(r) + " |" for r in table)
    for f in extract_figures(text, published="2025-02-01"):
        assert 0 <= f.start < f.end <= len(text)
        assert any(ch.isdigit() for ch in text[f.start:f.end])


def test_a_sentence_laid_out_in_a_table_row_of_its_own_is_still_read_as_prose():
    text = ("2024年主要指标\n| 指标 | 单位 | 全年 |\n| 地区生产总值 | 亿元 | 8900 |\n"
            "| 注:全年常住人口达到920.4万人。 |")
    got = [(text[f.start:f.end], f.indicator) for f in extract_figures(text, published="2025-02-01")]
    assert got == [("8900", "地区生产总值"), ("920.4万人", "常住人口")]


def test_the_place_a_caption_names_is_the_region_of_its_table():
    text = "2024年沈阳市地区生产总值9027.1亿元。\n表3 2024年大连市主要指标\n指标 | 全年 |\n地区生产总值(亿元) | 9516.7 |"
    shenyang, f = extract_figures(text, published="2025-02-01")
    assert shenyang.region == "沈阳"
    assert (f.region, f.indicator, f.period, f.value) == ("大连", "地区生产总值", "2024", 9516.7)


def test_a_total_row_of_a_table_of_places_is_the_table_region():
    text = ("2024年各区县地区生产总值 单位:亿元\n地区 | 全年 |\n和平区 | 1203.5 |\n铁西区 | 1510.2 |\n全市合计 | 9027.1 |")
    got = [(f.value, f.region, f.indicator) for f in extract_figures(text, published="2025-02-01")]
    assert got == [(1203.5, "和平区", "地区生产总值"), (1510.2, "铁西区", "地区生产总值"), (9027.1, "沈阳", "地区生产总值")]
