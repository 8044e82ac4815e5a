"""The indicators, one module per family; importing this package registers them all.

The duties' workbench provider registers here too, since apps.py ``ready`` imports only this
package.
"""

from ..duties import workbench  # noqa: F401
from . import duties  # noqa: F401
