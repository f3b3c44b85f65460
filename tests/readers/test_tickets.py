"""The reader's ticket: the .ics calendar file (the QR code is covered in test_views.py)."""

from __future__ import annotations

from shuxiang.readers import services, tickets


def _signed_up(create_session, create_reader, **activity_fields):
    session = create_session()
    for field, value in activity_fields.items():
        setattr(session.activity, field, value)
    session.activity.save()
    return services.sign_up(session, create_reader(), acting_user=None).registration


def test_a_line_break_in_the_title_or_venue_plants_no_line_in_the_ticket(create_session, create_reader):
    registration = _signed_up(
        create_session,
        create_reader,
        title="讲座\rURL:https://evil.example/pay",
        venue="报告厅\nBEGIN:VALARM\r\nX:1",
    )
    lines = tickets.ics(registration).replace("\r\n ", "").splitlines()  # as lenient parsers split
    assert "SUMMARY:讲座\\nURL:https://evil.example/pay" in lines
    assert "LOCATION:报告厅\\nBEGIN:VALARM\\nX:1" in lines
    assert not any(line.startswith(("URL:", "BEGIN:VALARM", "X:")) for line in lines)


def test_ticket_lines_are_folded_at_75_octets_and_end_with_crlf(create_session, create_reader):
    title = "“书香中国——阅读引领未来”全民阅读主题讲座暨图书馆服务宣传周启动仪式"
    registration = _signed_up(create_session, create_reader, title=title)
    text = tickets.ics(registration)
    assert text.endswith("END:VCALENDAR\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert f"SUMMARY:{title}" in text.replace("\r\n ", "").split("\r\n")
