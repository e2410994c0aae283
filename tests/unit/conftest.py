"""Hypothesis for the property tests: as many examples as each test asks, no time limit.

Hypothesis fails an example that takes longer than its deadline (200 ms), which measures the
machine's load more than the code: with two test workers and a headless browser sharing two
cores, a lookup of a time zone can take that long. A slow rule still shows in the suite's time.
"""

from hypothesis import settings

settings.register_profile("habitloop", deadline=None)
settings.load_profile("habitloop")
