"""Harvest sources, harvest jobs and the records they brought into the catalogue."""
