"""WSGI entry point (gunicorn shuxiang.wsgi)."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuxiang.settings")
if not settings.DEBUG and settings.USING_DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "Set SHUXIANG_SECRET_KEY to a long random value before serving with DEBUG off: the "
        "development key is published with the code. For example: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
application = get_wsgi_application()
