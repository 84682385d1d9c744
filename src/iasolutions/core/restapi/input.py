"""Typed input of the REST API: what a body or a query string must look like
before anything is read from it, so that bad input is a 400, never a 500.

Three layers, from the outside in:

- ``check_body`` (subscribed to the publication, before any plone.restapi
  service runs): a body that is not a JSON object, or nested deeper than
  ``MAX_DEPTH``, or an ``@type``/``id`` that is not a string, is refused;
- ``DeserializeFromJson``: each field's value must have a JSON type the field
  can take (a choice is a token, a list a list, a date a string…) — the field
  deserializers of plone.restapi assume it;
- ``text``, ``text_list``, ``integer``, ``query_text`` for the suite's own
  services, which raise ``BadInput``; ``refuses_bad_input`` turns it into a
  400 ``{"error": {"type": "BadRequest", "message": …}}`` with nothing written.
"""

import functools
from iasolutions.core import _
from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.errors import json_object
from iasolutions.core.restapi.errors import not_a_json_object
import json
from plone.app.textfield.interfaces import IRichText
from plone.dexterity.utils import iterSchemata
from plone.namedfile.interfaces import INamedField
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer.dxcontent import DeserializeFromJson as BaseDeserializer
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.services import Service
import re
import transaction
from z3c.relationfield.interfaces import IRelationChoice
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.schema import getFields
from zope.schema import interfaces as schema


MAX_DEPTH = 32
WRITES = ("POST", "PATCH", "PUT")
BINARY_SERVICES = ("@tus-upload", "@tus-replace")


class BadInput(Exception):
    """Input a service refuses; ``message`` is a message id to translate."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def refuses_bad_input(reply):
    """Decorate a service's ``reply``: ``BadInput`` → 400 and the transaction doomed."""

    @functools.wraps(reply)
    def checked(self, *args, **kwargs):
        try:
            return reply(self, *args, **kwargs)
        except BadInput as refused:
            transaction.doom()
            return bad_request(self.request, translate(refused.message, context=self.request))

    return checked


class JsonBodyService(Service):
    """A POST or PATCH service whose body is a JSON object: the one way the suite's services
    read a body.

    ``reply`` turns plone.protect's CSRF check off (the client authenticates with a
    token or basic auth, as for plone.restapi's own services), asks ``check()`` for
    a refusal that comes before the body (raise ``Unauthorized``, or return an
    answer), answers 400 when the body is not a JSON object, then answers
    ``handle(data)``. A ``BadInput`` raised by ``handle`` is a 400 and nothing is
    written; so is ``return self.refuse(message)``.
    """

    def check(self):
        return None

    def handle(self, data):
        raise NotImplementedError

    @refuses_bad_input
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        refused = self.check()
        if refused is not None:
            return refused
        data = json_object(self.request)
        if data is None:
            return not_a_json_object(self.request)
        return self.handle(data)

    def refuse(self, message, **extra):
        """A 400 with ``message`` translated; whatever was written is not kept."""
        transaction.doom()
        return bad_request(self.request, translate(message, context=self.request), **extra)


# -- values in a JSON object ------------------------------------------------


def text(data, name, required=False, default=""):
    """``data[name]`` as a string (``default`` when missing or empty)."""
    value = data.get(name)
    if value in (None, ""):
        if required:
            raise BadInput(_("${name} is required.", mapping={"name": name}))
        return default
    if not isinstance(value, str):
        raise BadInput(_("${name} must be a string.", mapping={"name": name}))
    return value


def text_list(data, name, required=False):
    """``data[name]``: a string or a list of strings, as a list."""
    value = data.get(name)
    if value in (None, "", []):
        if required:
            raise BadInput(_("${name} is required.", mapping={"name": name}))
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInput(_("${name} must be a string or a list of strings.", mapping={"name": name}))
    return value


def integer(data, name, default=None, minimum=None, maximum=None):
    """``data[name]`` as an integer within bounds (``default`` when missing)."""
    value = data.get(name)
    if value is None:
        return default
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 20:
        value = int(value)
    if (
        type(value) is not int
        or (minimum is not None and value < minimum)
        or (maximum is not None and value > maximum)
    ):
        raise BadInput(
            _(
                "${name} must be an integer between ${minimum} and ${maximum}.",
                mapping={"name": name, "minimum": minimum, "maximum": maximum},
            )
        )
    return value


def query_text(form, name, default=""):
    """One value of the query string (``?name=…``): a repeated one is refused."""
    value = form.get(name, default)
    if isinstance(value, (list, tuple)):
        raise BadInput(_("Give ${name} once.", mapping={"name": name}))
    if not isinstance(value, str):
        raise BadInput(_("${name} must be a string.", mapping={"name": name}))
    return value


def query_integer(form, name, minimum=0, maximum=100_000):
    """One whole number of the query string, within bounds (None when absent)."""
    value = query_text(form, name, None) if name in form else None
    if value is None:
        return None
    value = value.strip()
    if not value.lstrip("-").isdigit() or len(value) > 12 or not (minimum <= int(value) <= maximum):
        raise BadInput(
            _(
                "${name} must be an integer between ${minimum} and ${maximum}.",
                mapping={"name": name, "minimum": minimum, "maximum": maximum},
            )
        )
    return int(value)


# -- the body, before any service ------------------------------------------


def depth(value):
    """How deep a decoded JSON value nests (without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        if isinstance(current, dict):
            stack.extend((v, level + 1) for v in current.values())
        elif isinstance(current, list):
            stack.extend((v, level + 1) for v in current)
    return deepest


def body_error(body):
    """Why a REST body is refused (a message id), or None."""
    if not body:
        return None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return _("The body must be a JSON object.")
    if not isinstance(data, dict):
        return _("The body must be a JSON object.")
    if depth(data) > MAX_DEPTH:
        return _(
            "The body nests too deeply (at most ${depth} levels).", mapping={"depth": MAX_DEPTH}
        )
    for key in ("@type", "id"):
        if key in data and data[key] is not None and not isinstance(data[key], str):
            return _("${name} must be a string.", mapping={"name": key})
    return None


def check_depth(site, event):
    """Before traversing the site: a JSON body nested too deeply is refused before
    anyone parses it (plone.restapi's authentication, at the end of traversal, reads
    every JSON body, and Python's parser gives up at a depth of about a thousand)."""
    request = event.request
    if request.get("REQUEST_METHOD") not in WRITES or "json" not in (
        request.get_header("Content-Type") or ""
    ):
        return
    body = request.get("BODY")
    if body and _nesting(body) > MAX_DEPTH:
        raise BadRequest(
            translate(
                _(
                    "The body nests too deeply (at most ${depth} levels).",
                    mapping={"depth": MAX_DEPTH},
                ),
                context=request,
            )
        )


STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
BRACKETS = re.compile(r"[\[\]{}]")


def _nesting(body):
    """How deep the brackets of a JSON text nest (strings skipped), without parsing it."""
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    deepest = level = 0
    for bracket in BRACKETS.findall(STRING.sub("", body)):
        level += 1 if bracket in "[{" else -1
        deepest = max(deepest, level)
    return deepest


def check_body(event):
    """IPubAfterTraversal: a REST service's body must be a JSON object."""
    request = event.request
    published = request.get("PUBLISHED")
    if not isinstance(published, Service) or request.get("REQUEST_METHOD") not in WRITES:
        return
    if getattr(published, "__name__", "") in BINARY_SERVICES:
        return
    if "json" not in (request.get_header("Content-Type") or "application/json"):
        return
    message = body_error(request.get("BODY"))
    if message is not None:
        raise BadRequest(translate(message, context=request))


# -- field values, in plone.restapi's deserializer --------------------------


def _is_scalar(value):
    return value is None or isinstance(value, (str, int, float, bool))


GIVE_OBJECT = _("Give the UID, path or @id of an object.")
GIVE_FILE = _("Give the file as data (base64) and a filename.")


def _relation_error(field, value):
    if isinstance(value, dict):
        valid = isinstance(value.get("@id") or value.get("UID"), str)
    else:
        valid = isinstance(value, (str, int)) and not isinstance(value, bool)
    return None if valid else GIVE_OBJECT


def _choice_error(field, value):
    if isinstance(value, dict):
        value = value.get("token")
    return None if _is_scalar(value) and value is not None else _("Give one value of the list.")


def _collection_error(field, value):
    if field.value_type is None:
        return None
    for item in value if isinstance(value, list) else [value]:
        refused = type_error(field.value_type, item)
        if refused is not None:
            return refused
    return None


def _dict_error(field, value):
    return None if isinstance(value, dict) else _("Give a JSON object.")


def _rich_text_error(field, value):
    text = value.get("data", "") if isinstance(value, dict) else value
    return None if isinstance(text, str) else _("Give a text.")


def _file_error(field, value):
    valid = isinstance(value, dict) and isinstance(value.get("data", ""), str)
    return None if valid else GIVE_FILE


def _bool_error(field, value):
    return None if _is_scalar(value) else _("Give true or false.")


def _date_error(field, value):
    return None if isinstance(value, str) else _("Give a date as YYYY-MM-DD.")


def _number_error(field, value):
    valid = isinstance(value, (int, float, str)) and not isinstance(value, bool)
    return None if valid else _("Give a number.")


def _text_error(field, value):
    return None if isinstance(value, str) else _("Give a text.")


# The first row whose interface the field provides checks the value (relation
# choices before choices, rich text and files before text).
TYPE_CHECKS = (
    ((IRelationChoice,), _relation_error),
    ((schema.IChoice,), _choice_error),
    ((schema.ICollection,), _collection_error),
    ((schema.IDict,), _dict_error),
    ((IRichText,), _rich_text_error),
    ((INamedField,), _file_error),
    ((schema.IBool,), _bool_error),
    ((schema.IDatetime, schema.IDate, schema.ITime), _date_error),
    ((schema.IInt, schema.IFloat, schema.IDecimal), _number_error),
    ((schema.IText, schema.ITextLine, schema.IASCII, schema.IURI), _text_error),
)


def type_error(field, value):
    """Why ``value`` (decoded JSON) cannot be given to ``field``, or None."""
    if value is None:
        return None
    for interfaces, check in TYPE_CHECKS:
        if any(interface.providedBy(field) for interface in interfaces):
            return check(field, value)
    return None


@implementer(IDeserializeFromJson)
class DeserializeFromJson(BaseDeserializer):
    """plone.restapi's, refusing values of the wrong JSON type with a 400 first."""

    def __call__(self, validate_all=False, data=None, create=False, mask_validation_errors=True):
        if data is None:
            from plone.restapi.deserializer import json_body

            data = json_body(self.request)
        errors = []
        for schema_ in iterSchemata(self.context):
            for name, field in getFields(schema_).items():
                if name in data:
                    message = type_error(field, data[name])
                    if message is not None:
                        errors.append(
                            {
                                "field": name,
                                "error": "ValidationError",
                                "message": translate(message, context=self.request),
                            }
                        )
        if errors:
            raise BadRequest(errors)
        return super().__call__(
            validate_all=validate_all,
            data=data,
            create=create,
            mask_validation_errors=mask_validation_errors,
        )


def mapping(data, name, value_types):
    value_types = value_types if isinstance(value_types, tuple) else (value_types,)
    """``data[name]``: a JSON object of strings to values of ``value_types`` (or {})."""
    value = data.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(v, value_types) and not isinstance(v, bool) for v in value.values()
    ):
        raise BadInput(
            _(
                "${name} must be a JSON object of ${kind}.",
                mapping={"name": name, "kind": " or ".join(t.__name__ for t in value_types)},
            )
        )
    return value


def objects(data, name):
    """``data[name]``: a list of JSON objects (or [])."""
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise BadInput(_("${name} must be a list of JSON objects.", mapping={"name": name}))
    return value
