"""Uploads land atomically: a file reaches its final name only when the row naming it commits, and
`gongkai files check` finds the leftovers of uploads that did not (and rows whose file is gone)."""

import io
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from gongkai.core.files import file_fields
from gongkai.core.storage import PART_SUFFIX, AtomicFileSystemStorage
from gongkai.publishing import services
from gongkai.publishing.models import Attachment

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
AN_HOUR_AGO = time.time() - 3601


class Rollback(Exception):
    pass


def files_check(*args) -> tuple[int, str]:
    """Run `gongkai files check`: (exit code, stdout and stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("files", "check", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


def on_disk() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def media(tmp_path, settings):
    """An empty MEDIA_ROOT of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def draft(transport, xiaoli, media):
    services.catalogue_apply_template(agency=transport)
    return services.item_create(
        agency=transport,
        by=xiaoli,
        data={
            "title": "关于农村公路养护的通知",
            "entry": transport.catalogue.exclude(parent=None).first(),
            "body": "各乡镇：请做好养护。",
            "doc_number": "",
            "formed_date": None,
            "written_date": None,
            "disclosure": "active",
            "withhold_ground": "",
            "withhold_explanation": "",
            "topic": "industry_transport",
        },
    )


def attach(item, by):
    return services.attachment_add(item=item, by=by, upload=services.Upload("通知.pdf", PDF))


def test_the_default_storage_is_the_atomic_one():
    from gongkai import settings as project_settings

    backend = "gongkai.core.storage.AtomicFileSystemStorage"
    assert project_settings.STORAGES["default"]["BACKEND"] == backend
    assert isinstance(storages["default"], AtomicFileSystemStorage)


@pytest.mark.django_db
def test_a_rolled_back_upload_leaves_no_file_at_its_final_name(draft, xiaoli, media):
    with pytest.raises(Rollback), transaction.atomic():
        name = attach(draft, xiaoli).file.name
        raise Rollback
    assert not Attachment.objects.exists()
    assert not (media / name).exists()
    leftover = media / (name + PART_SUFFIX)
    assert leftover.exists()

    # A fresh leftover may be an upload in progress: listed as recent, not removed.
    code, out = files_check("--delete")
    assert code == 0 and leftover.exists() and "较新的无引用文件" in out
    os.utime(leftover, (AN_HOUR_AGO, AN_HOUR_AGO))
    code, out = files_check()
    assert code == 0 and f"孤立文件：{name}{PART_SUFFIX}" in out and leftover.exists()
    code, out = files_check("--delete")
    assert code == 0 and f"已删除孤立文件：{name}{PART_SUFFIX}" in out
    assert not leftover.exists()


@pytest.mark.django_db
def test_inside_its_transaction_the_upload_is_read_back_from_its_temporary_file(draft, xiaoli):
    with transaction.atomic():
        attachment = attach(draft, xiaoli)
        name = attachment.file.name
        assert name.endswith(".pdf") and not name.endswith(PART_SUFFIX)
        assert default_storage.path(name).endswith(PART_SUFFIX)
        assert default_storage.exists(name) and default_storage.size(name) == len(PDF)
        with Attachment.objects.get(pk=attachment.pk).file.open("rb") as f:
            assert f.read() == PDF


@pytest.mark.django_db
def test_a_committed_upload_is_at_its_final_name(
    draft, xiaoli, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attachment = attach(draft, xiaoli)
    final = media / attachment.file.name
    assert final.read_bytes() == PDF
    assert on_disk() == {attachment.file.name}
    assert default_storage.path(attachment.file.name) == str(final)
    assert files_check() == (0, "核对完成：文件缺失 0 个，未移入 0 个，孤立文件 0 个。\n")


@pytest.mark.django_db(transaction=True)
def test_without_a_transaction_the_file_is_moved_at_once(media, audit_triggers_allow_flush):
    name = default_storage.save("notes/a.txt", ContentFile(b"x"))
    assert (media / name).read_bytes() == b"x"
    assert not (media / (name + PART_SUFFIX)).exists()


@pytest.mark.django_db
def test_two_pending_uploads_never_share_a_name(media):
    with transaction.atomic():
        first = default_storage.save("notes/a.txt", ContentFile(b"1"))
        second = default_storage.save("notes/a.txt", ContentFile(b"2"))
    assert first != second


@pytest.mark.django_db
def test_a_delete_waits_for_the_commit(draft, xiaoli, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        attachment = attach(draft, xiaoli)
    final, pk = media / attachment.file.name, attachment.pk
    with pytest.raises(Rollback), transaction.atomic():
        services.attachment_remove(attachment=attachment, by=xiaoli)
        raise Rollback
    assert final.exists() and Attachment.objects.filter(pk=pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_remove(attachment=Attachment.objects.get(pk=pk), by=xiaoli)
    assert not final.exists()


@pytest.mark.django_db
def test_a_missing_file_is_reported(draft, xiaoli, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        attachment = attach(draft, xiaoli)
    (media / attachment.file.name).unlink()
    code, out = files_check()
    assert code == 1
    assert f"文件缺失：publishing.attachment.file#{attachment.pk} → {attachment.file.name}" in out


@pytest.mark.django_db
def test_a_committed_row_whose_file_was_never_moved_is_reported_and_kept(draft, xiaoli, media):
    """The process died between the commit and the rename: the .part file is the only copy."""
    attachment = attach(draft, xiaoli)  # the test's transaction never commits: like that crash
    part = media / (attachment.file.name + PART_SUFFIX)
    os.utime(part, (AN_HOUR_AGO, AN_HOUR_AGO))
    code, out = files_check("--delete")
    assert code == 1 and "文件仍在临时名下" in out
    assert part.exists()


@pytest.mark.django_db
def test_an_old_file_no_row_names_is_an_orphan(media):
    stray = media / "attachments" / "2020" / "01" / "stray.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(PDF)
    os.utime(stray, (AN_HOUR_AGO, AN_HOUR_AGO))
    code, out = files_check()
    assert code == 0 and "孤立文件：attachments/2020/01/stray.pdf" in out
    files_check("--delete")
    assert not stray.exists()


def test_the_check_knows_every_file_field():
    fields = {f"{model._meta.label_lower}.{field.name}" for model, field in file_fields()}
    assert fields >= {
        "publishing.attachment.file",
        "applications.letter.docx",
        "applications.letter.pdf",
        "applications.answerfile.file",
        "workplans.progressreport.attachment",
        "interaction.proposal.answer_document",
    }


@pytest.mark.django_db
def test_an_upload_through_the_page_still_works(draft, xiaoli, media):
    client = Client()
    client.force_login(xiaoli)
    upload = io.BytesIO(PDF)
    upload.name = "通知.pdf"
    response = client.post(
        f"/staff/publishing/items/{draft.pk}/attachments/", {"file": upload}, follow=True
    )
    assert "已上传附件“通知.pdf”" in response.text
    attachment = draft.attachments.get()
    download = client.get(f"/staff/publishing/attachments/{attachment.pk}/")
    assert b"".join(download.streaming_content) == PDF
