"""Rebuild the SpatiaLite R*Tree of the reports' locations.

Django's SpatiaLite schema editor loses a geometry column's spatial index when it remakes a
table (as adding the initial migration's later fields did): the index is marked disabled and
left empty. The duplicate check reads it through SpatiaLite's ``SpatialIndex`` table. PostGIS
keeps its GiST index through such changes, so nothing happens there.
"""

from django.db import migrations


def rebuild_spatial_index(apps, schema_editor):
    if not getattr(schema_editor.connection.ops, "spatialite", False):
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT spatial_index_enabled FROM geometry_columns "
            "WHERE f_table_name = 'defects_report' AND f_geometry_column = 'location'"
        )
        row = cursor.fetchone()
    if row and row[0]:
        schema_editor.execute("SELECT DisableSpatialIndex('defects_report', 'location')")
    schema_editor.execute("DROP TABLE IF EXISTS idx_defects_report_location")
    schema_editor.execute("SELECT CreateSpatialIndex('defects_report', 'location')")


class Migration(migrations.Migration):
    dependencies = [("defects", "0002_staff_groups")]

    operations = [migrations.RunPython(rebuild_spatial_index, migrations.RunPython.noop)]
