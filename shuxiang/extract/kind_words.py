"""The genre words that name each activity kind, in Chinese and English, with their strength.

Rows are tried in order (an earlier row wins a tie over the same characters); a *weak* word names
its kind only when no strong one is in the sentence. Rules about how triggers combine are in
``kinds``.
"""

from __future__ import annotations

STRONG, WEAK = 2, 1

ZH_TRIGGERS: tuple[tuple[str, str, int], ...] = (
    (
        "contest",
        r"(?:诵读|朗读|朗诵|讲故事|故事|阅读|读书|演讲|征文|书法|绘画|知识|作文|摄影|书画)?(?:比赛|大赛|竞赛|挑战赛)|"
        r"征文|猜谜|灯谜|知识问答|有奖问答|竞答|抢答|答题|擂台|评选|评比|演讲",
        STRONG,
    ),
    (
        "card_drive",
        r"办证活动|现场办证|免费办证|新增办证|集体办证|上门办证|办理(?:借书|读者|借阅)证|办(?:借书|读者)证|发放(?:新)?(?:借书|读者)?证(?!书)",
        STRONG,
    ),
    ("book_drifting", r"漂流", STRONG),
    ("book_exchange", r"图书交换|交换图书|换书|图书互换|以书会友", STRONG),
    (
        "mobile_service",
        r"流动服务|流动图书|流动车|服务车|补充(?:新书|图书)|(?:配送|更新|调配)图书|图书(?:配送|调配)|送书上门|送书下乡|送书进|进校园|进社区|进军营|进部队|进农村|进企业|进机关|进校|"
        # a branch as where books are taken (为村小分馆送去新书), not a branch as the doer (分馆活动)
        r"(?:为|到|向|给|赴|至|进|深入)[^，,。；;在各多]{0,6}?分馆",
        STRONG,
    ),
    # A prison or barracks is where a trip goes, not what is done there (向看守所捐赠图书 is a donation).
    ("mobile_service", r"看守所|监狱", WEAK),
    ("book_donation", r"赠书|捐书|送书|赠送|捐赠|赠与|赠阅|送去|送到|带去|送给|献书|捐献", STRONG),
    (
        "book_exhibition",
        r"新书展|新书推荐|好书推荐|图书推荐|推荐图书|(?:图书|新书|好书)推介|推介(?:图书|新书|好书)|(?:推荐|阅读|必读)书目|书目推荐|书单|"
        r"书展|(?<![开发])展读|荐书|新书好书|(?:摆出|摆放|陈列|展出|展示)(?:了)?[^，,。；;]{0,8}?(?:新书|好书|书籍|图书(?!馆))",
        STRONG,
    ),
    ("reading_event", r"心得|读书", WEAK),
    ("book_exhibition", r"新书|好书|书目", WEAK),  # 完成指定书目阅读: a list read, not shown
    (
        "science_outreach",
        r"科普(?!类)|科技活动|科技资料|科学知识|科学(?:小)?课堂|科学实验|科协|实验课|小实验|动手(?:做)?实验",
        STRONG,
    ),
    ("exhibition", r"展览|图片展|作品展|书画展|摄影展|专题展|美术展|成果展|书法展|图片|书画", STRONG),
    (
        "exhibition",
        r"并(?:在[^，,。；;]{0,12})?(?:展出|展览|展示)",
        STRONG,
    ),  # 比赛…,并在展厅展出: a show of its own
    ("exhibition", r"展出|展示", WEAK),
    (
        "lecture",
        r"讲座|讲学|讲堂|讲坛|报告会|授课|讲课|体验课|公开课|(?:小|大|公益|阅读|亲子|假期|暑期|周末)课堂",
        STRONG,
    ),
    ("film_screening", r"电影|影片|放映|科教片|卡通片|动画片|纪录片|短片|观影", STRONG),
    (
        "reading_event",
        r"亲子阅读|诵读|朗诵|朗读|故事会|讲故事|绘本|读书会|读书活动|阅读活动|讲读|共读|读书节|阅读分享|品读|读书沙龙|阅读打卡|读书打卡|分享会|"
        r"阅读营|读书营|诗会|诗歌会",  # a reading camp, a poetry gathering
        STRONG,
    ),
    ("forum", r"座谈会|论坛|研讨会|征求意见|意见建议|(?:收集|听取)[^，,。；;]{0,8}意见|接待日|沙龙", STRONG),
    ("training", r"培训|业务指导|服务指导|指导活动|辅导", STRONG),
    ("volunteer_service", r"志愿(?:者)?(?:服务|活动|行动)", STRONG),
    # Volunteers who help at another event (由家长志愿者讲读绘本) make it no volunteer event.
    ("volunteer_service", r"志愿", WEAK),
    ("performance", r"演出|课本剧|文艺节目|表演|话剧|小品|舞蹈|歌舞|戏剧|展演", STRONG),
    (
        "digital_service",
        r"电子阅览室|数字图书馆|电子图书|电子书|数字阅读|网络课堂|(?:多媒体|视听|数字)(?:演播|体验)室|听书[”\"」』]?(?:体验|活动)",
        STRONG,
    ),
    # Resources and devices: the event only when nothing else is told (宣传馆藏数字资源 is publicity).
    (
        "digital_service",
        r"数字资源|电子资源|数据库|有声读物|听书|无线网络|免费(?:WiFi|Wi-Fi|wifi|上网)|平板电脑",
        WEAK,
    ),
    ("consultation", r"咨询|答疑|解答", STRONG),
    (
        "publicity",
        r"宣传单|宣传册|宣传页|宣传资料|宣传折页|传单|折页|横幅|标语|条幅|电子屏|显示屏|宣传栏|宣传版面|海报|宣传车|宣传品|推文|"
        r"推送(?:了)?[^，,。；;]{0,10}?(?:信息|消息|文章|资讯|图文)|"
        r"专版",  # a page the library fills in a newspaper
        STRONG,
    ),
    # Channels: a post is publicity unless the sentence names the event it carries (微信公众号上的知识竞赛).
    ("publicity", r"公众号|微信|微博|抖音|网站", WEAK),
    ("fee_waiver", r"减免|免收|免除|逾期费|免押金", STRONG),
    ("digital_service", r"网上|在线|线上", WEAK),  # online as the way another event is held
    (
        "other",
        r"开放日|延时开放|延长开放|手工(?:课|制作|活动|坊|体验)?|剪纸|折纸|泥塑|面塑|陶艺|扎染|编织|刺绣|"
        r"问卷调查|调查问卷|满意度调查|读者调查",  # a survey of readers
        STRONG,
    ),  # crafts, as the spec files 封面临摹
    # A ceremony is an event of its own only when nothing else is told there (启动仪式上发放宣传资料…).
    ("other", r"启动仪式|启动式|开幕式|揭牌仪式|颁奖仪式|颁奖典礼|颁奖大会|表彰大会", WEAK),
    # An event held under a name of its own and no genre word (组织“X”活动): an event all the same.
    # (Not the campaign itself: 开展“全民阅读月”系列活动.)
    (
        "other",
        r"(?:举办|举行|组织|开展|推出)(?:了)?[“\"「『](?![^”\"」』]*(?:宣传周|读书日|读书月|阅读月|读书节|阅读节|全民阅读|阅读季))"
        r"[^”\"」』]{2,20}[”\"」』](?![\u4e00-\u9fff]{0,4}系列)(?:[\u4e00-\u9fff]{0,6}?活动)?",
        WEAK,
    ),
)

EN_TRIGGERS: tuple[tuple[str, str, int], ...] = (
    (
        "contest",
        r"speech contests?|contests?|competitions?|quiz(?:zes)?|riddles?|essay|trivia|"
        r"guess(?:ing)? (?:the|how|games?|contests?|competitions?)\b|winning guess",
        STRONG,
    ),
    (
        "card_drive",
        r"certificate application|card application|library cards?|new certificates|reader'?s? cards?|apply(?:ing)? for (?:library )?cards|regist(?:er|ered|ering|ration of) (?:\d[\d,]* )?(?:new )?(?:\w+ )?readers|"  # noqa: E501 - one alternation reads best on one line
        r"signed up (?:[\w,]+ ){0,3}?new (?:members|cardholders|borrowers|users)",
        STRONG,
    ),
    ("book_drifting", r"drifting|book rafting|floated|book crossing", STRONG),
    ("book_exchange", r"book exchange|exchang(?:e|ed|ing) books|book swap", STRONG),
    (
        "mobile_service",
        r"mobile (?:library|service)|service vehicle|book(?:mobile| bus| van| truck)|"
        r"library (?:van|bus|truck)|door-to-door|prison|detention|pop-up librar(?:y|ies)|"
        r"outreach (?:van|vehicle|bus|truck)|home library service|housebound",
        STRONG,
    ),
    (
        "book_donation",
        r"donat(?:e|ed|es|ing|ions?|ors?)\b(?!\s+by\b)|"
        r"gave (?:away )?(?:\w+ ){0,3}(?:books|gifts|copies|materials|readers)|given free|gifts?|sent \d|"
        r"sent (?:books|\w+ books)|book-delivery|delivered (?:\w+ )?books|book delivery|sent books|"
        r"handed out (?:[\w,]+ ){0,3}?books|free books",
        STRONG,
    ),
    (
        "book_exhibition",
        r"new (?:and good )?books? (?:recommendation|exhibition|display)|book recommendations?|"
        r"recommend(?:ed|ing)? (?:\w+ )?books|book exhibitions?|book fairs?|reading lists?|"
        r"(?<!her )(?<!his )(?<!their )new book|"
        # a display of books ("Mystery Book" display, displays of new books)
        r"books?[\"”]?\s+displays?\b|displays?\s+(?:of\s+)?(?:\w+\s+){0,3}books\b",
        STRONG,
    ),
    (
        "science_outreach",
        r"popular science|science populari[sz]ation|science association|science and technology week|"
        r"science (?:day|week|festival|fair|show|camp|club|class(?:es)?)|experiments?\b|"
        r"robot-building|build(?:ing)? robots|robotics",  # robots are engineering, as experiments are science
        STRONG,
    ),
    ("exhibition", r"exhibitions?|photo|calligraphy and painting|calligraphy|paintings", STRONG),
    ("exhibition", r"exhibited|displayed|display", WEAK),
    (
        "lecture",
        r"lectures?|talks?\b|seminar classes|spoke (?:about|on|to)\b|author (?:visits?|events?)|"
        r"(?<!craft )(?<!crafts )workshops?\b",
        STRONG,
    ),
    ("film_screening", r"films?|movies?|screen(?:ed|ing|ings)|cartoons?", STRONG),
    (
        "reading_event",
        r"reading activit\w+|reading sessions?|book tastings?|reading challenges?|storytelling|story ?(?:time|hours?)|rhyme ?times?|lapsit|baby bounce|read(?:s|ing)? aloud|recitation|recite|read-aloud|parent-child reading|picture books?|reading club|book club|reading party",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    ("forum", r"symposium|forum|seminar|solicit opinions", STRONG),
    (
        "training",
        r"training|guidance|(?:trained|trains|coached|taught) (?:\w+ ){0,3}"
        r"(?:staff|volunteers|librarians|teachers|colleagues|managers|workers|administrators)",
        STRONG,
    ),
    ("volunteer_service", r"volunteer(?:ing| service| activit\w+| work)", STRONG),
    ("volunteer_service", r"volunteer", WEAK),
    (
        "performance",
        r"perform\w*|cultural program\w*|textbook drama|drama|(?:staged?|put on|puppet|short|talent|variety) (?:plays?|shows?)\b",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    (
        "digital_service",
        r"\be-reading|electronic reading|digital (?:reading|resources? room|library|literacy|skills)|"
        r"online class|\be-books?|"
        # technology help and labs: maker labs, 3D printing, help with phones and tablets
        r"\btech(?:nology)? (?:lab|help|club|class(?:es)?|sessions?|savvy)|3D print\w*|makerspace|coding|"
        r"computer (?:class(?:es)?|skills|lessons)|online banking|video calls?|smartphones?|"
        r"podcast\w*",
        STRONG,
    ),
    (
        "digital_service",
        r"digital resources|online (?:resources|databases?)|audiobooks?|databases?|"
        r"\bwi-?fi\b|tablets?|e-readers?",
        WEAK,
    ),
    (
        "consultation",
        r"consultations?|inquiries|(?:help|information|enquiry|inquiry) desk|answer(?:ed|ing)? (?:\w+ ){0,3}questions",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    (
        "other",
        r"open days?|open house|book sales?|celebration (?:events?|part(?:y|ies))|award ceremon(?:y|ies)|"
        r"crafts? (?:afternoon|morning|evening|session|workshop|class|club|day|fair)s?\b|parades?\b|"
        r"human librar(?:y|ies)|human books?|(?:reader|user|customer|satisfaction) surveys?|questionnaires?",
        STRONG,
    ),
    # A craft done at another event ("read aloud and led simple crafts") is part of it.
    ("other", r"(?:launch|opening) (?:ceremon(?:y|ies)|event)|crafts?\b", WEAK),
    # An event held with no genre word ("hosted a Lego build-a-story afternoon"): an event all the same.
    (
        "other",
        r"\b(?:hosted|held|ran|organi[sz]ed|put on|threw|staged)\s+(?:an?|its|their|our)\s+"
        r"(?:(?!(?:on|in|at|for|with|to|of)\b)[\w'’-]+\s+){0,4}?"
        r"(?:afternoon|morning|evening|night|party|parties|celebration|fair|festival|walk|tour|picnic|"
        r"social|gala|carnival|swap|hunt|challenge|session|club)s?\b",
        WEAK,
    ),
    (
        "publicity",
        r"slogans?|banners?|leaflets?|brochures?|flyers?|posters?|bookmarks?|electronic screens?|LED screens?|publicity materials|publish(?:ed|es|ing)? (?:\d[\d,]* )?(?:articles|posts)|posts\b",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    (
        "publicity",
        r"WeChat|Weibo|official account|website|TikTok|Douyin|"
        r"social media|Facebook|Instagram|Twitter|YouTube|"
        # promoted through/on a channel; a section headed "Promotion" (not "Promotion Week")
        r"promoted (?:through|on|via|with|in)\b|"
        r"^\s*(?:\d{1,2}[.)]\s*)?(?:promotion|publicity|marketing)(?:\s+and\s+\w+)?\s*$",
        WEAK,
    ),
    ("fee_waiver", r"waiv\w+|overdue fines?|fee exemption", STRONG),
)
