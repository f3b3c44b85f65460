"""Staff check a reader in by pointing the phone's camera at the QR code (the jsQR path).

Chromium's fake camera plays a Y4M file; the test writes one whose frames show the reader's
own QR code (segno, as on the ticket), so the page's real code runs end to end: camera
stream, canvas, vendored jsQR, form submit, check-in, attendance figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import segno
from django.test import Client
from PIL import Image

from shuxiang.activities.models import Figure
from shuxiang.orgs.models import Membership
from shuxiang.readers import services
from tests.browser.conftest import CHROMIUM, launch_args
from tests.factories import make_open_session, make_reader, make_user

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH, HEIGHT = 640, 480


def write_y4m(path: Path, payload: str, frames: int = 5) -> None:
    """A short 4:2:0 Y4M video of ``payload`` as a QR code, black on white, in the middle."""
    qr = Image.open(_png(payload, path.with_suffix(".png"))).convert("L")
    side = min(WIDTH, HEIGHT) - 80
    canvas = Image.new("L", (WIDTH, HEIGHT), 255)
    canvas.paste(qr.resize((side, side), Image.NEAREST), ((WIDTH - side) // 2, (HEIGHT - side) // 2))
    y, cb, cr = canvas.convert("YCbCr").split()
    half = (WIDTH // 2, HEIGHT // 2)
    frame = b"FRAME\n" + y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    header = f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + frame * frames)


def _png(payload: str, path: Path) -> Path:
    segno.make(payload, error="m").save(path, scale=8, border=4)
    return path


def test_staff_check_a_reader_in_by_scanning_the_ticket_with_the_phone_camera(browser, live_server, tmp_path):
    session = make_open_session(capacity=5)
    registration = services.sign_up(session, make_reader(), acting_user=None).registration
    video = tmp_path / "ticket.y4m"
    write_y4m(video, registration.qr_payload)
    client = Client()
    client.force_login(make_user(session.activity.library, Membership.Role.VOLUNTEER))

    # A browser of its own (the fake camera is a launch flag), from the suite's Playwright.
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            *launch_args(),
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera_browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True
        )
        context.grant_permissions(["camera"], origin=live_server.url)
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto("/readers/staff/check-in/")
        page.click("#scan")
        page.wait_for_selector("#result.ok")  # the camera read the code and the form was sent
    finally:
        camera_browser.close()

    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert Figure.objects.get(activity=session.activity, measure="attendees", counted=True).value == 1
