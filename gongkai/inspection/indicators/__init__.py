"""The indicators, one module per family; importing this package registers them all."""

from . import duties, links, personal_data, site, wrong_wording  # noqa: F401
