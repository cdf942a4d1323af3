"""The operations console's customer service: conversations (disputed ones first), read in both languages;
an operator joins a conversation in a dispute and writes in it."""

from django.contrib import messages as flash
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from borderless.conversations import services
from borderless.web import conversation_thread as thread
from borderless.web.ops.views import operator_required

FACE = thread.Face("web/ops/conversation.html", "en", "web:ops-conversation")


@operator_required
def conversation_list(request):
    found = services.conversations_for(request.user).select_related("buyer")
    found = found.order_by("-disputed", "-last_message_at")
    return render(request, "web/ops/conversations.html", {"conversations": found[:200]})


@operator_required
def conversation(request, public_id):
    return FACE.show(request, public_id)


@operator_required
@require_POST
def join(request, public_id):
    found = services.join_dispute(request.user, thread.found_or_404(request, public_id).public_id)
    flash.success(request, "You joined the conversation: both sides see Borderless in it.")
    return redirect("web:ops-conversation", public_id=found.public_id)


@operator_required
@require_POST
def send(request, public_id):
    return FACE.post(request, public_id)
