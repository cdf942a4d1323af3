"""The buyer's customer service (客服, Chinese first): ask the seller about a product or an order, the
messages inbox, a conversation with the seller's English answers read in Chinese, and its files."""

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from borderless.conversations import services
from borderless.conversations.models import Attachment, Conversation
from borderless.web import conversation_thread as thread
from borderless.web.storefront.checkout import buyer_required

FACE = thread.Face("web/storefront/conversation.html", "zh", "web:message")


@buyer_required
def inbox(request):
    conversations = services.conversations_for(request.user)[:100]
    return render(request, "web/storefront/messages.html", {"conversations": conversations})


@buyer_required
def conversation(request, public_id):
    return FACE.show(request, public_id)


@buyer_required
@require_POST
def send(request, public_id):
    return FACE.post(request, public_id)


def _opened(open_it, request, public_id):
    try:
        found = open_it(request.user, public_id)
    except Conversation.DoesNotExist:
        raise Http404 from None
    return redirect("web:message", public_id=found.public_id)


@buyer_required
@require_POST
def ask_about_product(request, public_id):
    """联系卖家 on a product page: the buyer's conversation about it, opened once."""
    return _opened(services.open_about_product, request, public_id)


@buyer_required
@require_POST
def ask_about_order(request, public_id):
    """联系卖家 on an order: the buyer's conversation about it, opened once."""
    return _opened(services.open_about_order, request, public_id)


def attachment(request, public_id):
    """A file of a conversation, to its buyer, its seller's members and operators only."""
    if not request.user.is_authenticated:
        return redirect(f"/login/?next={request.path}")
    try:
        found = Attachment.objects.select_related("message__conversation").get(public_id=public_id)
        services.conversation_for(request.user, found.message.conversation.public_id)
    except (Attachment.DoesNotExist, Conversation.DoesNotExist):
        raise Http404 from None
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    disposition = "inline" if found.content_type.startswith("image/") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="file.{found.extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
