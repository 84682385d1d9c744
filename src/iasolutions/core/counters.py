"""Reference counters: named counters that hand out numbers such as ``E0012``
or ``COL/2026/12``.

Definitions (format, yearly reset) live in the registry, in the collection
``iasolutions.counters/<name>``, so that organisation profiles and the control
panel set them. Values live apart, in the ZODB root, and every number is
taken in its own short transaction on its own connection, threads of a
process taking turns, and retried on conflict (processes sharing the
database). So a number is never handed out twice, concurrent writers never see
a ConflictError, and the user's transaction never touches the hot counter
object. A user transaction that aborts after taking a number leaves a gap,
never a duplicate.
"""

from BTrees.OOBTree import OOBTree
from datetime import date
from iasolutions.core import _
from iasolutions.core.validators import InvalidValue
from persistent import Persistent
from plone import api
from plone.registry.interfaces import IRegistry
import random
import re
import threading
import time
import transaction
from ZODB.POSException import ConflictError
from zope import schema
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import Interface


REGISTRY_PREFIX = "iasolutions.counters"
ROOT_KEY = "iasolutions.counters"
MAX_ATTEMPTS = 200
# Beyond these a reference no longer fits a dashboard column, a document or an index.
MAX_NUMBER = 999_999_999
MAX_WIDTH = 12
MAX_REFERENCE_LENGTH = 64
WIDTH = re.compile(r"%[-+ #0]*(\d+)|\{number:[^}]*?(\d+)")
NAME_PATTERN = re.compile(r"^[a-zA-Z][a-zA-Z0-9_-]*$")
_locks = {}
_locks_guard = threading.Lock()


class CounterError(ValueError):
    """Bad counter name, format or value."""


def render(fmt, number, year):
    if "%" in fmt:
        return fmt % number
    return fmt.format(number=number, year=year)


def validate_format(value):
    """A format shows the number and renders: ``E%04d`` or ``COL/{year}/{number}``,
    with a width of at most ``MAX_WIDTH`` digits."""
    if not isinstance(value, str) or len(value) > MAX_REFERENCE_LENGTH:
        raise InvalidValue(
            _(
                "The format must be a text of at most ${length} characters.",
                mapping={"length": MAX_REFERENCE_LENGTH},
            )
        )
    if any(int(a or b) > MAX_WIDTH for a, b in WIDTH.findall(value)):
        raise InvalidValue(
            _(
                "The number of the format ${format} is wider than ${width} digits.",
                mapping={"format": value, "width": MAX_WIDTH},
            )
        )
    try:
        sample = render(value, 7, 2026)
    except (KeyError, IndexError, ValueError, TypeError):
        raise InvalidValue(
            _(
                "The format ${format} cannot be rendered. Use %04d or "
                "{number} for the number and {year} for the year.",
                mapping={"format": value},
            )
        )
    if len(sample) > MAX_REFERENCE_LENGTH:
        raise InvalidValue(
            _(
                "The format ${format} makes references longer than ${length} characters.",
                mapping={"format": value, "length": MAX_REFERENCE_LENGTH},
            )
        )
    if "7" not in sample:
        raise InvalidValue(
            _("The format ${format} does not show the number.", mapping={"format": value})
        )
    return True


class ICounterSettings(Interface):
    """Definition of one counter, stored in the registry."""

    title = schema.TextLine(title=_("Title"), required=False, default="")
    format = schema.TextLine(
        title=_("Format"),
        description=_("For example E%04d or COL/{year}/{number:03d}."),
        default="%d",
        constraint=validate_format,
    )
    reset_yearly = schema.Bool(title=_("Restart at 1 every year"), required=False, default=False)


class CounterValue(Persistent):
    """The last number handed out by a counter, and the year it was taken."""

    def __init__(self):
        self.last = 0
        self.year = None


def _definitions():
    return getUtility(IRegistry).collectionOfInterface(ICounterSettings, prefix=REGISTRY_PREFIX)


def counter_names():
    return sorted(_definitions().keys())


def get_definition(name):
    definitions = _definitions()
    if not isinstance(name, str) or name not in definitions:
        raise CounterError(f"Unknown counter: {name}")
    return definitions[name]


def define(name, format, title="", reset_yearly=False):
    """Create or update a counter definition; bad names, formats, titles and
    yearly resets (a boolean) are refused."""
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise CounterError(f"Bad counter name: {name!r} (letters, digits, - and _)")
    try:
        validate_format(format)
    except InvalidValue as refused:
        message = translate(refused.args[0], context=getRequest()) if refused.args else ""
        raise CounterError(f"Bad counter format: {format!r:.80}. {message}".strip())
    if not isinstance(title or "", str) or len(title or "") > 200:
        raise CounterError("The title must be a text of at most 200 characters")
    if reset_yearly is None:  # a registry record never set
        reset_yearly = False
    if not isinstance(reset_yearly, bool):
        raise CounterError(f"reset_yearly must be true or false, not {reset_yearly!r:.80}")
    definitions = _definitions()
    settings = definitions[name] if name in definitions else definitions.add(name)
    settings.format = format
    settings.title = title or settings.title or name
    settings.reset_yearly = reset_yearly
    return settings


def next_reference(name, today=None):
    """Take the next number of the counter and return it formatted."""
    settings = get_definition(name)
    year = (today or date.today()).year
    number = _take(name, year, settings.reset_yearly)
    return render(settings.format, number, year)


def next_number(name, today=None):
    """Take the next number of the counter, unformatted."""
    settings = get_definition(name)
    return _take(name, (today or date.today()).year, settings.reset_yearly)


def peek(name, today=None):
    """The number the counter would hand out next, without taking it."""
    settings = get_definition(name)
    year = (today or date.today()).year
    value = _read(name)
    if value is None or (settings.reset_yearly and value[1] != year):
        return 1
    return value[0] + 1


def set_next(name, number, today=None):
    """Make ``number`` the next one handed out (e.g. when leaving an older system)."""
    get_definition(name)
    if type(number) is not int or not 1 <= number <= MAX_NUMBER:
        raise CounterError(
            f"The next number must be a positive integer up to {MAX_NUMBER}, not {number!r:.80}"
        )
    year = (today or date.today()).year

    def change(values):
        counter = _counter(values, _key(name))
        counter.last, counter.year = number - 1, year

    _in_own_transaction(change, _db())


def _key(name):
    return "/".join(api.portal.get().getPhysicalPath()) + ":" + name


def _counter(values, key):
    counter = values.get(key)
    if counter is None:
        counter = values[key] = CounterValue()
    return counter


def _take(name, year, reset_yearly):
    key = _key(name)
    taken, used = _numbers_of_this_request()
    if taken is None:
        return take_number(_db(), key, year, reset_yearly)
    numbers = taken.setdefault(key, [])
    index = used[key] = used.get(key, 0) + 1
    if index <= len(numbers):
        return numbers[index - 1]  # a retry of this request: the number it had
    number = take_number(_db(), key, year, reset_yearly)
    numbers.append(number)
    return number


RETRIED_NUMBERS = "iasolutions.counters.taken"


def _numbers_of_this_request():
    """The numbers this request took, by counter, kept across Zope's retries of it
    (a retry after a ConflictError is a new request on the same environ), and how
    many this attempt used: a retried request hands out the same numbers again
    instead of burning new ones (a gap in a register is an auditor's question)."""
    request = getRequest()
    environ = getattr(request, "_orig_env", None)
    if not isinstance(environ, dict):
        return None, None
    taken = environ.setdefault(RETRIED_NUMBERS, {})
    used = request.other.setdefault(RETRIED_NUMBERS, {})
    return taken, used


def take_number(db, key, year, reset_yearly=False):
    """Take the next number of the counter stored under ``key`` in the root of ``db``.

    Threads of one process take turns (a lock per counter), so they never
    conflict with each other; processes sharing the database (ZEO clients)
    still may, and the retry loop resolves that.
    """

    def increment(values):
        counter = _counter(values, key)
        if reset_yearly and counter.year != year:
            counter.last = 0
        counter.last += 1
        counter.year = year
        return counter.last

    with _lock_for(key):
        return _in_own_transaction(increment, db)


def _lock_for(key):
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def _db():
    return api.portal.get()._p_jar.db()


def _read(name):
    key = _key(name)

    def read(values):
        counter = values.get(key)
        return None if counter is None else (counter.last, counter.year)

    return _in_own_transaction(read, _db())


def _in_own_transaction(func, db):
    """Run ``func(values)`` in a transaction of its own, retrying on conflicts."""
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        for attempt in range(MAX_ATTEMPTS):
            manager.begin()
            try:
                root = connection.root()
                values = root.get(ROOT_KEY)
                if values is None:
                    values = root[ROOT_KEY] = OOBTree()
                result = func(values)
                manager.commit()
                return result
            except ConflictError:
                manager.abort()
                time.sleep(random.uniform(0, 0.002 * (attempt + 1)))
        raise CounterError("The counter is too busy, try again")
    finally:
        manager.abort()
        connection.close()
