"""Field constraints (they raise ``InvalidValue`` with a message, which
forms and the REST API show as is: a form error, a 400 with the message)."""

from iasolutions.core import _
import re
from zope.schema.interfaces import ValidationError


class InvalidValue(ValidationError):
    """A value that breaks the rule of its field; the message says which."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def doc(self):
        return self.message


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$")
PHONE = re.compile(r"^\+?[0-9 ./()-]{6,20}$")
URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$")


def check_email(value):
    if value and not EMAIL.match(value):
        raise InvalidValue(_("${value} is not a valid email address.", mapping={"value": value}))
    return True


def check_phone(value):
    if value and not PHONE.match(value):
        raise InvalidValue(_("${value} is not a valid phone number.", mapping={"value": value}))
    return True


def check_url(value):
    if value and not URL.match(value):
        raise InvalidValue(
            _(
                "${value} is not a valid web address (http:// or https://).",
                mapping={"value": value},
            )
        )
    return True


def normalize_enterprise_number(value):
    """'BE 0123.456.789' → '0123456789'."""
    return re.sub(r"[^0-9]", "", value or "")


def check_enterprise_number(value):
    """Belgian enterprise number (BCE/KBO): ten digits, the last two being
    97 minus the first eight modulo 97."""
    if not value:
        return True
    digits = normalize_enterprise_number(value)
    if len(digits) == 9:
        digits = "0" + digits
    if len(digits) != 10 or digits[0] not in "01" or 97 - int(digits[:8]) % 97 != int(digits[8:]):
        raise InvalidValue(
            _("${value} is not a valid enterprise number (BCE).", mapping={"value": value})
        )
    return True
