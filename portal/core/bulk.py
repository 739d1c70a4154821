"""Inserting many rows of one model fast: COPY on PostgreSQL, ``bulk_create`` elsewhere.

``bulk_create`` on PostgreSQL sends the values as arrays that psycopg quotes value by value
in Python; for the thousands of rows a job writes at once (a publication sweep's releases and
their cells) COPY is several times cheaper. Ids come from the table's own sequence first, so
that the instances can be referenced (and returned) as ``bulk_create`` would leave them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


def copy_insert(objects: Sequence[models.Model]) -> None:
    """Insert unsaved instances of one model and set their primary keys.

    Field defaults and ``pre_save`` (``auto_now_add``) apply as with ``save()``; signals are
    not sent and constraints are checked by the database, as with ``bulk_create``; a
    violation raises Django's ``IntegrityError`` and writes none of the rows.
    """
    if not objects:
        return
    model = type(objects[0])
    meta = model._meta
    if not isinstance(meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
        raise TypeError(f"copy_insert: {meta.label} has no auto-incremented primary key")
    fields = [field for field in meta.concrete_fields if not field.generated]
    if any(field.has_db_default() for field in fields):
        raise TypeError(f"copy_insert: {meta.label} has database defaults; use bulk_create")
    for instance in objects:
        if instance.pk is not None:
            raise ValueError("copy_insert: only unsaved instances (without a primary key)")
        # As save() and bulk_create do: an unsaved related object is an error, not a NULL.
        instance._prepare_related_fields_for_save(operation_name="copy_insert")
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects)
        return
    from psycopg import sql

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for instance, (key,) in zip(objects, cursor.fetchall(), strict=True):
            instance.pk = key
        statement = sql.SQL("COPY {table} ({columns}) FROM STDIN").format(
            table=sql.Identifier(meta.db_table),
            columns=sql.SQL(", ").join(sql.Identifier(field.column) for field in fields),
        )
        # Django's own exceptions (IntegrityError for a unique conflict), as bulk_create's.
        with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
            for instance in objects:
                copy.write_row(
                    [
                        field.get_db_prep_save(field.pre_save(instance, True), connection)
                        for field in fields
                    ]
                )
    for instance in objects:
        instance._state.adding = False
        instance._state.db = connection.alias
