"""The production settings, as the benchmark's servers run them.

    DJANGO_SETTINGS_MODULE=bench.settings (run.py sets it)

Everything is production's except what the benchmark must change because
every wrk request comes from one address on one machine:

- the insights beacon's per-client limit (`INSIGHTS_RATE_LIMIT`, read by
  insights.counting.rate_limited; 300 beacons in 600 s by default) is raised,
  so the beacon row measures counting and not the refusal (which answers the
  same 204);
- the beacon's counts go under a Redis key prefix of the benchmark's own
  (`INSIGHTS_KEY_PREFIX`), which run.py reads to check every beacon was
  counted, and deletes when done.

The inquiry forms' limit has its own variable (INQUIRY_RATE_LIMIT_POSTS),
which run.py sets in the environment.
"""

from evoke_site.settings.production import *  # noqa: F403

INSIGHTS_RATE_LIMIT = (1_000_000_000, 600)
# As run.py's BEACON_KEY_PREFIX.
INSIGHTS_KEY_PREFIX = "evoke-bench:insights:"
