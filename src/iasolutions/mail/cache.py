"""Values computed once per request (vocabularies, listings and guards ask
for the same services, group members and names many times in one page).

Group membership changes clear the membership entries (see ``subscribers``).
"""

from zope.globalrequest import getRequest


PREFIX = "iasolutions.mail.cache."


def cached(name, key, compute):
    """``compute()``, remembered for this request under ``name`` and ``key``."""
    request = getRequest()
    if request is None:
        return compute()
    store = request.other.setdefault(PREFIX + name, {})
    if key not in store:
        store[key] = compute()
    return store[key]


def clear(*names):
    request = getRequest()
    if request is None:
        return
    for name in names:
        request.other.pop(PREFIX + name, None)
