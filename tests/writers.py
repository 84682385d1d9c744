"""REST writers over real HTTP, shared by the concurrency and fault tests and by
``bench/ops/load.py``: each writer is a thread with its own HTTP session,
creating incoming mails (or plain Documents) as an agent's scanner would."""

from dataclasses import dataclass
import random
import requests
import threading
import time


WORDS = [
    "demande",
    "permis",
    "urbanisme",
    "voirie",
    "travaux",
    "subside",
    "asbl",
    "école",
    "piscine",
    "marché",
    "plainte",
    "bruit",
    "stationnement",
    "éclairage",
    "égouttage",
    "trottoir",
    "arbre",
    "abattage",
    "occupation",
    "domaine",
    "public",
    "événement",
    "festival",
    "salle",
    "location",
    "mariage",
    "naissance",
    "décès",
    "domicile",
    "changement",
    "adresse",
    "composition",
    "ménage",
    "certificat",
    "taxe",
    "redevance",
    "facture",
    "rappel",
    "recours",
    "réclamation",
    "avis",
    "enquête",
    "publique",
    "collège",
    "conseil",
    "délibération",
    "budget",
    "compte",
    "cahier",
    "charges",
]


def session(user="admin", password="admin"):
    made = requests.Session()
    made.auth = (user, password)
    made.headers.update({"Accept": "application/json", "Content-Type": "application/json"})
    return made


def service_uids(base):
    found = session().get(f"{base}/@services").json()["items"]
    return [service["UID"] for service in found if service.get("UID")]


def a_sender(base):
    """A contact to send the mails (the municipality's own organisation will do)."""
    found = session().get(
        f"{base}/@search",
        params={"portal_type": "organization", "b_size": 1, "metadata_fields": "UID"},
    )
    return found.json()["items"][0]["UID"]


def a_title(rng):
    """A title as agents write them: a few common words and a reference of the sender."""
    words = rng.sample(WORDS, 4)
    return f"{' '.join(words).capitalize()} réf. {rng.randrange(10**6):06d}"


@dataclass
class Result:
    status: int  # 0: no answer (connection refused or cut)
    seconds: float
    url: str = ""  # the @id of what a 201 created


class Writers:
    """``count`` threads writing to ``bases`` (site URLs, one per Zope client, taken in
    turn) until ``stop()`` or for ``seconds``; ``results`` holds every request."""

    def __init__(self, bases, count, kind="mail", services=(), sender=None, seed=1):
        self.bases, self.count, self.kind = list(bases), count, kind
        self.services, self.sender, self.seed = list(services), sender, seed
        self.results, self._stop = [], threading.Event()
        self._threads = [threading.Thread(target=self._write, args=(n,)) for n in range(count)]

    def body(self, rng, number):
        title = a_title(rng)
        if self.kind == "mail":
            return "incoming-mail", {
                "@type": "dmsincomingmail",
                "title": title,
                "mail_type": "courrier",
                "treating_groups": self.services[number % len(self.services)],
                "sender": [self.sender],
            }
        return "", {"@type": "Document", "title": title}

    def _write(self, number):
        rng = random.Random(self.seed * 7919 + number)
        http, base = session(), self.bases[number % len(self.bases)]
        sent = 0
        while not self._stop.is_set():
            sent += 1
            folder, body = self.body(rng, number + sent)
            started = time.monotonic()
            try:
                answer = http.post(f"{base}/{folder}".rstrip("/"), json=body, timeout=120)
            except requests.RequestException:
                self.results.append(Result(0, time.monotonic() - started))
                time.sleep(0.2)
                continue
            url = answer.json().get("@id", "") if answer.status_code == 201 else ""
            self.results.append(Result(answer.status_code, time.monotonic() - started, url))
            if 400 <= answer.status_code < 500:
                raise AssertionError(f"refused ({answer.status_code}): {answer.text[:300]}")

    def start(self):
        for thread in self._threads:
            thread.start()
        return self

    def stop(self):
        self._stop.set()
        for thread in self._threads:
            thread.join()
        return self.results

    def run(self, seconds):
        self.start()
        time.sleep(seconds)
        return self.stop()

    def created(self):
        return [result.url for result in self.results if result.status == 201]

    def statuses(self, low, high):
        return [result for result in self.results if low <= result.status < high]
