"""The operations console's payout accounts: sellers whose payouts are blocked at the payout rail, and why."""

from django.shortcuts import render

from borderless.payouts import accounts
from borderless.web.ops.views import operator_required


@operator_required
def blocked(request):
    return render(request, "web/ops/payout_accounts.html", {"rows": accounts.blocked_accounts()})
