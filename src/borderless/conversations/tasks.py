"""Background work of customer service: a message translated by the translation vendor."""

from huey import crontab
from huey.contrib.djhuey import db_task

from borderless.fleet.jobs import periodic_job


@db_task(retries=3, retry_delay=30)
def translate_message(message_id: int) -> None:
    from borderless.conversations.services import translate_message as translate

    translate(message_id)


@periodic_job("conversations.retry_message_translations", crontab(minute="*/10"), seconds=600)
def retry_message_translations() -> int:
    """Messages still pending or failed (a lost task, a vendor outage): translated again."""
    from borderless.conversations.models import Message, TranslationState
    from borderless.conversations.services import translate_message as translate

    ids = list(
        Message.objects.filter(
            translation_state__in=[TranslationState.PENDING, TranslationState.FAILED]
        ).values_list("pk", flat=True)[:500]
    )
    for message_id in ids:
        translate(message_id)
    return len(ids)
