"""The tabular data store: CSV distributions loaded into tables that can be queried."""
