"""The controlled vocabulary of report-record/1, defined once.

Activity kinds, audience groups, figure units and qualifiers come from
``shared/spec/report-record.md``. Every other module (models, forms, the API,
extraction and rendering) imports them from here; nothing else spells a code.

Pure Python: no Django import, so extraction and rendering stay standalone.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """One code of the vocabulary with its Chinese and English labels."""

    code: str
    zh: str
    en: str
    description: str = ""

    def label(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


@dataclass(frozen=True)
class Unit(Term):
    """A figure unit: how a count is written after the number in each language.

    ``zh_word`` is the measure word used when rendering Chinese (3000余**份**),
    ``en_singular``/``en_plural`` the noun used in English ("1 leaflet", "3,000 copies").
    ``zh_aliases`` and ``en_aliases`` are the words a librarian may write for it.
    """

    zh_word: str = ""
    en_singular: str = ""
    en_plural: str = ""
    zh_aliases: tuple[str, ...] = field(default_factory=tuple)
    en_aliases: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Qualifier(Term):
    """How exact a figure is (300多 = more than 300)."""

    zh_aliases: tuple[str, ...] = field(default_factory=tuple)
    en_aliases: tuple[str, ...] = field(default_factory=tuple)


SCHEMA_ID = "report-record/1"
LANGUAGES = ("zh", "en")

ACTIVITY_KINDS: tuple[Term, ...] = (
    Term("publicity", "宣传", "Publicity", "banners, slogans, e-screens, leaflets, social media posts"),
    Term("consultation", "咨询服务", "Consultation", "on-site help desk, Q&A, free-service promotion booth"),
    Term("card_drive", "办证活动", "Library-card drive", "library cards issued on the spot"),
    Term("book_exhibition", "新书展览", "Book exhibition", "new and good book displays, reading lists"),
    Term("exhibition", "展览", "Exhibition", "photo, art, calligraphy and panel exhibitions"),
    Term("lecture", "讲座", "Lecture", "talks, classes, themed lectures"),
    Term("film_screening", "电影放映", "Film screening"),
    Term("book_drifting", "图书漂流", "Book drifting", "books floated at drift points"),
    Term("book_exchange", "图书交换", "Book exchange"),
    Term("book_donation", "赠书活动", "Book donation", "books or goods given to schools, units, people"),
    Term("mobile_service", "流动服务", "Mobile service", "service vehicles and staff taking the library out"),
    Term("contest", "竞赛", "Contest", "speech, essay, quiz, riddle, knowledge and art contests"),
    Term("reading_event", "阅读活动", "Reading event", "recitation, storytelling, parent-child reading"),
    Term("forum", "座谈会", "Forum", "symposium, forum, seminar"),
    Term("training", "培训", "Training", "staff or partner training, professional guidance"),
    Term("volunteer_service", "志愿服务", "Volunteer service"),
    Term("performance", "文艺演出", "Performance", "plays, textbook drama, shows"),
    Term("science_outreach", "科普活动", "Science outreach"),
    Term(
        "digital_service", "数字服务", "Digital service", "e-reading rooms, online classes, digital resources"
    ),
    Term("fee_waiver", "免费服务", "Fee waiver", "waived fines, free services offered"),
    Term("other", "其他活动", "Other activity"),
)

AUDIENCE_GROUPS: tuple[Term, ...] = (
    Term("children", "少年儿童", "children"),
    Term("teenagers", "青少年", "teenagers"),
    Term("students", "学生", "students"),
    Term("parents", "家长", "parents"),
    Term("left_behind_children", "留守儿童", "left-behind children"),
    Term("disabled", "残障人士", "people with disabilities"),
    Term("elderly", "老年人", "older people"),
    Term("cadres", "干部职工", "officials and civil servants"),
    Term("soldiers", "部队官兵", "soldiers"),
    Term("inmates", "服刑人员", "inmates"),
    Term("rural_residents", "农村居民", "rural residents"),
    Term("community_residents", "社区居民", "community residents"),
    Term("staff", "工作人员", "staff"),
    Term("general_public", "广大读者", "the general public"),
)

QUALIFIERS: tuple[Qualifier, ...] = (
    Qualifier("exact", "", "", zh_aliases=(), en_aliases=()),
    Qualifier(
        "more_than",
        "余",
        "more than",
        zh_aliases=("多", "余", "以上", "逾", "超过"),
        en_aliases=("more than", "over", "upwards of", "above", "in excess of"),
    ),
    Qualifier(
        "about",
        "约",
        "about",
        zh_aliases=("约", "左右", "大约", "上下"),
        en_aliases=("about", "approximately", "around", "some", "roughly"),
    ),
    Qualifier(
        "nearly",
        "近",
        "nearly",
        zh_aliases=("近", "将近", "近乎", "接近"),
        en_aliases=("nearly", "almost", "close to"),
    ),
    Qualifier(
        "up_to",
        "最多",
        "up to",
        zh_aliases=("最多", "不超过", "至多"),
        en_aliases=("up to", "at most", "no more than"),
    ),
)

UNITS: tuple[Unit, ...] = (
    Unit(
        "person",
        "人",
        "people",
        zh_word="人",
        en_singular="person",
        en_plural="people",
        zh_aliases=("人", "名", "位", "余人", "个人"),
        en_aliases=("people", "persons", "person", "readers", "participants", "children", "students"),
    ),
    Unit(
        "person_time",
        "人次",
        "attendances",
        zh_word="人次",
        en_singular="attendance",
        en_plural="attendances",
        zh_aliases=("人次",),
        en_aliases=("attendances", "person-times", "visits", "person times", "inquiries"),
    ),
    Unit(
        "volume",
        "册",
        "volumes",
        zh_word="册",
        en_singular="volume",
        en_plural="volumes",
        zh_aliases=("册", "本"),
        en_aliases=("books", "volumes", "copies of books", "book"),
    ),
    Unit(
        "title",
        "种",
        "titles",
        zh_word="种",
        en_singular="title",
        en_plural="titles",
        zh_aliases=("种",),
        en_aliases=("titles", "kinds of books"),
    ),
    Unit(
        "copy",
        "份",
        "copies",
        zh_word="份",
        en_singular="copy",
        en_plural="copies",
        zh_aliases=("份", "张宣传单"),
        en_aliases=("copies", "leaflets", "brochures", "flyers", "pamphlets"),
    ),
    Unit(
        "item",
        "件",
        "items",
        zh_word="件",
        en_singular="item",
        en_plural="items",
        zh_aliases=("件", "个", "条"),
        en_aliases=("items", "gifts", "pieces"),
    ),
    Unit(
        "artwork",
        "幅",
        "works",
        zh_word="幅",
        en_singular="work",
        en_plural="works",
        zh_aliases=("幅",),
        en_aliases=("works", "paintings", "artworks", "works of art"),
    ),
    Unit(
        "essay",
        "篇",
        "essays",
        zh_word="篇",
        en_singular="essay",
        en_plural="essays",
        zh_aliases=("篇",),
        en_aliases=("essays", "articles"),
    ),
    Unit(
        "card",
        "证",
        "cards",
        zh_word="张",
        en_singular="card",
        en_plural="cards",
        zh_aliases=("证", "个证", "张证", "张"),
        en_aliases=("cards", "library cards", "certificates"),
    ),
    Unit(
        "set",
        "套",
        "sets",
        zh_word="套",
        en_singular="set",
        en_plural="sets",
        zh_aliases=("套",),
        en_aliases=("sets",),
    ),
    Unit(
        "yuan",
        "元",
        "yuan",
        zh_word="元",
        en_singular="yuan",
        en_plural="yuan",
        zh_aliases=("元", "块钱"),
        en_aliases=("yuan", "rmb", "cny"),
    ),
    Unit(
        "session",
        "场",
        "sessions",
        zh_word="场",
        en_singular="session",
        en_plural="sessions",
        zh_aliases=("场", "次", "期", "场次"),
        en_aliases=("sessions", "events", "shows", "screenings", "lectures"),
    ),
    Unit(
        "panel",
        "块",
        "panels",
        zh_word="块",
        en_singular="panel",
        en_plural="panels",
        zh_aliases=("块", "块展板", "张展板"),
        en_aliases=("panels", "boards", "display boards"),
    ),
    Unit(
        "film",
        "部",
        "films",
        zh_word="部",
        en_singular="film",
        en_plural="films",
        zh_aliases=("部",),
        en_aliases=("films", "movies"),
    ),
    Unit(
        "school",
        "所",
        "schools",
        zh_word="所",
        en_singular="school",
        en_plural="schools",
        zh_aliases=("所", "所学校"),
        en_aliases=("schools",),
    ),
    Unit(
        "class",
        "个班",
        "classes",
        zh_word="个班",
        en_singular="class",
        en_plural="classes",
        zh_aliases=("个教学班", "个班", "班"),
        en_aliases=("classes",),
    ),
    Unit(
        "bag",
        "个书包",
        "bags",
        zh_word="个",
        en_singular="bag",
        en_plural="bags",
        zh_aliases=("个书包",),
        en_aliases=("bags", "schoolbags"),
    ),
    Unit(
        "organization",
        "个单位",
        "organisations",
        zh_word="个单位",
        en_singular="organisation",
        en_plural="organisations",
        zh_aliases=("个单位", "家单位", "家"),
        en_aliases=("organisations", "organizations", "units"),
    ),
    Unit(
        "place",
        "处",
        "places",
        zh_word="处",
        en_singular="place",
        en_plural="places",
        zh_aliases=("处", "个点", "个服务点"),
        en_aliases=("places", "sites", "points"),
    ),
    Unit(
        "day",
        "天",
        "days",
        zh_word="天",
        en_singular="day",
        en_plural="days",
        zh_aliases=("天", "日"),
        en_aliases=("days",),
    ),
    Unit(
        "hour",
        "小时",
        "hours",
        zh_word="小时",
        en_singular="hour",
        en_plural="hours",
        zh_aliases=("小时", "个小时"),
        en_aliases=("hours",),
    ),
    Unit("other", "其他", "other", zh_word="", en_singular="", en_plural="", zh_aliases=(), en_aliases=()),
)

# Preferred measures (snake_case English): what a figure counts.
MEASURES: tuple[str, ...] = (
    "participants",
    "attendees",
    "readers",
    "inquiries",
    "leaflets",
    "books_exhibited",
    "titles_exhibited",
    "books_donated",
    "books_delivered",
    "books_drifted",
    "cards_issued",
    "works_collected",
    "works_exhibited",
    "entries",
    "awards",
    "prizes",
    "recipients",
    "value",
    "cash",
    "riddles",
    "panels",
    "volunteers",
)

KIND_CODES = frozenset(t.code for t in ACTIVITY_KINDS)
AUDIENCE_CODES = frozenset(t.code for t in AUDIENCE_GROUPS)
UNIT_CODES = frozenset(t.code for t in UNITS)
QUALIFIER_CODES = frozenset(t.code for t in QUALIFIERS)

KINDS_BY_CODE: dict[str, Term] = {t.code: t for t in ACTIVITY_KINDS}
AUDIENCES_BY_CODE: dict[str, Term] = {t.code: t for t in AUDIENCE_GROUPS}
UNITS_BY_CODE: dict[str, Unit] = {t.code: t for t in UNITS}
QUALIFIERS_BY_CODE: dict[str, Qualifier] = {t.code: t for t in QUALIFIERS}


def label(code: str, lang: str) -> str:
    """The label of any vocabulary code in ``lang`` ("zh" or "en"); the code itself if unknown."""
    for table in (KINDS_BY_CODE, AUDIENCES_BY_CODE, UNITS_BY_CODE, QUALIFIERS_BY_CODE):
        term = table.get(code)
        if term is not None:
            return term.label(lang)
    return code


def choices(terms: tuple[Term, ...], lang: str = "en") -> list[tuple[str, str]]:
    """``(code, label)`` pairs, the shape Django's ``choices`` and forms expect."""
    return [(t.code, t.label(lang)) for t in terms]
