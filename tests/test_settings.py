"""Settings read from the environment: serving needs a real secret key, HTTPS turns the browser
protections on. Each case starts a fresh interpreter, since settings are read once per process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SHUXIANG_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        env=clean | {"DJANGO_SETTINGS_MODULE": "shuxiang.settings", "PYTHONPATH": str(ROOT)} | env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_serving_with_debug_off_refuses_to_start_on_the_published_development_key():
    served = _python("import shuxiang.wsgi", SHUXIANG_DEBUG="0")
    assert served.returncode != 0
    assert "ImproperlyConfigured" in served.stderr and "SHUXIANG_SECRET_KEY" in served.stderr


def test_serving_starts_with_a_secret_key_or_in_debug():
    assert _python("import shuxiang.wsgi", SHUXIANG_DEBUG="0", SHUXIANG_SECRET_KEY="x" * 50).returncode == 0
    assert _python("import shuxiang.wsgi", SHUXIANG_DEBUG="1").returncode == 0


def test_https_turns_on_secure_cookies_redirects_and_hsts_as_the_deploy_check_asks():
    key = "9f$Kq2!vLz8@wR4#tY6^pN1&mB3*hJ5(xC7)dF0_gS-eA+uI=oP"
    check = [
        "import django; django.setup()",
        "from django.core.management import call_command",
        "call_command('check', deploy=True)",
    ]
    plain = _python(";".join(check), SHUXIANG_SECRET_KEY=key, SHUXIANG_ALLOWED_HOSTS="library.example.org")
    https = _python(
        ";".join(check),
        SHUXIANG_SECRET_KEY=key,
        SHUXIANG_ALLOWED_HOSTS="library.example.org",
        SHUXIANG_HTTPS="1",
    )
    asked = ["security.W004", "security.W008", "security.W012", "security.W016"]  # HSTS, redirect, cookies
    assert all(code in plain.stderr for code in asked), plain.stderr
    assert not [code for code in [*asked, "security.W009"] if code in https.stderr], https.stderr
