"""Structured settings: lists of rows, each row a dict checked against a schema.

A setting that used to be pipe-delimited text (``finances | 10 | *``) is a list
of rows, each row a plain dict whose keys are the fields of a small schema
interface::

    class IBatchAction(Interface):
        view = schema.ASCIILine(title=_("View"))
        title = schema.TextLine(title=_("Button label"), required=False)

    batch_actions = schema.List(value_type=Row(schema=IBatchAction), default=[])

The value is stored as plain dicts (in a content attribute or in a registry
record: ``PersistentRow`` is the registry's version of the field), so that it
is read without parsing and goes to and from JSON as it is. It is checked field
by field (a bad value raises ``InvalidValue`` naming the field), shown in forms
with z3c.form's list and object widgets (one sub-form per row) and given over
REST (``@controlpanels``, content GET/PATCH) as a list of JSON objects; a bad
row there is a 400 with the message and nothing is written.

``migrate_lines`` turns the old text into rows for the upgrade steps: a line
that cannot be read is logged and returned, never dropped silently.
"""

from datetime import date
from iasolutions.core import _
from iasolutions.core import organisation
from iasolutions.core.validators import InvalidValue
import logging
from plone.dexterity.interfaces import IDexterityContent
from plone.i18n.normalizer.interfaces import IIDNormalizer
from plone.registry import Record
from plone.registry import field as registry_field
from plone.registry.field import PersistentField
from plone.registry.interfaces import IPersistentField
from plone.registry.interfaces import IRegistry
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.types.adapters import ObjectJsonSchemaProvider
from plone.restapi.types.interfaces import IJsonSchemaProvider
import re
from z3c.form.interfaces import NO_VALUE
from z3c.form.interfaces import IDataConverter
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import IObjectWidget
from z3c.form.object import ObjectConverter
from zope import schema
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.component import queryMultiAdapter
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import implementer
from zope.interface import invariant
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IObject
from zope.schema.interfaces import ValidationError
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


logger = logging.getLogger("iasolutions.core.rows")
TOKEN = re.compile(r"^[\w.-]+$", re.ASCII)


class IRow(IObject):
    """A field whose value is a dict of the fields of ``schema``."""


@implementer(IRow)
class Row(schema.Object):
    """A row of a structured setting: a dict with the fields of ``schema``."""

    _type = dict

    def _validate(self, value):
        if not isinstance(value, dict):
            raise InvalidValue(_("A row is an object (a mapping of its fields)."))
        fields = schema.getFields(self.schema)
        unknown = sorted(set(value) - set(fields))
        if unknown:
            raise InvalidValue(
                _("Unknown fields: ${names}.", mapping={"names": ", ".join(unknown)})
            )
        for name, field in schema.getFieldsInOrder(self.schema):
            field = field.bind(value)
            try:
                field.validate(value.get(name, field.missing_value))
            except ValidationError as error:
                raise InvalidValue(
                    _(
                        "${field}: ${message}",
                        mapping={"field": name, "message": _error_text(error)},
                    )
                )
        try:
            self.schema.validateInvariants(_Data(value))
        except Invalid as error:
            raise InvalidValue(error.args[0] if error.args else str(error))


def _error_text(error):
    doc = error.doc() if hasattr(error, "doc") else str(error)
    return doc or error.__class__.__name__


class _Data:
    """A row seen as an object, for the schema's invariants."""

    def __init__(self, value):
        self.__dict__.update(value)

    def __getattr__(self, name):
        return None


class ITerm(Interface):
    """A row of a list of choices (types, modes…): the value stored on the content
    (also the vocabulary's token) and its label. ("value", not "token": plone.restapi
    turns a dict holding a "token" into that token.)"""

    value = schema.ASCIILine(
        title=_("Value"), description=_("Stored on the content: letters, digits, -, _ and .")
    )
    title = schema.TextLine(title=_("Label"))

    @invariant
    def value_is_a_token(data):
        if data.value and not TOKEN.match(data.value):
            raise Invalid(_("${value} is not a token.", mapping={"value": data.value}))


def terms_rows(*pairs):
    """``("email", "E-mail"), …`` → ``[{"value": "email", "title": "E-mail"}, …]``."""
    return [{"value": value, "title": title} for value, title in pairs]


def parse_term(line):
    """'email|E-mail' → {'value': 'email', 'title': 'E-mail'}; 'Fax' → value 'fax'
    (normalised from the label), as the former ``token|Label`` lines read."""
    if "|" not in line:
        return {"value": getUtility(IIDNormalizer).normalize(line), "title": line.strip()}
    value, title = split_line(line, 2)
    return {"value": value, "title": title or value}


def vocabulary(rows):
    """The vocabulary of ``ITerm`` rows (a value given twice counts once)."""
    terms, seen = [], set()
    for data in rows or ():
        if data["value"] not in seen:
            seen.add(data["value"])
            terms.append(SimpleTerm(data["value"], data["value"], data["title"]))
    return SimpleVocabulary(terms)


class PersistentRow(PersistentField, Row):
    """A ``Row`` as plone.registry stores it (the definition of a record)."""


@implementer(IPersistentField)
@adapter(IRow)
def persistent_row(field):
    """plone.registry's field for a ``Row`` (``registerInterface``, registry.xml)."""
    if IPersistentField.providedBy(field):
        return field
    clone = PersistentRow.__new__(PersistentRow)
    ignored = {"constraint", "order"}
    clone.__dict__.update({k: v for k, v in field.__dict__.items() if k not in ignored})
    return clone


def _compact(data):
    """A row without its empty values (as the forms and REST store it)."""
    return {name: value for name, value in data.items() if value not in (None, "", [], ())}


# Forms: z3c.form's object widget, one sub-form per row, the value a plain dict.


@adapter(IRow, IObjectWidget)
class RowConverter(ObjectConverter):
    """The object widget of a row gives a dict (no object factory needed)."""

    def toFieldValue(self, value):
        if value is NO_VALUE:
            return self.field.missing_value
        data = {}
        for name, field in schema.getFieldsInOrder(self.field.schema):
            if field.readonly or name not in value:
                continue
            widget = getMultiAdapter((field, self.widget.request), IFieldWidget)
            converter = getMultiAdapter((field, widget), IDataConverter)
            data[name] = converter.toFieldValue(value[name])
        return _compact(data)


# REST: each field of the row deserialized as plone.restapi does for content.


@implementer(IFieldDeserializer)
@adapter(IRow, IDexterityContent, IBrowserRequest)
class RowDeserializer:
    def __init__(self, field, context, request):
        self.field = field
        self.context = context
        self.request = request

    def __call__(self, value):
        if not isinstance(value, dict):
            raise InvalidValue(_("A row is an object (a mapping of its fields)."))
        fields = schema.getFields(self.field.schema)
        data = {}
        for name, item in value.items():
            field = fields.get(name)
            if field is None or item is None:
                data[name] = item  # refused or left out by the row's validation
                continue
            try:
                data[name] = self.deserialize(field, item)
            except (ValueError, ValidationError) as error:
                raise InvalidValue(
                    _(
                        "${field}: ${message}",
                        mapping={"field": name, "message": _error_text(error)},
                    )
                )
        data = _compact(data)
        self.field.validate(data)
        return data

    def deserialize(self, field, item):
        if IDate.providedBy(field) and isinstance(item, str):
            return date.fromisoformat(item) if item else None  # plone.restapi has none
        deserializer = queryMultiAdapter((field, self.context, self.request), IFieldDeserializer)
        return deserializer(item) if deserializer is not None else item


@adapter(IRow, Interface, Interface)
@implementer(IJsonSchemaProvider)
class RowJsonSchemaProvider(ObjectJsonSchemaProvider):
    """A row in the JSON schema (``@types``, ``@controlpanels``): an object with its
    fields as properties, those required listed, no other property allowed."""

    def get_factory(self):
        return "Row"

    def additional(self):
        info = super().additional()
        info["required"] = [
            name for name, field in schema.getFieldsInOrder(self.field.schema) if field.required
        ]
        info["additionalProperties"] = False
        return info


# Upgrades: old pipe text → rows.


UNREADABLE = "iasolutions.core.unreadable_settings"


def migrate_lines(lines, parse, where, field=None):
    """``(rows, bad)``: each line parsed by ``parse(line) → dict`` and checked by the
    ``Row`` ``field`` if given; a line refused (``ValueError``, ``ValidationError``)
    is logged, listed in ``bad`` as ``(line, reason)`` and kept in the registry record
    ``UNREADABLE`` (Site Setup > Configuration Registry) as ``<where>: <line>
    (<reason>)``, for the administrator to enter again. Rows already structured
    (dicts) are kept."""
    rows, bad = [], []
    for line in lines or ():
        if isinstance(line, dict):
            rows.append(line)
            continue
        if not (line or "").strip():
            continue
        try:
            data = parse(line)
            if field is not None:
                field.validate(data)
            rows.append(data)
        except (ValueError, ValidationError) as error:
            reason = _error_text(error) if isinstance(error, ValidationError) else str(error)
            logger.warning("%s: the line %r cannot be read (%s); left out", where, line, reason)
            bad.append((line, str(reason)))
    if bad:
        _keep_unreadable([f"{where}: {line} ({reason})" for line, reason in bad])
    return rows, bad


def unreadable_lines():
    """The lines the upgrades could not read (``migrate_lines``)."""
    registry = getUtility(IRegistry)
    return list(registry.get(UNREADABLE) or ())


def _keep_unreadable(lines):
    registry = getUtility(IRegistry)
    if UNREADABLE not in registry.records:
        registry.records[UNREADABLE] = Record(
            registry_field.List(
                title="Settings lines the upgrades could not read",
                value_type=registry_field.TextLine(),
                required=False,
            ),
            [],
        )
    registry[UNREADABLE] = [*registry[UNREADABLE], *lines]


def split_line(line, size):
    """'a | b | c' → ['a', 'b', 'c'], padded with '' to ``size`` parts; more parts
    than ``size`` is an error."""
    parts = [part.strip() for part in line.split("|")]
    if len(parts) > size:
        raise ValueError(f"more than {size} parts separated by |")
    return parts + [""] * (size - len(parts))


def migrate_remembered(key, parse):
    """What an organisation profile last set for ``key`` (``core.organisation``),
    turned into rows too, so that the migrated setting still counts as the
    profile's and a new profile value applies."""
    memory = organisation._memory()
    lines = memory.get(key)
    if isinstance(lines, list) and not all(isinstance(line, dict) for line in lines):
        converted = []
        for line in lines:
            try:
                converted.append(line if isinstance(line, dict) else parse(line))
            except (ValueError, ValidationError):
                continue  # reported with the setting itself
        memory[key] = converted
