"""A conversation as one side reads it: each message in the reader's language (the other side's translated,
the original one click away), the message form, and what the form refused. Shared by the three faces."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from borderless.conversations import services
from borderless.conversations.models import Conversation, TranslationState
from borderless.web.brand.forms import MultipleFileField


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=services.MAX_MESSAGE_CHARS,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": services.MAX_MESSAGE_CHARS}),
    )
    files = MultipleFileField(
        required=False,
        label=_("Photos or PDF"),
        help_text=_("JPEG, PNG or PDF, at most 5 MB each, up to 3 files."),
    )


def rows(conversation: Conversation, reader_language: str) -> list[dict]:
    out = []
    for m in conversation.messages.select_related("author").prefetch_related("attachments")[:500]:
        foreign = m.language != reader_language and bool(m.text)
        translated = foreign and m.translation_state == TranslationState.DONE and m.translated_text
        out.append(
            {
                "message": m,
                "shown": m.translated_text if translated else m.text,
                "original": m.text if translated else "",
                "pending": foreign and not translated,
                "attachments": list(m.attachments.all()),
            }
        )
    return out


def send(request, conversation: Conversation) -> tuple[bool, MessageForm]:
    """Post the request's message into the conversation. (sent, form): a refused message leaves the form with
    its error and nothing saved; a masked one is sent with the notice as a warning."""
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        return False, form
    try:
        posted = services.post_message(
            request.user, conversation.public_id, form.cleaned_data["text"], form.cleaned_data["files"] or []
        )
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return False, form
    if posted.masked:
        flash.warning(request, posted.notice)
    return True, form


def found_or_404(request, public_id) -> Conversation:
    try:
        return services.conversation_for(request.user, public_id)
    except Conversation.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class Face:
    """How one audience reads conversations: its template, its language and its conversation page's name."""

    template: str
    language: str
    page_name: str

    def page(self, request, conversation, form=None, status=200):
        services.mark_read(request.user, conversation)
        context = {
            "conversation": conversation,
            "rows": rows(conversation, self.language),
            "form": form or MessageForm(),
            "tab": "messages",
        }
        return render(request, self.template, context, status=status)

    def show(self, request, public_id):
        return self.page(request, found_or_404(request, public_id))

    def post(self, request, public_id):
        """Send the message; back to the conversation, or the page again with the form's error (422)."""
        found = found_or_404(request, public_id)
        sent, form = send(request, found)
        if not sent:
            return self.page(request, found, form, status=422)
        return redirect(self.page_name, public_id=found.public_id)
