"""The indicators, one module per family; importing this package registers them all."""

from . import links, site  # noqa: F401
