"""``shuxiang.extract.clean``: page furniture removed (more cases in ``test_segment.py``)."""

from shuxiang.extract.clean import clean


def test_the_credits_line_of_a_post_is_dropped():
    text = "活动回顾\n少儿部举办了读书会。\n（文字：张明　图片：王芳　编辑：刘洋）"
    assert clean(text) == "活动回顾\n少儿部举办了读书会。"
    assert clean("Recap\nWe held a quiz.\nText: J. Lee | Photos: K. Ng") == "Recap\nWe held a quiz."


def test_a_sentence_that_names_a_photographer_is_kept():
    text = "活动回顾\n摄影：张明为读者拍摄了全家福。"
    assert clean(text) == text
