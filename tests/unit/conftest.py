"""Property tests run on a shared, busy machine: a slow example is not a wrong one."""

from hypothesis import settings

settings.register_profile("habitloop", deadline=None)
settings.load_profile("habitloop")
