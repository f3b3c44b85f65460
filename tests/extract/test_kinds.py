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


def test_a_contest_named_after_reading_is_one_contest():
    assert _kinds("举办少儿朗诵大赛") == ["contest"]
    assert _kinds("开展经典诵读比赛和图书漂流") == ["contest", "book_drifting"]


def test_helpers_called_volunteers_do_not_make_a_volunteer_event():
    assert _kinds("由大学生志愿者带领孩子们共读绘本") == ["reading_event"]
    assert _kinds("志愿者走进福利院为孤寡老人读报") == ["volunteer_service"]
    assert _kinds("parent volunteers led a storytelling hour", "en") == ["reading_event"]


def test_a_channel_is_publicity_only_when_it_carries_no_named_event():
    assert _kinds("通过微信公众号开展线上知识竞答") == ["contest"]
    assert _kinds("图书馆微信公众号推送活动信息") == ["publicity"]


def test_rooms_subject_lists_and_campaign_names_are_not_events():
    assert _kinds("在电子阅览室放映科教影片") == ["film_screening"]
    assert _kinds("举办摄影展,作品涵盖历史、科普、民俗等题材") == ["exhibition"]
    assert _kinds("为迎接世界读书日,举办专题讲座") == ["lecture"]


def test_masked_spans_hold_no_trigger():
    sentence = "少儿科普馆开展图书交换"
    assert _kinds(sentence) == ["science_outreach", "book_exchange"]
    assert [t.kind for t in triggers(sentence, "zh", [(0, 5)])] == ["book_exchange"]


def test_a_help_desk_that_hands_out_leaflets_is_one_consultation():
    assert _kinds("设置咨询台,发放宣传单800份,解答咨询200人次") == ["consultation"]


def test_cards_issued_free_are_one_card_drive():
    assert _kinds("the library issued library cards on the spot, waiving the deposit", "en") == ["card_drive"]


def test_english_play_is_no_performance_unless_staged():
    assert _kinds("the library gives full play to its function", "en") == []
    assert _kinds("pupils staged short plays from the textbook", "en") == ["performance"]


def test_online_is_only_the_way_another_event_is_held():
    assert _kinds("开展线上知识竞赛") == ["contest"]
    assert _kinds("开通网上借阅服务") == ["digital_service"]


def test_open_days_and_information_desks():
    assert _kinds("On the open day staff answered 40 questions at the information desk", "en") == [
        "other",
        "consultation",
    ]


def test_two_trigger_words_side_by_side_name_one_event_by_their_head():
    from shuxiang.extract.kinds import triggers

    assert [t.kind for t in triggers("The branch ran a poetry recitation contest.", "en")] == ["contest"]
    assert [t.kind for t in triggers("举办海洋科普讲座", "zh")] == ["science_outreach"]


def test_a_picture_book_is_no_e_book():
    from shuxiang.extract.kinds import triggers

    assert "digital_service" not in [
        t.kind for t in triggers("They drew scenes from a picture-book story.", "en")
    ]
    assert [t.kind for t in triggers("Readers learned to borrow e-books.", "en")] == ["digital_service"]


def test_a_card_drive_absorbs_a_waived_deposit_but_not_waived_fines():
    from shuxiang.extract.kinds import triggers

    assert [t.kind for t in triggers("现场办理借书证，免收押金", "zh")] == ["card_drive"]
    kinds = {t.kind for t in triggers("现场办理借书证，免收逾期费", "zh")}
    assert kinds == {"card_drive", "fee_waiver"}


def test_library_programme_vocabulary():
    assert _kinds("The branch added a baby rhyme time on Mondays.", "en") == ["reading_event"]
    assert _kinds("Our storytime drew toddlers.", "en") == ["reading_event"]
    assert _kinds("Tuesday's trivia night filled the room.", "en") == ["contest"]
    assert _kinds("The Friends ran a used book sale.", "en") == ["other"]
    assert _kinds("Medals were handed out at celebration events in October.", "en") == ["other"]
    assert _kinds("A local poet spoke about her craft.", "en") == ["lecture"]
    assert _kinds("儿童在老师指导下完成剪纸手工课") == ["other"]
    assert _kinds("同步开展读书打卡活动") == ["reading_event"]


def test_prizes_donated_by_a_sponsor_are_no_donation_event():
    assert _kinds("Winners took home vouchers donated by a bakery.", "en") == []
    assert _kinds("We donated 200 books to the shelter.", "en") == ["book_donation"]


def test_an_authors_own_new_book_is_no_book_display():
    assert _kinds("The novelist read from her new book.", "en") == []


def test_a_capitalised_campaign_name_is_no_event():
    assert _kinds("Children signed up for the Summer Reading Challenge.", "en") == []
    assert _kinds("The Challenge was popular.", "en") == []
    assert _kinds("The reading challenge for adults ran weekly.", "en") == ["reading_event"]


def test_promotion_through_a_channel_is_publicity_but_a_promotion_week_is_not():
    assert _kinds("The week was promoted through the council's social media.", "en") == ["publicity"]
    assert _kinds("Promotion", "en") == ["publicity"]
    assert _kinds("We organised service promotion activities.", "en") == []


def test_a_science_class_taught_by_guests_is_one_science_event():
    assert _kinds("科普实验课邀请大学生授课") == ["science_outreach"]


# ---------------------------------------------------------------- generalisation round 3


def test_new_genre_words_name_their_kinds():
    assert _kinds("图书馆推出“百日读书”挑战赛") == ["contest"]
    assert _kinds("发布年度推荐书单") == ["book_exhibition"]
    assert _kinds("在门厅陈列了两百册新书供读者翻阅") == ["book_exhibition"]
    assert _kinds("馆员带孩子们做了几个小实验") == ["science_outreach"]
    assert _kinds("举办“城市记忆”大讲坛") == ["lecture"]
    assert _kinds("开展“我最喜爱的一本书”分享会") == ["reading_event"]
    assert _kinds("组织视障读者参加“听书”体验活动") == ["digital_service"]
    assert _kinds("通过官方账号推送活动资讯9条") == ["publicity"]
    assert _kinds("周末实行延时开放") == ["other"]


def test_a_reading_list_read_is_no_book_display():
    assert _kinds("读者读完指定书目后参加答题") == ["contest"]


def test_a_ceremony_is_an_event_only_when_nothing_else_is_told_there():
    assert _kinds("宣传周开幕式在文化广场举行") == ["other"]
    assert _kinds("启动仪式上工作人员设立咨询台解答读者问题") == ["consultation"]
    assert _kinds("The launch ceremony was held on the steps.", "en") == ["other"]


def test_a_prison_is_where_a_gift_goes_not_a_mobile_service():
    assert _kinds("向市戒毒所和看守所各赠送图书300册") == ["book_donation"]
    assert _kinds("流动图书车开进看守所") == ["mobile_service"]


def test_more_branches_is_no_branch_service():
    assert _kinds("争取让更多分馆实现通借通还") == []


def test_english_displays_tech_help_posts_and_crafts():
    assert _kinds('A "Staff Picks" book display filled the lobby.', "en") == ["book_exhibition"]
    assert _kinds("Seniors learned video calls on tablets at the tech help desk.", "en") == [
        "digital_service"
    ]
    assert _kinds("Nine posts on Instagram reached 4,000 people.", "en") == ["publicity"]
    assert _kinds("A craft morning drew 20 kids.", "en") == ["other"]
    # a craft done at a story hour is part of it
    assert _kinds("Volunteers read aloud and led simple crafts.", "en") == ["reading_event"]


def test_a_specific_word_before_other_names_the_kind():
    assert _kinds("The Makerspace open house drew a crowd.", "en") == ["digital_service"]


def test_a_genre_word_inside_a_quoted_name_yields_to_the_word_after_it():
    assert _kinds('The "Design a Poster" craft afternoon was full.', "en") == ["other"]
    assert _kinds("推出“读书漂流瓶”征文比赛") == ["contest"]
    # with no genre word after the quotation, the quoted words still name the event
    assert _kinds('"Storytime on the Lawn" moved inside.', "en") == ["reading_event"]


def test_a_sentence_counting_all_events_names_none_by_a_weak_word():
    assert _kinds("全年共举办各类线上线下活动88场") == []
    assert _kinds("开展线上阅读活动") == ["reading_event"]


def test_a_craft_taught_by_a_master_is_a_class():
    assert _kinds("剪纸艺人来到少儿部，手把手教孩子们剪窗花") == ["lecture"]
    assert _kinds("A potter taught a clay craft class to teens.", "en") == ["lecture"]
    assert _kinds("孩子们在馆员陪同下完成手工") == ["other"]


def test_genre_words_of_round_four():
    assert _kinds("寒假开办两期少儿阅读营") == ["reading_event"]
    assert _kinds("在《江城晚报》刊登读书月专版2期") == ["publicity"]
    assert _kinds("开展借阅服务问卷调查") == ["other"]
    assert _kinds("ran a guessing game with a jar of buttons", "en") == ["contest"]
    assert _kinds("the stall signed up 60 new members", "en") == ["card_drive"]
    assert _kinds("a pop-up library at the bus station", "en") == ["mobile_service"]
    assert _kinds("the outreach van called at the clinic", "en") == ["mobile_service"]
    assert _kinds("volunteers handed out 250 picture books to families", "en") == ["book_donation"]
    assert _kinds("children did kitchen experiments with a chemist", "en") == ["science_outreach"]
    assert _kinds("a robotics club for teens", "en") == ["science_outreach"]
    assert _kinds("the poet spoke to 80 pupils about rhyme", "en") == ["lecture"]
    assert _kinds("a comic-drawing workshop for teens", "en") == ["lecture"]
    assert _kinds("a book tasting for Year 8", "en") == ["reading_event"]
    assert _kinds("a lantern parade through the square", "en") == ["other"]
    assert _kinds("a Human Library where readers borrowed people", "en") == ["other"]
    assert _kinds("a reader survey on opening hours", "en") == ["other"]
    assert _kinds("举办“江畔”诗会") == ["reading_event"]
    assert _kinds("the Home Library Service delivered 200 books to housebound readers", "en") == [
        "mobile_service"
    ]
    assert _kinds("3. Promotion", "en") == ["publicity"]  # a numbered section heading


def test_a_room_of_the_librarys_own_is_no_workshop_event():
    assert _kinds("the library opened its stacks and print workshop to visitors", "en") == []


def test_an_award_ceremony_is_an_event_only_when_nothing_else_is_told():
    assert _kinds("为年度优秀读者举行颁奖仪式") == ["other"]
    assert _kinds("举行朗诵比赛颁奖仪式") == ["contest"]


def test_the_teaching_of_a_training_course_is_the_course():
    assert _kinds("为馆员举办古籍保护培训班，由专家现场授课") == ["training"]
    assert _kinds("邀请作家为中学生授课") == ["lecture"]


def test_a_book_given_with_each_card_is_the_card_drive_a_gift_in_another_clause_is_not():
    assert _kinds("现场办理借书证并赠送图书一册") == ["card_drive"]
    assert _kinds("volunteers gave out 90 free books and issued 30 library cards", "en") == [
        "book_donation",
        "card_drive",
    ]


def test_a_branch_is_mobile_service_as_a_destination_not_as_a_doer():
    assert _kinds("城南社区分馆开展图书交换") == ["book_exchange"]
    assert _kinds("为城郊学校分馆带去新书200册") == ["mobile_service"]


def test_an_event_with_a_name_of_its_own_and_no_genre_word_is_other():
    assert _kinds("组织“寻访老城门”活动，30名读者参加") == ["other"]
    assert _kinds("开展“书香满城”系列活动") == []  # the campaign's series, not one event
    assert _kinds("开展“全民阅读月”活动") == []
    assert _kinds("Elm Branch put on a board-game afternoon for teens", "en") == ["other"]
    assert _kinds("Elm Branch hosted a storytime on Saturday afternoon", "en") == ["reading_event"]
    assert _kinds("Oak Branch ran a chess club for retirees", "en") == ["other"]
    assert _kinds("举办“月光下的书页”") == ["other"]  # a quoted name right after the verb
