"""Sending an e-mail or SMS notice, once, through the outbox.

`queue(notice)` writes an outbox message in the transaction that wrote the notice; the worker delivers it
to `send`, which locks the notice, skips it if already sent, hands it to the channel and marks it sent in
the same transaction. A twin delivery waits on the lock and then finds it sent. A worker killed after the
hand-over and before the commit leaves the notice unsent, and the retry hands it over again with the same
identity: the SMS gateway deduplicates on the idempotency key (the notice's id); an e-mail carries the same
Message-ID, by which mail systems recognise a duplicate.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from borderless.events import outbox
from borderless.notifications import sms, texts
from borderless.notifications.kinds import Channel, language_of
from borderless.notifications.models import Notice

SEND = "notifications.send"


def queue(notice: Notice) -> None:
    outbox.enqueue(SEND, {"notice": str(notice.public_id)})


@outbox.handler(SEND)
def send(payload: dict) -> None:
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update()
            .select_related("recipient")
            .filter(public_id=payload["notice"])
            .first()
        )
        if notice is None or notice.sent_at is not None:
            return
        reference = SENDERS[notice.channel](notice)
        Notice.objects.filter(pk=notice.pk).update(sent_at=timezone.now(), reference=reference[:200])


def message_id(notice: Notice) -> str:
    return f"<notice-{notice.public_id}@{settings.NOTICE_MAIL_DOMAIN}>"


def send_email(notice: Notice) -> str:
    with translation.override(language_of(notice.recipient)):
        subject = _("Borderless: %(title)s") % {"title": texts.title(notice.kind)}
        body = "\n\n".join(
            [
                texts.body(notice.kind, notice.params),
                _("Sign in to Borderless to see it: %(site)s") % {"site": settings.SITE_URL},
                _("You can choose which notices you receive by e-mail in your account."),
            ]
        )
    email = EmailMessage(
        subject=subject,
        body=body,
        to=[notice.address],
        headers={"Message-ID": message_id(notice)},
    )
    email.send()
    return message_id(notice)


def send_sms(notice: Notice) -> str:
    request = sms.SmsRequest(
        phone=notice.address,
        template=texts.SMS_TEMPLATES[notice.kind],
        params=texts.sms_params(notice.params),
        idempotency_key=str(notice.public_id),
        sign_name=settings.SMS_SIGN_NAME,
    )
    return sms.gateway().send(request)


SENDERS = {Channel.EMAIL: send_email, Channel.SMS: send_sms}
