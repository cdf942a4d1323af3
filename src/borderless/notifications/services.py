"""Telling people: notices written once per fact, recipient and channel; the inbox; preferences.

`notify` is called by the event handlers inside their transaction: it writes the in-site notice and, as the
recipient chose, an e-mail and an SMS notice, each queued for sending through the outbox (`channels`).
A fact told again (a redelivered event, a second event about the same order) writes nothing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from borderless.notifications import channels
from borderless.notifications.kinds import DEFAULT_WANTED, Channel, channels_for, kinds_for
from borderless.notifications.models import MobileNumber, Notice, Preference

MOBILE = re.compile(r"^(?:\+?86|0086)?(1[3-9]\d{9})$")


def wanted_channels(user, kind: str) -> list[str]:
    """The channels `user` receives `kind` on: the inbox always, then e-mail and SMS as chosen."""
    chosen = dict(Preference.objects.filter(user=user, kind=kind).values_list("channel", "wanted"))
    wanted = [Channel.INBOX]
    for channel in channels_for(user):
        if chosen.get(channel, DEFAULT_WANTED[channel]) and address_of(user, channel):
            wanted.append(channel)
    return wanted


def address_of(user, channel: str) -> str:
    if channel == Channel.EMAIL:
        return user.email or ""
    if channel == Channel.SMS:
        found = MobileNumber.objects.filter(user=user).values_list("number", flat=True).first()
        return found or ""
    return ""


def notify(fact: str, kind: str, recipients: Iterable, params: dict) -> list[Notice]:
    """Tell each active recipient `fact` on the channels they chose; the notices written now (none for a
    fact already told). Runs inside the caller's transaction; the sends leave after its commit."""
    written = []
    for user in {u.pk: u for u in recipients if u is not None and u.is_active}.values():
        for channel in wanted_channels(user, kind):
            notice = _write(fact, kind, user, channel, params)
            if notice is not None:
                written.append(notice)
                if channel != Channel.INBOX:
                    channels.queue(notice)
    return written


def _write(fact, kind, user, channel, params) -> Notice | None:
    if Notice.objects.filter(fact=fact, recipient=user, channel=channel).exists():
        return None
    try:
        with transaction.atomic():  # a twin handler writing the same notice at once: one of them wins
            return Notice.objects.create(
                fact=fact[:150],
                kind=kind,
                recipient=user,
                channel=channel,
                params=params,
                address=address_of(user, channel),
            )
    except IntegrityError:
        return None


# The inbox


def inbox(user):
    return Notice.objects.filter(recipient=user, channel=Channel.INBOX)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return inbox(user).filter(read_at__isnull=True).count()


def own_notice(user, public_id) -> Notice:
    """The user's own in-site notice; Notice.DoesNotExist for anyone else's, or a malformed id."""
    try:
        wanted = uuid.UUID(str(public_id))
    except ValueError:
        raise Notice.DoesNotExist from None
    return inbox(user).get(public_id=wanted)


def mark_read(user, public_id) -> Notice:
    notice = own_notice(user, public_id)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=notice.read_at)
    return notice


def mark_all_read(user) -> int:
    return inbox(user).filter(read_at__isnull=True).update(read_at=timezone.now())


# Preferences


def preferences(user) -> dict[tuple[str, str], bool]:
    """(kind, channel) -> wanted, for every kind and optional channel the user may choose."""
    chosen = {(p.kind, p.channel): p.wanted for p in Preference.objects.filter(user=user)}
    return {
        (kind, channel): chosen.get((kind, channel), DEFAULT_WANTED[channel])
        for kind in kinds_for(user)
        for channel in channels_for(user)
    }


def normalise_mobile(text: str) -> str:
    """A mainland mobile number as 11 digits; ValueError for anything else. Spaces and dashes are ignored."""
    compact = re.sub(r"[\s\-()]", "", text or "")
    match = MOBILE.match(compact)
    if not match:
        raise ValueError(text)
    return match.group(1)


@transaction.atomic
def save_preferences(user, wanted: dict[tuple[str, str], bool], mobile: str | None = None) -> None:
    """Store the user's choices (only kinds and channels they may choose); `mobile` "" forgets the number."""
    allowed = preferences(user)
    for key, value in wanted.items():
        if key not in allowed:
            raise ValueError(f"{key} is not a choice of this user.")
        kind, channel = key
        Preference.objects.update_or_create(
            user=user, kind=kind, channel=channel, defaults={"wanted": bool(value)}
        )
    if mobile is not None:
        if mobile:
            MobileNumber.objects.update_or_create(
                user=user, defaults={"number": normalise_mobile(mobile), "updated_at": timezone.now()}
            )
        else:
            MobileNumber.objects.filter(user=user).delete()
