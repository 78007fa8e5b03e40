"""Run functions at the same moment in threads, each with its own database connection (PostgreSQL tests)."""

import threading


def run_parallel(jobs, timeout: float = 60) -> list:
    """Start every job at once (a barrier); return each result or the exception it raised."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        from django.db import connection

        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:  # noqa: BLE001 — the test inspects it
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    return results
