"""Django's minimum-length check, with a Dutch message (Django's own Dutch catalog lacks this text)."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: gebruik minstens %(n)d teken.",
            "Dit wachtwoord is te kort: gebruik minstens %(n)d tekens.",
            self.min_length,
        ) % {"n": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Je wachtwoord moet minstens %(n)d teken hebben.",
            "Je wachtwoord moet minstens %(n)d tekens hebben.",
            self.min_length,
        ) % {"n": self.min_length}
