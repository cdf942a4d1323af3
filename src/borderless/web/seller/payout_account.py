"""The seller centre's payout account: onboarding at the payout rail (Stripe Connect Express), the return
page, and the account's standing: what is missing, and why payouts are blocked."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from borderless.payouts import accounts
from borderless.web.seller.views import seller_required


def _enabled() -> None:
    if not accounts.onboarding_enabled():
        raise Http404("The payout rail does not onboard sellers.")


@seller_required
def status(request):
    _enabled()
    account, warning = accounts.account_of(request.seller)
    if warning:
        messages.warning(request, warning)
    return render(
        request,
        "web/seller/payout_account.html",
        {
            "tab": "payouts",
            "account": account,
            "refused": list(accounts.refused_payouts(request.seller)),
        },
    )


def _leave_for_onboarding(request):
    try:
        url = accounts.onboarding_url(
            request.seller,
            request.build_absolute_uri(reverse("web:seller-payout-account-return")),
            request.build_absolute_uri(reverse("web:seller-payout-account-refresh")),
        )
    except accounts.AccountUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("web:seller-payout-account")
    # A page of ours leaves for Stripe (the content security policy keeps form-action 'self').
    return render(request, "web/seller/payout_account_leave.html", {"tab": "payouts", "url": url})


@seller_required
@require_POST
def start(request):
    _enabled()
    return _leave_for_onboarding(request)


@seller_required
def refresh(request):
    """Stripe sends the seller here when the onboarding link expired: a new one."""
    _enabled()
    return _leave_for_onboarding(request)


@seller_required
def back(request):
    """Stripe sends the seller back here: show what Stripe now says about the account."""
    _enabled()
    account, warning = accounts.account_of(request.seller)
    if account is not None and account.payouts_enabled:
        messages.success(request, "Your payout account is ready: payouts go to it from the next daily run.")
    elif account is not None:
        messages.warning(request, f"Payouts are not enabled yet. {account.blocked_reason}")
    return redirect("web:seller-payout-account")
