"""Reading CSV text: delimiter sniffing, header checks and type inference (no database)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from django.utils import translation

from opendata.datastore.tabular import (
    TableError,
    analyse,
    converted_rows,
    rows_iter,
    sniff_delimiter,
    stored_types,
)


def _analyse(text: str):
    delimiter = sniff_delimiter(text)
    return analyse(csv.reader(io.StringIO(text), delimiter=delimiter), delimiter)


def _rows(text: str):
    analysis = _analyse(text)
    reader = csv.reader(io.StringIO(text), delimiter=analysis.delimiter)
    next(reader)
    return list(converted_rows(rows_iter(reader), analysis.types))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1,5;2;3\n", ";"),
        ("a\tb\n1\t2\n", "\t"),
        ("a|b|c\n1|2|3\n", "|"),
        ('name;note\n"Müller, Anna";"x, y, z"\n', ";"),
        ("only\n1\n2\n", ","),
    ],
)
def test_delimiter_is_sniffed(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_types_are_inferred_per_column():
    text = (
        "anzahl,betrag,datum,zeit,aktiv,name,plz,leer\n"
        "1,2.5,2024-05-31,2024-05-31T10:15:00,true,Anna,01067,\n"
        "-20,3,2024-06-01,2024-06-01 08:00,False,Bert,12345,\n"
        ",1e3,,,,,,\n"
    )
    analysis = _analyse(text)
    assert dict(zip(analysis.names, stored_types(analysis.types), strict=True)) == {
        "anzahl": "int",
        "betrag": "numeric",
        "datum": "date",
        "zeit": "timestamp",
        "aktiv": "bool",
        "name": "text",
        "plz": "text",  # leading zeros are kept
        "leer": "text",
    }
    rows = _rows(text)
    assert rows[0] == [
        1,
        1,
        "2.5",
        date(2024, 5, 31),
        datetime(2024, 5, 31, 10, 15),
        True,
        "Anna",
        "01067",
        None,
    ]
    assert rows[2] == [3, None, "1e3", None, None, None, None, None, None]


def test_mixed_dates_and_timestamps_make_a_timestamp_column_and_zones_become_utc():
    rows = _rows("zeit\n2024-05-31\n2024-05-31T12:00:00+02:00\n31.05.2024 14:30\n")
    assert _analyse("zeit\n2024-05-31\n2024-05-31T12:00:00+02:00\n").types == ["timestamp"]
    assert [row[1] for row in rows] == [
        datetime(2024, 5, 31),
        datetime(2024, 5, 31, 10, 0),
        datetime(2024, 5, 31, 14, 30),
    ]


def test_german_dates_are_dates():
    assert _rows("datum\n31.05.2024\n1.6.2024\n")[1][1] == date(2024, 6, 1)


def test_impossible_dates_stay_text():
    assert _analyse("datum\n2024-02-30\n").types == ["text"]


def test_decimal_commas_are_numbers_in_semicolon_files_only():
    semicolon = _analyse("name;wert\na;3,5\nb;4\nc;-0,25\n")
    assert stored_types(semicolon.types) == ["text", "numeric"]
    assert [row[2] for row in _rows("name;wert\na;3,5\nb;4\n")] == ["3.5", "4"]
    # With commas as delimiter a quoted "3,5" is ambiguous (think "1,000"): text.
    assert stored_types(_analyse('name,wert\na,"3,5"\nb,4\n').types) == ["text", "text"]
    # Thousands separators and mixed styles stay text.
    assert stored_types(_analyse("name;wert\na;1.234,5\n").types) == ["text", "text"]
    assert stored_types(_analyse("name;wert\na;3,5\nb;3.5\n").types) == ["text", "text"]


def test_numbers_beyond_64_bits_are_numeric_not_int():
    assert stored_types(_analyse("n\n99999999999999999999\n").types) == ["numeric"]


def test_blank_rows_are_skipped():
    assert len(_rows("a,b\n1,2\n\n,\n3,4\n")) == 2


def test_duplicate_header_names_are_named():
    with pytest.raises(TableError, match="“wert” / “Wert”") as excinfo:
        _analyse("id,wert,name,Wert\n1,2,3,4\n")
    assert "unique" in str(excinfo.value)


def test_empty_column_names_are_rejected():
    with pytest.raises(TableError, match="column\\(s\\) 2"):
        _analyse("id,,name\n1,2,3\n")


def test_reserved_column_names_are_rejected():
    with pytest.raises(TableError, match="_id"):
        _analyse("_id,name\n1,a\n")


def test_ragged_rows_name_lines_and_counts():
    text = "a,b,c\n1,2,3\n1,2\n1,2,3\n1,2,3,4\n" + "1\n" * 10
    with pytest.raises(TableError) as excinfo:
        _analyse(text)
    message = str(excinfo.value)
    assert "(3)" in message
    assert "line 3 has 2" in message
    assert "line 5 has 4" in message
    assert "12 row(s)" in message
    assert "7 more" in message
    assert "line 12" not in message  # only the first few
