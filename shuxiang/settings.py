"""Django settings, read from environment variables.

SHUXIANG_DATABASE_URL  database (default: SQLite file var/shuxiang.sqlite3)
SHUXIANG_SECRET_KEY    secret key (required to serve with DEBUG off; a development key otherwise)
SHUXIANG_DEBUG         "1" for debug pages (default "0")
SHUXIANG_ALLOWED_HOSTS comma-separated host names (default "127.0.0.1,localhost")
SHUXIANG_EMAIL_URL     "console" (default) or "smtp://host:port"
SHUXIANG_HTTPS         "1" when served over HTTPS: secure cookies, redirect to HTTPS, HSTS
SHUXIANG_PROXIES       number of reverse proxies in front (default 0)
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SHUXIANG_VAR_DIR", BASE_DIR / "var"))

DEBUG = os.environ.get("SHUXIANG_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("SHUXIANG_SECRET_KEY") or ""
# Without a key, a development key that this repository publishes: enough for DEBUG, the tests and
# the command-line tools, which sign nothing that outlives them. Serving the site with DEBUG off
# refuses to start on it (shuxiang/wsgi.py): sessions, messages and password-reset links would be
# signed with a key anyone can read.
USING_DEVELOPMENT_SECRET_KEY = not SECRET_KEY
if USING_DEVELOPMENT_SECRET_KEY:
    SECRET_KEY = "dev-only-insecure-key-change-me-in-production"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("SHUXIANG_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]

INSTALLED_APPS = [
    "shuxiang.web.admin_site.SuperuserAdminConfig",  # django.contrib.admin, for superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "shuxiang.web",
    "shuxiang.orgs",
    "shuxiang.campaigns",
    "shuxiang.activities",
    "shuxiang.readers",
    "shuxiang.reports",
    "shuxiang.imports",
    "shuxiang.demo",
    "shuxiang.api",
    "ninja",  # serves /api/docs' Swagger UI from our static files instead of a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: five failures lock the username from that address for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("SHUXIANG_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

ROOT_URLCONF = "shuxiang.urls"
WSGI_APPLICATION = "shuxiang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "shuxiang" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shuxiang.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("SHUXIANG_DATABASE_URL", f"sqlite:///{VAR_DIR / 'shuxiang.sqlite3'}"),
        conn_max_age=int(os.environ.get("SHUXIANG_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let concurrent sign-ups wait for the write lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "shuxiang" / "locale"]
TIME_ZONE = os.environ.get("SHUXIANG_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "shuxiang" / "static"]  # site CSS and vendored htmx
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

# Uploads. Files do not count against DATA_UPLOAD_MAX_MEMORY_SIZE: it bounds the other fields of a
# form (a pasted report is well under 1 MB) and the whole body of a request that is not a form
# (the JSON API). It stays at Django's 2.5 MB whatever the photo limit; raising it to "let photos
# through" would only let huge text fields in. A file over FILE_UPLOAD_MAX_MEMORY_SIZE goes to a
# temporary file while it streams in; a photo is dropped as it passes PHOTO_MAX_BYTES (default
# 10 MB in shuxiang/activities/photos.py, set it here to change it; see shuxiang/activities/uploads.py).
# The web server in front caps the whole request (nginx: client_max_body_size 12m).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

EMAIL_URL = os.environ.get("SHUXIANG_EMAIL_URL", "console")
if EMAIL_URL == "console":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    _host, _, _port = EMAIL_URL.removeprefix("smtp://").partition(":")
    EMAIL_HOST, EMAIL_PORT = _host, int(_port or 25)
DEFAULT_FROM_EMAIL = os.environ.get("SHUXIANG_FROM_EMAIL", "shuxiang@localhost")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Served over HTTPS (SHUXIANG_HTTPS=1): cookies only over HTTPS, plain HTTP redirected, and
# browsers told to keep to HTTPS (HSTS, SHUXIANG_HSTS_SECONDS). Off by default: a library's
# intranet may serve plain HTTP, where secure cookies would silently break every login.
HTTPS = os.environ.get("SHUXIANG_HTTPS", "0") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SHUXIANG_HSTS_SECONDS", "2592000")) if HTTPS else 0
# Reverse proxies in front (SHUXIANG_PROXIES, e.g. 1 for nginx): trust their X-Forwarded-Proto
# for HTTPS, and take the client's address from X-Forwarded-For for login throttling. Without
# this, every client would share the proxy's address and five wrong passwords from anyone would
# lock the account for everyone.
PROXIES = int(os.environ.get("SHUXIANG_PROXIES", "0"))
if PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
AXES_CLIENT_IP_CALLABLE = "shuxiang.web.proxies.client_address"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SHUXIANG_LOG_LEVEL", "WARNING")},
}
