from shuxiang.extract.kinds import triggers


def _kinds(sentence, lang="zh"):
    return list(dict.fromkeys(t.kind for t in triggers(sentence, lang)))


def test_each_genre_word_names_its_kind():
    assert _kinds("举办了诵读活动") == ["reading_event"]
    assert _kinds("开展图书漂流和图书交换") == ["book_drifting", "book_exchange"]
    assert _kinds("召开读者座谈会") == ["forum"]


def test_weak_words_yield_to_strong_ones():
    assert _kinds("在大厅展出新书推荐书目") == ["book_exhibition"]


def test_mobile_service_absorbs_the_books_it_delivers():
    assert _kinds("流动服务车为敬老院送去图书") == ["mobile_service"]


def test_words_inside_long_book_titles_are_not_events():
    assert _kinds("发放《读书日在世界各国的由来》1000份") == []


def test_english_triggers():
    assert _kinds("held a storytelling session and a quiz contest", "en") == ["reading_event", "contest"]
