"""Meeting dates over REST: the wall-clock time of the municipality.

plone.restapi turns a date into UTC and, when the stored value is naive (a meeting's
dates are: ``content/meeting.py``), drops the zone: ``10:00+01:00`` was stored as 09:00.
Here a date with an offset is converted to the site's time, and a date without one
is taken as the site's time, as the forms take it.
"""

import dateutil.parser
from iasolutions.delib.content.meeting import local_naive
from iasolutions.delib.interfaces import IMeeting
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema.interfaces import IDatetime


@implementer(IFieldDeserializer)
@adapter(IDatetime, IMeeting, IBrowserRequest)
class MeetingDateDeserializer:
    def __init__(self, field, context, request):
        self.field, self.context, self.request = field, context, request

    def __call__(self, value):
        if value is None:
            self.field.validate(value)
            return None
        if not isinstance(value, str):
            raise ValueError(f"Invalid date: {value!r}")
        try:
            parsed = dateutil.parser.isoparse(value)
        except (ValueError, OverflowError):
            raise ValueError(f"Invalid date: {value}")
        parsed = local_naive(parsed)
        self.field.validate(parsed)
        return parsed
