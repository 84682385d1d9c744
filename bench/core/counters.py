"""Reference counters under concurrent writers, on a real FileStorage.

Each writer is a thread with its own ZODB connections taking numbers from one
counter, as concurrent requests do. Prints numbers per second, the retries
(conflicts resolved inside the counter) and checks that no number was handed
out twice.
"""

import argparse
from iasolutions.core import counters
import tempfile
import threading
import time
from ZODB import DB
from ZODB.FileStorage import FileStorage


def run(writers, numbers):
    folder = tempfile.mkdtemp(prefix="bench-counters-")
    db = DB(FileStorage(f"{folder}/Data.fs"))
    taken, conflicts = [], [0]
    original_sleep = counters.time.sleep

    def counting_sleep(seconds):  # the retry loop sleeps once per conflict
        conflicts[0] += 1
        original_sleep(seconds)

    counters.time.sleep = counting_sleep
    barrier = threading.Barrier(writers)

    def writer():
        barrier.wait()
        mine = [counters.take_number(db, "/bench:counter", 2026) for _ in range(numbers)]
        taken.extend(mine)

    threads = [threading.Thread(target=writer) for _ in range(writers)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    counters.time.sleep = original_sleep
    db.close()
    total = writers * numbers
    assert sorted(taken) == list(range(1, total + 1)), "a number was handed out twice"
    print(
        f"{writers} writers x {numbers} numbers: {total} unique numbers in {elapsed:.1f} s "
        f"({total / elapsed:.0f}/s), {conflicts[0]} conflicts retried, no ConflictError raised"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--numbers", type=int, default=1000)
    args = parser.parse_args()
    for writers in sorted({1, args.writers}):
        run(writers, args.numbers)
