import shutil
import tempfile
from pathlib import Path

import pytest

from .support import gongkai, site_env


@pytest.fixture(scope="session")
def migrated_site():
    """var/ of a migrated SQLite site with its static files collected, as after a deployment.

    It lives outside pytest's private (0700) temporary tree so that nginx's workers, running as
    www-data the way Debian runs them, can read var/static."""
    root = Path(tempfile.mkdtemp(prefix="gongkai-ops-"))
    root.chmod(0o755)
    var = root / "var"
    env = site_env(var)
    gongkai("migrate", "--noinput", "-v0", env=env)
    gongkai("collectstatic", "--noinput", "-v0", env=env)
    yield var
    shutil.rmtree(root, ignore_errors=True)
