"""Document uploads in the admin: size, extension and detected type, in both upload views.

A refused file shows its reason to the editor and leaves nothing behind: no document row, no
file under MEDIA_ROOT, no pending upload.
"""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection, UploadedFile

from portal.security.uploads import SizeCappedUploadHandler
from research.models import ResearchDocument
from tests.worker import samples

ADD_URL = "wagtaildocs:add"
ADD_MULTIPLE_URL = "wagtaildocs:add_multiple"


@pytest.fixture
def administrator(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return user


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "documents"
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.fixture
def nothing_stored(db):
    """Asserts, after the test, that the upload added no row and no file."""
    files_before = stored_files()
    yield
    assert ResearchDocument.objects.count() == 0
    assert UploadedFile.objects.count() == 0
    assert stored_files() == files_before


def upload(client, name: str, content: bytes):
    """The single-document form, in French."""
    return client.post(
        reverse(ADD_URL),
        {
            "title": "Rapport",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )


def upload_multiple(client, name: str, content: bytes) -> dict:
    """The drag-and-drop uploader's request, in English."""
    response = client.post(
        reverse(ADD_MULTIPLE_URL),
        {"files[]": SimpleUploadedFile(name, content)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    return json.loads(response.content)


def file_errors(response) -> list[str]:
    return list(response.context["form"].errors["file"])


def a_pdf(tmp_path) -> bytes:
    return samples.pdf(tmp_path / "rapport.pdf", ["Analyse des interpellations"]).read_bytes()


def a_docx(tmp_path) -> bytes:
    return samples.docx_file(tmp_path / "rapport.docx").read_bytes()


# --- what is accepted --------------------------------------------------------------------------


def test_a_real_pdf_is_stored(client, administrator, tmp_path):
    response = upload(client, "rapport.pdf", a_pdf(tmp_path))
    assert response.status_code == 302
    document = ResearchDocument.objects.get()
    assert document.filename.startswith("rapport") and document.filename.endswith(".pdf")
    assert Path(document.file.path).read_bytes().startswith(b"%PDF-")


def test_markdown_and_word_files_are_accepted_by_the_multiple_uploader(
    client, administrator, tmp_path
):
    assert upload_multiple(client, "notes.md", "# Notes\n\nÉtude de cas.".encode())["success"]
    assert upload_multiple(client, "rapport.docx", a_docx(tmp_path))["success"]
    assert sorted(ResearchDocument.objects.values_list("title", flat=True)) == [
        "notes.md",
        "rapport.docx",
    ]


# --- what is refused, with the reason, and nothing stored --------------------------------------


@pytest.mark.usefixtures("nothing_stored")
def test_an_oversized_file_is_refused_with_its_size(client, administrator, settings, tmp_path):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload(client, "rapport.txt", b"x" * 5000)
    assert response.status_code == 200
    assert file_errors(response) == [
        "Ce fichier est trop gros (4,9\xa0Kio). La taille de fichier maximale est de 1,0\xa0Kio."
    ]


@pytest.mark.usefixtures("nothing_stored")
def test_the_multiple_uploader_refuses_an_oversized_file(client, administrator, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    answer = upload_multiple(client, "rapport.txt", b"x" * 5000)
    assert answer == {
        "success": False,
        "error_message": "This file is too big (4.9\xa0KB). Maximum filesize 1.0\xa0KB.",
    }


@pytest.mark.usefixtures("nothing_stored")
def test_past_the_cap_an_upload_is_only_counted_then_refused(client, administrator, settings):
    """The upload handler writes no more than FILE_UPLOAD_MAX_BYTES to disk, size kept."""
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 3 * 1024 * 1024
    settings.FILE_UPLOAD_MAX_BYTES = 3 * 1024 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # to the temporary-file handler
    response = upload(client, "rapport.txt", b"x" * (4 * 1024 * 1024))
    assert file_errors(response) == [
        "Ce fichier est trop gros (4,0\xa0Mio). La taille de fichier maximale est de 3,0\xa0Mio."
    ]


@pytest.mark.usefixtures("nothing_stored")
def test_an_unlisted_extension_is_refused(client, administrator):
    response = upload(client, "outil.exe", b"MZ\x90\x00\x03\x00\x00\x00")
    assert file_errors(response) == [
        "L'extension de fichier «\xa0exe\xa0» n\u2019est pas autorisée. Les extensions autorisées "
        "sont\xa0:  pdf, docx, pptx, xlsx, odt, html, htm, txt, md."
    ]


@pytest.mark.usefixtures("nothing_stored")
def test_a_program_renamed_pdf_is_refused_for_its_content(client, administrator):
    response = upload(client, "rapport.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" * 50)
    assert file_errors(response) == [
        "Le contenu de ce fichier n'est pas un document que Passerelle peut lire (PDF, "
        "Word (DOCX), PowerPoint (PPTX), Excel (XLSX), OpenDocument (ODT), HTML, "
        "texte / Markdown), quel que soit son nom."
    ]


@pytest.mark.usefixtures("nothing_stored")
def test_an_image_named_txt_is_refused_by_the_multiple_uploader(client, administrator):
    image = io.BytesIO()
    samples.Image.new("RGB", (8, 8), "white").save(image, "PNG")
    answer = upload_multiple(client, "notes.txt", image.getvalue())
    assert answer == {
        "success": False,
        "error_message": "This file's content is not a document Passerelle can read (PDF, "
        "Word (DOCX), PowerPoint (PPTX), Excel (XLSX), OpenDocument (ODT), HTML, "
        "text / Markdown), whatever its name says.",
    }


@pytest.mark.usefixtures("nothing_stored")
def test_a_word_file_named_pdf_is_refused(client, administrator, tmp_path):
    response = upload(client, "rapport.pdf", a_docx(tmp_path))
    assert file_errors(response) == [
        "Le contenu de ce fichier est Word (DOCX), ce que son extension .pdf ne dit pas."
    ]


# --- request shapes ----------------------------------------------------------------------------


def test_a_thousand_part_upload_is_refused_at_once(client, administrator):
    files = {f"file{number}": SimpleUploadedFile(f"{number}.txt", b"x") for number in range(1000)}
    response = client.post(reverse(ADD_MULTIPLE_URL), files)
    assert response.status_code == 400
    assert ResearchDocument.objects.count() == 0


def test_a_thousand_part_sign_in_is_refused_at_once(client, db):
    files = {f"file{number}": SimpleUploadedFile(f"{number}.txt", b"x") for number in range(1000)}
    response = client.post("/fr/connexion/", {"username": "a", "password": "b", **files})
    assert response.status_code == 400


def test_too_many_fields_are_refused(client, db):
    fields = {f"field{number}": "x" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert client.post("/fr/connexion/", fields).status_code == 400


def test_the_upload_handler_keeps_the_size_but_not_the_content_past_the_cap(settings):
    settings.FILE_UPLOAD_MAX_BYTES = 100
    chunks = [b"a" * 64, b"b" * 64, b"c" * 64]

    def receive(total_chunks):
        handler = SizeCappedUploadHandler()
        handler.new_file("file", "rapport.txt", "text/plain", None)
        start = 0
        for chunk in total_chunks:
            handler.receive_data_chunk(chunk, start)
            start += len(chunk)
        return handler.file_complete(start)

    small = receive(chunks[:1])
    assert (small.size, small.read()) == (64, b"a" * 64)
    large = receive(chunks)
    assert large.size == 192  # what the form compares with the maximum
    assert large.read() == b""  # nothing past the cap was kept on disk
    assert Path(large.temporary_file_path()).stat().st_size == 0


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_an_editor_uploads_a_document_and_may_choose_it(client, db, tmp_path, group):
    """Wagtail's groups get on research documents what they have on Wagtail's documents."""
    from django.contrib.auth.models import Group

    editor = get_user_model().objects.create_user("analyste", password="x")
    editor.groups.add(Group.objects.get(name=group))
    client.force_login(editor)

    response = upload(client, "rapport.pdf", a_pdf(tmp_path))

    assert response.status_code == 302, response.content.decode()[:2000]
    document = ResearchDocument.objects.get()
    assert document.uploaded_by_user == editor
    chooser = client.get(reverse("wagtaildocs_chooser:choose"))
    assert chooser.status_code == 200
    assert "Rapport" in chooser.content.decode()


def test_a_signed_in_member_without_a_group_cannot_upload(client, db, nothing_stored, tmp_path):
    member = get_user_model().objects.create_user("membre", password="x")
    client.force_login(member)

    response = upload(client, "rapport.pdf", a_pdf(tmp_path))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
