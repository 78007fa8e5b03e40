from django.contrib.auth import views as auth_views

from .forms import LoginForm

login = auth_views.LoginView.as_view(template_name="accounts/login.html", authentication_form=LoginForm, redirect_authenticated_user=True)
