"""The admin's sign-in form with a translated label on each field.

Wagtail 8's login form declares its password field without a label, so Django names it from
the field ("Password") in every language.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
