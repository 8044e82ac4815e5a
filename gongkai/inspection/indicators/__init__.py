"""The indicators, one module per family; importing this package registers them all."""

from . import personal_data, wrong_wording  # noqa: F401
