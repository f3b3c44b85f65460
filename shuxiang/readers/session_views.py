"""A reader's session on this browser: signing out (signing in is in views.py: join, key link)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shuxiang.readers import session


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Forget the reader on this browser (a shared phone, the library's own tablet).

    POST only, CSRF-protected, so another site cannot sign a reader out. Only the reader's key
    goes: a staff user logged in on the same browser stays logged in. The session takes a new
    key, as on sign-in.
    """
    if session.sign_out(request):
        messages.success(request, _("You have signed out of your reader account."))
    return redirect("web:home")
