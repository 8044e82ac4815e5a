"""Uploads land whole, and only together with the row that refers to them.

A new file is written under a temporary name beside its final one (``<name>.part``) and renamed
into place (``os.replace``, atomic within a file system) when the database transaction commits. An
interrupted upload or a rolled-back transaction leaves at most a ``.part`` file, never a file at a
name that looks real; ``gongkai files check --delete`` removes such leftovers. Deletes wait for the
commit too, so a rolled-back delete keeps the file its row still names.
"""

import logging
import os

from django.core.files import locks
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils._os import safe_makedirs
from django.utils.deconstruct import deconstructible

logger = logging.getLogger(__name__)

#: Suffix of a file written in a transaction that has not committed (or never will).
PART_SUFFIX = ".part"


@deconstructible(path="gongkai.core.storage.AtomicFileSystemStorage")
class AtomicFileSystemStorage(FileSystemStorage):
    """FileSystemStorage whose new files appear at their final name on commit only."""

    def final_path(self, name: str) -> str:
        """Where the file lives once its transaction has committed."""
        return super().path(name)

    def path(self, name: str) -> str:
        """The final path; while the file's transaction is open (or if the rename after commit
        never happened), its temporary file, so the same transaction can read what it wrote."""
        final = self.final_path(name)
        if not os.path.lexists(final) and os.path.lexists(final + PART_SUFFIX):
            return final + PART_SUFFIX
        return final

    def exists(self, name: str) -> bool:
        # A pending file reserves its final name: no other upload may take it meanwhile.
        final = self.final_path(name)
        return os.path.lexists(final) or os.path.lexists(final + PART_SUFFIX)

    def _save(self, name, content):
        final = self.final_path(name)
        directory = os.path.dirname(final)
        try:
            if self.directory_permissions_mode is not None:
                safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
            else:
                os.makedirs(directory, exist_ok=True)
        except FileExistsError:
            raise FileExistsError(f"{directory} exists and is not a directory.") from None

        # Claim "<final>.part" with O_EXCL; a name taken meanwhile (final or pending) means
        # another one, as FileSystemStorage does for its own race.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        while True:
            part = final + PART_SUFFIX
            try:
                fd = os.open(part, flags, self.file_permissions_mode or 0o666)
            except FileExistsError:
                fd = None
            else:
                if not os.path.lexists(final):
                    break
                os.close(fd)
                os.remove(part)
            name = self.get_available_name(name)
            final = self.final_path(name)

        _file = None
        try:
            locks.lock(fd, locks.LOCK_EX)
            for chunk in content.chunks():
                if _file is None:
                    _file = os.fdopen(fd, "wb" if isinstance(chunk, bytes) else "wt")
                _file.write(chunk)
            if _file is not None:
                _file.flush()
            os.fsync(fd)  # the data is on disk before the row that names it commits
        except BaseException:
            os.remove(part)
            raise
        finally:
            locks.unlock(fd)
            if _file is not None:
                _file.close()
            else:
                os.close(fd)

        if self.file_permissions_mode is not None:
            os.chmod(part, self.file_permissions_mode)
        self._ensure_location_group_id(part)
        # Runs at once when no transaction is open (autocommit).
        transaction.on_commit(lambda: self._move_into_place(part, final))
        return os.path.relpath(final, self.location).replace("\\", "/")

    @staticmethod
    def _move_into_place(part: str, final: str) -> None:
        try:
            os.replace(part, final)
        except FileNotFoundError:
            # Read through path() it still works if only the rename failed; files check reports it.
            logger.error("upload vanished before it was moved into place", extra={"path": final})

    def delete(self, name):
        if not name:
            raise ValueError("The name must be given to delete().")
        transaction.on_commit(lambda: super(AtomicFileSystemStorage, self).delete(name))
