"""The seller centre's customer service (English): buyers' questions read in English, answered in English;
the buyer reads the answer in Chinese."""

from django.shortcuts import render
from django.views.decorators.http import require_POST

from borderless.conversations import services
from borderless.web import conversation_thread as thread
from borderless.web.seller.views import seller_required

FACE = thread.Face("web/seller/conversation.html", "en", "web:seller-message")


@seller_required
def inbox(request):
    context = {
        "conversations": services.conversations_for(request.user)[:200],
        "response_time": services.response_time(request.seller.pk),
        "tab": "messages",
    }
    return render(request, "web/seller/messages.html", context)


@seller_required
def conversation(request, public_id):
    return FACE.show(request, public_id)


@seller_required
@require_POST
def send(request, public_id):
    return FACE.post(request, public_id)
