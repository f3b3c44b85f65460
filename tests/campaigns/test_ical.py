import datetime as dt

from django.urls import reverse

from shuxiang.activities.models import Activity


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_ical_feed_is_valid_text_calendar_with_public_events_only(
    client, create_campaign, create_library, create_activity
):
    library = create_library()
    campaign = create_campaign(issuer=library.parent, libraries=(library,))
    create_activity(
        campaign=campaign,
        library=library,
        title="少儿绘本故事会, 第一期; 亲子",
        start_date=dt.date(2016, 5, 28),
        daily_start_time=dt.time(17),
        daily_end_time=dt.time(18),
        repeats_daily=True,
        end_date=dt.date(2016, 6, 2),
    )
    create_activity(campaign=campaign, library=library, title="全天展览", start_date=dt.date(2016, 5, 27))
    create_activity(campaign=campaign, library=library, title="内部", visibility=Activity.Visibility.INTERNAL)
    cancelled = create_activity(campaign=campaign, library=library, title="取消的讲座", status="cancelled")
    response = client.get(reverse("campaigns:ical", args=[campaign.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = _unfold(text)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 3
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert "SUMMARY:少儿绘本故事会\\, 第一期\\; 亲子" in lines
    assert "DTSTART:20160528T090000Z" in lines  # 17:00 Asia/Shanghai
    assert "DTEND:20160528T100000Z" in lines
    assert "RRULE:FREQ=DAILY;COUNT=6" in lines
    assert "DTSTART;VALUE=DATE:20160527" in lines and "DTEND;VALUE=DATE:20160528" in lines
    assert f"UID:activity-{cancelled.pk}@testserver" in lines
    assert "STATUS:CANCELLED" in lines
    assert "内部" not in text.replace("内部培训", "")
    for event in text.split("BEGIN:VEVENT")[1:]:
        assert "UID:" in event and "DTSTAMP:" in event and "DTSTART" in event


def test_a_line_break_in_a_title_plants_no_line_in_the_feed(
    client, create_campaign, create_library, create_activity
):
    library = create_library()
    campaign = create_campaign(issuer=library.parent, libraries=(library,))
    create_activity(
        campaign=campaign,
        library=library,
        title="讲座\rURL:https://evil.example/pay",
        description="第一行\x0bBEGIN:VALARM",
    )
    text = client.get(reverse("campaigns:ical", args=[campaign.pk])).content.decode("utf-8")
    lines = text.replace("\r\n ", "").splitlines()  # as lenient parsers split
    assert "SUMMARY:讲座\\nURL:https://evil.example/pay" in lines
    assert "DESCRIPTION:第一行\\nBEGIN:VALARM" in lines
    assert not any(line.startswith("URL:https://evil") or line == "BEGIN:VALARM" for line in lines)
