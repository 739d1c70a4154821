"""Uploads must be what their format claims: checked on the distribution's file field."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from opendata.catalogue.models import Dataset, Distribution
from opendata.catalogue.uploads import check_upload

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def _check(name: str, content: bytes, file_format: str) -> str | None:
    return check_upload(SimpleUploadedFile(name, content), file_format)


@pytest.mark.parametrize(
    ("name", "content", "file_format"),
    [
        ("daten.csv", "a;b\nä;ö\n".encode(), "CSV"),
        ("daten.csv", "\ufeffa,b\n1,2\n".encode(), "CSV"),
        ("daten.json", b'{"a": [1, 2]}', "JSON"),
        (
            "orte.geojson",
            json.dumps({"type": "FeatureCollection", "features": []}).encode(),
            "GEOJSON",
        ),
        ("bericht.pdf", b"%PDF-1.7\n...", "PDF"),
        ("tabelle.xlsx", _zip(["[Content_Types].xml", "xl/workbook.xml"]), "XLSX"),
    ],
)
def test_genuine_files_pass(name, content, file_format):
    assert _check(name, content, file_format) is None


@pytest.mark.parametrize(
    ("name", "content", "file_format", "expected"),
    [
        ("bild.csv", PNG, "CSV", "looks like PNG, not CSV"),
        ("daten.csv", "a,b\nJürgen,1\n".encode("cp1252"), "CSV", "line 2 (byte offset 5)"),
        ("daten.csv", b"a,b\n1,\x00\n", "CSV", "NUL byte in line 2"),
        ("daten.csv", b"", "CSV", "empty"),
        ("daten.json", b'{"a": [1, 2}', "JSON", "not valid JSON"),
        ("orte.geojson", b'{"type": "Punkt"}', "GEOJSON", "not GeoJSON"),
        ("orte.geojson", b"[1, 2]", "GEOJSON", "not GeoJSON"),
        ("orte.geojson", b'{"type": "FeatureCollection"}', "GEOJSON", "features"),
        ("bericht.pdf", b"<html>", "PDF", "not PDF"),
        ("tabelle.xlsx", b"%PDF-1.4", "XLSX", "looks like PDF"),
        ("tabelle.xlsx", _zip(["readme.txt"]), "XLSX", "not an Excel workbook"),
        ("bericht.pdf", b"%PDF-1.4", "CSV", "ends in “.pdf” but the format is CSV"),
    ],
)
def test_mislabelled_files_are_named(name, content, file_format, expected):
    problem = _check(name, content, file_format)
    assert problem is not None
    assert expected in problem


def test_the_check_leaves_the_file_position_alone():
    upload = SimpleUploadedFile("daten.csv", b"a,b\n1,2\n")
    upload.read(3)
    check_upload(upload, "CSV")
    assert upload.tell() == 3


def test_distribution_clean_puts_the_error_on_the_file_field(demo_city):
    dataset = Dataset.objects.published().first()
    distribution = Distribution(
        dataset=dataset, title="Bild", format="CSV", licence="dl-zero-de/2.0"
    )
    distribution.file = SimpleUploadedFile("bild.csv", PNG)
    with pytest.raises(ValidationError) as excinfo:
        distribution.full_clean()
    assert "looks like PNG" in excinfo.value.message_dict["file"][0]
    distribution.file = SimpleUploadedFile("daten.csv", b"a,b\n1,2\n")
    distribution.full_clean()  # no error
