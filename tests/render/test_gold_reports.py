"""Every gold record renders in zh and en, in every format, with every fact of the record in it.

The DOCX is read back with python-docx, the PDF with pdftotext, HTML and Markdown
as text. Whitespace is ignored (a PDF line may break inside a name).
"""

from __future__ import annotations

import pytest

from shuxiang.record.model import Figure, Record
from shuxiang.render import FORMATS
from shuxiang.render.phrases import EN_SMALL, ZH_SMALL, date_phrase, figure_parts, when_phrase, year_of
from shuxiang.vocab import QUALIFIERS_BY_CODE, UNITS_BY_CODE
from tests.render.helpers import READERS, gold_paths, gold_record, rendered_gold, squash

GOLD = [p.stem for p in gold_paths()]
pytestmark = pytest.mark.skipif(not GOLD, reason="no gold records in ../shared/eval/seeds/gold")


def names_in(record: Record) -> set[str]:
    names = set(record.libraries)
    for activity in record.activities:
        names.update(n for n in (activity.library, activity.venue) if n)
        names.update(activity.partners)
    for media in record.media:
        names.add(media.outlet)
        if media.library:
            names.add(media.library)
    return names


def expected_facts(record: Record, lang: str) -> list[str]:
    facts = [figure_parts(fig, lang).quantity for _, fig in record.all_figures()]
    facts += sorted(names_in(record))
    if record.campaign.theme:
        facts.append(record.campaign.theme)
    return facts


def date_forms(start: str | None, end: str | None, lang: str, ref: int | None) -> set[str]:
    return {date_phrase(start, end, lang, ref_year=ref), when_phrase(start, end, lang, ref_year=ref)} - {""}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", GOLD)
def test_gold_report_holds_every_figure_name_theme_and_date(name, lang, fmt):
    record = gold_record(name)
    text = squash(READERS[fmt](rendered_gold(name, lang, fmt)))
    missing = [fact for fact in expected_facts(record, lang) if squash(fact) not in text]
    assert not missing, f"{name} {lang} {fmt} lacks {missing}"
    campaign = record.campaign
    if campaign.start or campaign.end:
        forms = date_forms(campaign.start, campaign.end, lang, None)
        assert any(squash(f) in text for f in forms), f"campaign dates {forms} missing"
    ref = year_of(campaign.start) or year_of(campaign.end)
    for activity in record.activities:
        forms = date_forms(activity.start, activity.end, lang, ref)
        if forms:
            assert any(squash(f) in text for f in forms), f"{activity.title}: dates {forms} missing"


def _number_tokens(fig: Figure, lang: str) -> set[str]:
    value = fig.value
    whole = float(value).is_integer()
    tokens = {f"{int(value):,}" if lang == "en" and whole else str(int(value)) if whole else str(value)}
    if lang == "zh" and value >= 10000 and value % 1000 == 0:
        wan = value / 10000
        tokens.add(f"{int(wan) if float(wan).is_integer() else wan}万")
        tokens.add("万")
    if (fig.measure or "").startswith("duration") and whole and value <= 10:
        tokens.add(
            "两" if lang == "zh" and value == 2 else (ZH_SMALL if lang == "zh" else EN_SMALL)[int(value)]
        )
    return tokens


_ZH_QUALIFIER = {"more_than": ("余", "多"), "about": ("约",), "nearly": ("近",), "up_to": ("最多",)}
_DURATION_WORDS = {"zh": ("周", "月", "天", "年", "小时"), "en": ("week", "month", "day", "year", "hour")}


def _unit_tokens(fig: Figure, lang: str) -> set[str]:
    unit = UNITS_BY_CODE[fig.unit]
    if (fig.measure or "").startswith("duration") and fig.unit == "other":
        return set(_DURATION_WORDS[lang])
    if fig.unit == "other" and not fig.measure:
        return {""}  # the vocabulary gives "other" no unit word in either language
    if lang == "zh":
        return {t for t in (unit.zh_word, unit.zh, "名", "期") if t}
    measure_noun = (fig.measure or "").replace("_", " ")
    nouns = {unit.en_singular, unit.en_plural, *measure_noun.split()}
    nouns |= {n.rstrip("s") for n in nouns}
    return {n for n in nouns if n} or {""}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_gold_figure_phrase_carries_its_number_qualifier_and_unit_word(lang):
    """The check above looks for the renderer's own phrase; this one says what that phrase must hold."""
    checked = 0
    for name in GOLD:
        for _, fig in gold_record(name).all_figures():
            quantity = figure_parts(fig, lang).quantity
            assert any(t in quantity for t in _number_tokens(fig, lang)), (quantity, fig)
            if fig.qualifier != "exact":
                words = (
                    _ZH_QUALIFIER[fig.qualifier] if lang == "zh" else (QUALIFIERS_BY_CODE[fig.qualifier].en,)
                )
                assert any(w in quantity for w in words), (quantity, fig)
            assert any(t in quantity for t in _unit_tokens(fig, lang)), (quantity, fig)
            checked += 1
    assert checked > 50


def test_city_report_reads_like_the_real_one():
    """Spot checks on zh-1 (the city-wide Guangyuan report) against the genre of the real text."""
    zh = rendered_gold("zh-1", "zh", "md").decode()
    assert zh.startswith("# 图书馆服务宣传周活动总结 1")
    assert "市文广新局：" in zh
    assert "《关于开展2016年图书馆服务宣传周活动的通知》" in zh
    assert "于2016年5月27日至6月2日" in zh
    assert "“书香中国——阅读引领未来”" in zh
    assert zh.index("## 一、组织与部署") < zh.index("## 二、主要活动") < zh.index("## 三、参与情况与成效")
    assert zh.index("## 三、参与情况与成效") < zh.index("## 四、宣传报道") < zh.index("特此报告")
    assert "解答咨询300多人次，发放宣传资料3000余份" in zh
    assert "展出图书300余种、500余册" in zh  # shared words written once
    assert "据统计，参与活动近万人。" in zh
    assert "《广元晚报》" in zh
    en = rendered_gold("zh-1", "en", "md").decode()
    assert "Dear 市文广新局:" in en
    assert "from 27 May to 2 June 2016" in en
    assert "## II. Main activities" in en
    assert "more than 300 inquiries answered and more than 3,000 leaflets handed out" in en
    assert "nearly 10,000 participants" in en
