from __future__ import annotations

from shuxiang.imports.highlight import find_spans, highlight


def test_each_figure_text_is_marked_where_it_occurs_and_html_is_escaped():
    html, missing = highlight("<b>咨询300多人次</b>，发放3000多份", ["300多人次", "3000多份"])
    assert missing == []
    assert html == (
        '&lt;b&gt;咨询<mark class="figure" id="figure-0" data-figure="0">300多人次</mark>&lt;/b&gt;，发放'
        '<mark class="figure" id="figure-1" data-figure="1">3000多份</mark>'
    )


def test_a_repeated_text_marks_its_next_occurrence():
    spans, _ = find_spans("为期一周……为期一周", ["为期一周", "为期一周"])
    assert [(s.start, s.figure) for s in spans] == [(0, 0), (6, 1)]


def test_texts_not_in_the_source_or_overlapping_are_reported_missing():
    spans, missing = find_spans("发放3000多份传单", ["3000多份", "000多份", None, "展板6张"])
    assert [s.figure for s in spans] == [0]
    assert missing == [1, 2, 3]
