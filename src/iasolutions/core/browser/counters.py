from datetime import date
from iasolutions.core import _
from iasolutions.core import counters
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


class CountersControlPanel(BrowserView):
    """Reference counters: their format and next number, which an administrator can set."""

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.handle_form()
        return self.index()

    def handle_form(self):
        form = self.request.form
        name = (form.get("name") or "").strip()
        try:
            if form.get("form.define"):
                counters.define(
                    name,
                    (form.get("format") or "").strip(),
                    title=(form.get("title") or "").strip(),
                    reset_yearly=bool(form.get("reset_yearly")),
                )
                message = _("Counter ${name} saved.", mapping={"name": name})
            elif form.get("form.set_next"):
                counters.set_next(name, _positive_int(form.get("next")))
                message = _(
                    "Counter ${name} will hand out ${next} next.",
                    mapping={"name": name, "next": form.get("next")},
                )
            else:
                return
        except counters.CounterError as error:
            api.portal.show_message(str(error), self.request, type="error")
            return
        api.portal.show_message(message, self.request)

    def rows(self):
        for name in counters.counter_names():
            settings = counters.get_definition(name)
            following = counters.peek(name)
            yield {
                "name": name,
                "title": settings.title,
                "format": settings.format,
                "reset_yearly": settings.reset_yearly,
                "next": following,
                "example": counters.render(settings.format, following, _year()),
            }


def _positive_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise counters.CounterError(f"The next number must be a positive integer, not {value!r}")


def _year():
    return date.today().year
