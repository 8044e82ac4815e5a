"""Files holding personal data are readable by the app's own user alone (等保2.0: 数据保密性).

Uploads get 0600 through FILE_UPLOAD_PERMISSIONS; the SQLite database is created by SQLite with the
umask's mode (usually 0644), so it is narrowed here whenever a connection opens.
"""

import os
import stat

PRIVATE_FILE = 0o600


def narrow_file(path: str) -> bool:
    """chmod ``path`` to 0600 if it exists, belongs to this process's user and is open to anyone
    else; True when it was changed. Someone else's file is left alone (it is not ours to change)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False
    if info.st_uid != os.geteuid() or not stat.S_IMODE(info.st_mode) & ~PRIVATE_FILE:
        return False
    os.chmod(path, PRIVATE_FILE)
    return True


def narrow_sqlite_files(sender, connection, **kwargs) -> None:
    """connection_created: the SQLite database file and its -wal/-shm files become 0600."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return
    name = str(connection.settings_dict["NAME"])
    for path in (name, f"{name}-wal", f"{name}-shm"):
        narrow_file(path)
