"""Mails to readers, always sent after the transaction that decided them commits."""

from __future__ import annotations

import logging

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from shuxiang.readers import tickets
from shuxiang.readers.models import Registration

log = logging.getLogger(__name__)
KINDS = frozenset({"created", "promoted"})


def queue_registration_mail(registration_id: int, kind: str) -> None:
    """Send the sign-up (or promotion) mail once the current transaction commits."""
    assert kind in KINDS, kind
    transaction.on_commit(lambda: send_registration_mail(registration_id, kind))


def send_registration_mail(registration_id: int, kind: str) -> bool:
    """The confirmation / waiting-list / promotion mail with QR code and .ics; False if no address."""
    registration = (
        Registration.objects.select_related("reader", "session", "activity", "activity__library")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or registration.reader is None or not registration.reader.email:
        return False
    from shuxiang.readers.selectors import waiting_position

    context = {
        "registration": registration,
        "reader": registration.reader,
        "activity": registration.activity,
        "session": registration.session,
        "kind": kind,
        "position": waiting_position(registration),
    }
    with translation.override(translation.get_language() or "zh-hans"):
        subject = render_to_string("readers/mail/registration_subject.txt", context).strip()
        body = render_to_string("readers/mail/registration.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[registration.reader.email])
    if registration.status == Registration.Status.CONFIRMED:
        message.attach("ticket.png", tickets.qr_png(registration), "image/png")
        message.attach("event.ics", tickets.ics(registration), "text/calendar")
    try:
        message.send()
    except OSError:  # a mail server outage must not undo a committed sign-up
        log.exception("could not send the registration mail for %s", registration_id)
        return False
    return True
