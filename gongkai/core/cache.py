"""The shared disk cache (``GONGKAI_CACHE_URL=disk:…``, the default): diskcache's Django backend,
its connections kept open between requests.

Django closes every cache when a request finishes (for backends whose connections must not
outlive one); diskcache's close shuts its SQLite connections, so each request then opened them
again: 0.6 ms of a page that takes a few. diskcache keeps one connection per thread and opens a
new one in a forked process (it checks the process id), so keeping them is safe.
"""

from __future__ import annotations

from diskcache import DjangoCache


class DiskCache(DjangoCache):
    def close(self, **kwargs):
        """Keep the connections for the next request (see the module's docstring)."""
