from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy

from .forms import ChangePasswordForm, LoginForm
from .middleware import PASSWORD_SET_BY_OTHER


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        # The failure just counted may have brought the account to the challenge.
        username = form.cleaned_data.get("username")
        if "challenge_answer" not in form.fields and username and form.challenge_required(username):
            form.offer_challenge()
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("workbench:home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.must_change_password:
            context["forced_notice"] = PASSWORD_SET_BY_OTHER
        return context

    def form_valid(self, form):
        messages.success(self.request, "密码已修改。")
        return super().form_valid(form)


def locked_out(request, original_response=None, credentials=None):
    """Shown instead of the login form once axes has locked the account (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = LoginForm(request, data=request.POST or None)
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT, "form": form},
        status=429,
    )
