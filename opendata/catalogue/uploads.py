"""Checks that an uploaded file is what its format and file name claim to be.

`check_upload` is called from `Distribution.clean()` for new uploads, so that staff see the
problem on the file field instead of publishing a PNG as CSV. The text scan is shared with
the data store's CSV loader (`scan_text`), so both report broken encodings the same way.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.utils.translation import gettext as _

CHUNK = 1024 * 1024
JSON_MAX_BYTES = 200 * 1024 * 1024

# Leading bytes of common file types, to tell staff what a mislabelled file really is.
SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x1f\x8b", "GZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "XLS/DOC (OLE2)"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7Z"),
]

EXTENSIONS = {
    "CSV": {".csv", ".txt", ".tsv"},
    "GEOJSON": {".geojson", ".json"},
    "JSON": {".json"},
    "PDF": {".pdf"},
    "XLSX": {".xlsx"},
    "ZIP": {".zip"},
}
KNOWN_EXTENSIONS = set().union(*EXTENSIONS.values())

GEOJSON_TYPES = {
    "FeatureCollection",
    "Feature",
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}


@dataclass(frozen=True)
class TextScan:
    """One pass over a file: its checksum and where (if anywhere) it stops being UTF-8 text."""

    sha256: str
    size: int
    bad_utf8: tuple[int, int] | None = None  # (line, byte offset) of the first bad byte
    nul: tuple[int, int] | None = None  # (line, byte offset) of the first NUL byte


def scan_text(stream: IO[bytes]) -> TextScan:
    """Hash a binary stream and find the first byte that is not UTF-8 and the first NUL."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0  # bytes before the current chunk
    line = 1  # line at the start of the current chunk
    bad_utf8 = nul = None
    while True:
        chunk = stream.read(CHUNK)
        digest.update(chunk)
        if nul is None and b"\x00" in chunk:
            index = chunk.index(b"\x00")
            nul = (line + chunk.count(b"\n", 0, index), offset + index)
        if bad_utf8 is None:
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                # exc.object is the decoder's pending bytes of the last chunk plus this one.
                pending = len(exc.object) - len(chunk)
                index = max(exc.start - pending, 0)
                bad_utf8 = (line + chunk.count(b"\n", 0, index), offset + exc.start - pending)
        if not chunk:
            break
        line += chunk.count(b"\n")
        offset += len(chunk)
    return TextScan(sha256=digest.hexdigest(), size=offset, bad_utf8=bad_utf8, nul=nul)


def utf8_error_message(line: int, byte: int) -> str:
    return _(
        "The file is not valid UTF-8 text: decoding failed in line %(line)s "
        "(byte offset %(byte)s). Please save it as UTF-8 (for example “CSV UTF-8” in your "
        "spreadsheet program) and upload it again."
    ) % {"line": line, "byte": byte}


def nul_error_message(line: int, byte: int) -> str:
    return _(
        "The file contains a NUL byte in line %(line)s (byte offset %(byte)s); "
        "it looks like a binary file, not text."
    ) % {"line": line, "byte": byte}


def _sniff_type(head: bytes) -> str | None:
    for signature, name in SIGNATURES:
        if head.startswith(signature):
            return name
    return None


def _looks_like(kind: str, claimed: str) -> str:
    return _("This file looks like %(kind)s, not %(format)s.") % {
        "kind": kind,
        "format": claimed,
    }


def _check_text(stream: IO[bytes], claimed: str) -> str | None:
    scan = scan_text(stream)
    if scan.bad_utf8:
        return utf8_error_message(*scan.bad_utf8)
    if scan.nul:
        return nul_error_message(*scan.nul)
    if scan.size == 0:
        return _("The file is empty.")
    return None


def _check_json(stream: IO[bytes], claimed: str) -> str | None:
    text_error = _check_text(stream, claimed)
    if text_error:
        return text_error
    stream.seek(0)
    data = stream.read(JSON_MAX_BYTES + 1)
    if len(data) > JSON_MAX_BYTES:
        return None  # too large to parse while a form waits; the encoding was checked
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except ValueError as exc:
        return _("The file is not valid JSON: %(error)s") % {"error": exc}
    if claimed == "GEOJSON":
        kind = document.get("type") if isinstance(document, dict) else None
        if kind not in GEOJSON_TYPES:
            return _(
                "The file is JSON but not GeoJSON: the top-level “type” must be one of %(types)s."
            ) % {"types": ", ".join(sorted(GEOJSON_TYPES))}
        if kind == "FeatureCollection" and not isinstance(document.get("features"), list):
            return _("A GeoJSON FeatureCollection needs a “features” list.")
    return None


def _check_zip(stream: IO[bytes], claimed: str) -> str | None:
    head = stream.read(8)
    if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _looks_like(_sniff_type(head) or _("something else"), claimed)
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return _("The file is a damaged ZIP archive.")
    if claimed == "XLSX" and "xl/workbook.xml" not in names:
        return _("The file is a ZIP archive but not an Excel workbook (XLSX).")
    return None


def _check_pdf(stream: IO[bytes], claimed: str) -> str | None:
    head = stream.read(1024)
    if b"%PDF-" not in head:
        return _looks_like(_sniff_type(head) or _("something else"), claimed)
    return None


CHECKS = {
    "CSV": _check_text,
    "JSON": _check_json,
    "GEOJSON": _check_json,
    "PDF": _check_pdf,
    "XLSX": _check_zip,
    "ZIP": _check_zip,
}


def _check_extension(extension: str, claimed: str) -> str | None:
    """Only the file name endings of the format: uploads are served, and named, by them."""
    expected = EXTENSIONS.get(claimed)
    if not expected:
        return _("Files in the format %(format)s cannot be uploaded; give the address instead.") % {
            "format": claimed or "?"
        }
    if extension in expected:
        return None
    allowed = ", ".join(sorted(expected))
    if extension in KNOWN_EXTENSIONS:
        return _(
            "The file name ends in “%(extension)s” but the format is %(format)s "
            "(expected: %(expected)s)."
        ) % {"extension": extension, "format": claimed, "expected": allowed}
    if not extension:
        return _(
            "The file name has no extension; a %(format)s file must end in one of %(expected)s."
        ) % {"format": claimed, "expected": allowed}
    return _(
        "Files ending in “%(extension)s” are not accepted for the format %(format)s; "
        "the file name must end in one of %(expected)s."
    ) % {"extension": extension, "format": claimed, "expected": allowed}


def check_upload(file: IO[bytes], format: str) -> str | None:
    """The reason why `file` is not a `format` file, or None when it is (or cannot be told).

    The file name must end in one of the format's extensions (EXTENSIONS); then its content
    is checked where the format has a check (CHECKS).

    `file` is a Django File (an upload) or any binary file object; its position is restored.
    """
    claimed = (format or "").upper()
    name = getattr(file, "name", "") or ""
    extension = PurePath(name).suffix.lower()
    problem = _check_extension(extension, claimed)
    if problem:
        return problem
    check = CHECKS.get(claimed)
    if check is None:
        return None
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(16)
        file.seek(0)
        kind = _sniff_type(head)
        if kind and claimed in {"CSV", "JSON", "GEOJSON"}:
            return _looks_like(kind, claimed)
        return check(file, claimed)
    finally:
        file.seek(position)
