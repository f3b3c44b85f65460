"""Numbers as librarians write them: 300, 3,000, 1.5万, 四百, 三千, 近万, and a whole figure phrase.

``parse_figure_text("300多人次")`` gives value 300, qualifier ``more_than``, unit
``person_time``: the same reading whether the phrase comes from a web form or
from an old report. Pure Python, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shuxiang.vocab import QUALIFIERS, UNITS

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join([*CN_DIGITS, *CN_SMALL_UNITS, *CN_BIG_UNITS])

_ARABIC = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


class NumberError(ValueError):
    """Text that is not a number or figure phrase; the message says why, for the user."""


def chinese_to_number(text: str) -> int:
    """四百 -> 400, 三千五 -> 3500 (colloquial), 一万二千 -> 12000, 十八 -> 18, 千 -> 1000."""
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        raise NumberError(f"{text!r} is not a Chinese numeral")
    total, section, digit = 0, 0, None
    last_small = 1
    zero_seen = False
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
            zero_seen = zero_seen or digit == 0
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            section += (1 if digit is None else digit) * unit
            digit, last_small, zero_seen = None, unit, False
        else:
            big = CN_BIG_UNITS[ch]
            section += digit or 0
            total = (total + (section or 1)) * big if big > 10_000 else total + (section or 1) * big
            section, digit, last_small, zero_seen = 0, None, big, False
    if digit is not None:
        # 三千五 means 3500: a trailing digit takes the unit one step below the last one.
        colloquial = last_small >= 10 and len(text) > 1 and not zero_seen
        section += digit * (last_small // 10 if colloquial else 1)
    return total + section


def to_number(text: str) -> float:
    """A number written in Arabic or Chinese digits, with 万/千 multipliers: 5万, 1.2万, 3,000, 四百."""
    text = text.strip().replace("，", ",").replace("．", ".")
    if not text:
        raise NumberError("no number given")
    multiplier = 1
    if len(text) > 1 and text[-1] in CN_BIG_UNITS and not any(c in CN_DIGITS for c in text[:-1]):
        multiplier, text = CN_BIG_UNITS[text[-1]], text[:-1]
    elif len(text) > 1 and text[-1] in "千" and text[:-1].replace(".", "").isdigit():
        multiplier, text = 1000, text[:-1]
    match = _ARABIC.match(text)
    if match:
        whole = match.group(1).replace(",", "")
        value = float(f"{whole}.{match.group(2)}") if match.group(2) else float(whole)
        return value * multiplier
    return float(chinese_to_number(text) * multiplier)


@dataclass(frozen=True)
class FigureText:
    """A parsed figure phrase; ``unit`` is None when the phrase names none."""

    value: float
    qualifier: str
    unit: str | None


def _longest_first(words: dict[str, str]) -> list[tuple[str, str]]:
    return sorted(words.items(), key=lambda kv: -len(kv[0]))


ZH_UNIT_WORDS = _longest_first({alias: u.code for u in UNITS for alias in u.zh_aliases})
EN_UNIT_WORDS = _longest_first({alias: u.code for u in UNITS for alias in u.en_aliases})
ZH_PREFIX_QUALIFIERS = _longest_first(
    {
        a: q.code
        for q in QUALIFIERS
        for a in q.zh_aliases
        if a in {"近", "将近", "近乎", "接近", "约", "大约", "最多", "不超过", "至多", "逾", "超过"}
    }
)
ZH_SUFFIX_QUALIFIERS = _longest_first(
    {a: q.code for q in QUALIFIERS for a in q.zh_aliases if a in {"多", "余", "以上", "左右", "上下"}}
)
EN_QUALIFIERS = _longest_first({a: q.code for q in QUALIFIERS for a in q.en_aliases})

_ZH_NUMBER = re.compile(rf"^([0-9][0-9,]*(?:\.[0-9]+)?[万千]?|[{CN_NUMERAL_CHARS}]+)")
_EN_NUMBER = re.compile(r"^([0-9][0-9,]*(?:\.[0-9]+)?)(\+)?")


def parse_figure_text(text: str) -> FigureText:
    """Read a figure as a librarian writes it: "300多人次", "近万名", "more than 3,000 leaflets".

    Raises :class:`NumberError` with a message fit to show the user when the
    phrase holds no number, holds a negative one, or ends in a word that is no unit.
    """
    phrase = " ".join(text.split())
    if not phrase:
        raise NumberError("Enter a figure, such as 300多人次 or more than 3,000 leaflets.")
    if phrase.startswith("-") or phrase.startswith("负"):
        raise NumberError("A count cannot be negative.")
    if re.search(r"[A-Za-z]", phrase) and not re.search(r"[\u4e00-\u9fff]", phrase):
        return _parse_english(phrase)
    return _parse_chinese(phrase.replace(" ", ""))


def _strip_prefix(rest: str, table: list[tuple[str, str]]) -> tuple[str | None, str]:
    for word, code in table:
        if rest.startswith(word):
            return code, rest[len(word) :]
    return None, rest


def _unit_of(rest: str, table: list[tuple[str, str]], *, original: str) -> str | None:
    if not rest:
        return None
    for word, code in table:
        if rest == word:
            return code
    raise NumberError(f"{rest!r} in {original!r} is not a known unit.")


def _parse_chinese(phrase: str) -> FigureText:
    qualifier, rest = _strip_prefix(phrase, ZH_PREFIX_QUALIFIERS)
    match = _ZH_NUMBER.match(rest)
    if not match:
        raise NumberError(f"No number found in {phrase!r}.")
    number_text, rest = match.group(1), rest[match.end() :]
    if number_text == "万" and qualifier == "nearly":
        number_text = "一万"
    value = to_number(number_text)
    suffix, rest = _strip_prefix(rest, ZH_SUFFIX_QUALIFIERS)
    unit_text = rest
    trailing = None
    for word, code in ZH_SUFFIX_QUALIFIERS:
        if unit_text.endswith(word) and word in {"以上", "左右", "上下"}:
            trailing, unit_text = code, unit_text[: -len(word)]
            break
    unit = _unit_of(unit_text, ZH_UNIT_WORDS, original=phrase)
    return FigureText(value=value, qualifier=qualifier or suffix or trailing or "exact", unit=unit)


def _parse_english(phrase: str) -> FigureText:
    lowered = phrase.lower()
    qualifier, rest = _strip_prefix(lowered, EN_QUALIFIERS)
    rest = rest.strip()
    match = _EN_NUMBER.match(rest)
    if not match:
        raise NumberError(f"No number found in {phrase!r}.")
    value = to_number(match.group(1))
    if match.group(2):
        qualifier = qualifier or "more_than"
    rest = rest[match.end() :].strip()
    unit = _unit_of(rest, EN_UNIT_WORDS, original=phrase)
    return FigureText(value=value, qualifier=qualifier or "exact", unit=unit)


_EN_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# "dozen" multiplies what comes before it, as a scale does: two dozen = 24, a dozen = 12.
_EN_SCALE = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}


def english_to_number(text: str) -> float:
    """ "3,000" -> 3000, "six" -> 6, "twenty-five" -> 25, "three hundred" -> 300, "hundred" -> 100."""
    text = text.strip().lower()
    if not text:
        raise NumberError("no number given")
    if text[0].isdigit():
        return to_number(text)
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", text):
        if word in {"and", "a"}:
            continue
        if word in _EN_SMALL:
            current += _EN_SMALL[word]
        elif word in _EN_SCALE:
            scale = _EN_SCALE[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
        else:
            raise NumberError(f"{text!r} is not an English number")
        seen = True
    if not seen:
        raise NumberError(f"{text!r} is not an English number")
    return float(total + current)
