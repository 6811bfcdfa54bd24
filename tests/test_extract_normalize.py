"""Normalisation keeps a map back to the original offsets and converts only traditional text."""
from extract.normalize import normalize, to_simplified


def test_traditional_is_converted_with_exact_offsets():
    src = "瀋陽全年城鎮新增就業15萬人"
    n = normalize(src)
    assert n.traditional
    assert n.text == "沈阳全年城镇新增就业15万人"
    s = n.text.index("15万人")
    a, b = n.span(s, s + 4)
    assert src[a:b] == "15萬人"


def test_simplified_text_is_never_run_through_t2s():
    n = normalize("人才在沈落户，沈阳新增就业。")
    assert not n.traditional
    assert "在沈落户" in n.text


def test_hong_kong_wording_map():
    assert normalize("產業數碼化轉型，機械人及智能製造集群").text == "产业数字化转型,机器人及智能制造集群"


def test_pinyin_glosses_and_inner_spaces_are_removed_but_mapped():
    src = "接待遊客123萬(wàn)人次，失业保险8.7 万 人"
    n = normalize(src)
    assert "123万人次" in n.text and "8.7万人" in n.text
    s = n.text.index("123万人次")
    a, b = n.span(s, s + len("123万人次"))
    assert src[a:b] == "123萬(wàn)人次"
    s = n.text.index("8.7万人")
    a, b = n.span(s, s + 5)
    assert src[a:b] == "8.7 万 人"


def test_full_width_forms_become_half_width():
    n = normalize("增长１２．５％，（同比）")
    assert n.text == "增长12.5%,(同比)"
    assert len(n.index) == len(n.text) + 1


def test_to_simplified_units():
    assert to_simplified("萬人次") == "万人次"
    assert to_simplified("個百分點") == "个百分点"


def test_hard_wrapped_lines_are_joined_with_the_map_kept():
    from extract.normalize import join_wrapped_lines

    lines = ["预计全年地区生产总值比上年增长 4%左右,一般公共", "预算收入同口径增长 1.3%,社"] + ["会消费品零售总额下降 3%,规模以上工业增加值增长 4%", "左", "右。"] + ["短行文字"] * 10
    src = "\n".join(lines)
    n = join_wrapped_lines(normalize(src))
    assert "一般公共预算收入" in n.text and "4%左右。" in n.text
    s = n.text.index("一般公共预算收入")
    a, b = n.span(s, s + 8)
    assert src[a:b] == "一般公共\n预算收入"
