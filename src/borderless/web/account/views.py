"""Log in, sign up, and personal API tokens."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from borderless.accounts import services
from borderless.accounts.models import ApiToken
from borderless.web.forms import EmailLoginForm, SignupForm, TokenForm


class EmailLoginView(LoginView):
    template_name = "web/account/login.html"
    authentication_form = EmailLoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        user = self.request.user
        if getattr(user, "membership", None):
            return "/seller/"
        if user.is_staff:
            return "/ops/sellers/"
        if user.role == "brand_owner":
            return "/brand/"
        return super().get_default_redirect_url()


logout_view = LogoutView.as_view()


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def signup(request):
    form = SignupForm(request.POST or None, initial={"role": request.GET.get("role", "buyer")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["role"] == "seller":
                business = {
                    k: data[k]
                    for k in (
                        "legal_name",
                        "state",
                        "city",
                        "business_type",
                        "employee_band",
                        "revenue_band",
                        "year_founded",
                    )
                }
                user = services.sign_up_seller(data["email"], data["password"], data["full_name"], business)
            else:
                user = services.sign_up_buyer(
                    data["email"], data["password"], data["full_name"], data["province"]
                )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Borderless."))
            return redirect("web:seller-dashboard" if data["role"] == "seller" else "web:home")
    return render(request, "web/account/signup.html", {"form": form})


@login_required
def account(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = services.create_api_token(request.user, form.cleaned_data["name"])
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    template = "web/account/tokens.html"
    seller = getattr(getattr(request.user, "membership", None), "seller", None)
    return render(
        request,
        template,
        {"form": form, "tokens": tokens, "new_token": new_token, "seller": seller, "tab": "account"},
    )


@login_required
@require_POST
def revoke_token(request, public_id):
    try:
        services.revoke_api_token(request.user, public_id)
    except ApiToken.DoesNotExist:
        messages.error(request, _("No such token."))
    else:
        messages.success(request, _("The token was revoked."))
    return redirect("web:account")
