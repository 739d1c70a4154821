"""Every published datastream as a catalogue dataset, with monthly CSV files and the STA API.

A datastream of privacy class ``public`` or ``person_derived`` gets one catalogue dataset
(``Datastream.dataset``), created once and kept in step with the stream afterwards. Its
distributions:

- one pointing at the stream's observations in the SensorThings API
  (``/sta/v1.1/Datastreams(<id>)/Observations``), whose DCAT ``accessService`` is the
  "SensorThings API" data service;
- one CSV file per calendar month (Europe/Berlin) of the *published* values: non-suppressed
  cells of releases only, never raw readings and never pseudonyms. The file of the running
  month is rewritten when its content changes; a month is closed (``availability=STABLE``)
  and never rewritten once it ended more than ``MONTH_CLOSE_GRACE`` ago, so that late
  windows are still in it. Files take the catalogue's normal path: they are checked like an
  upload (``Distribution.full_clean``), and saving one loads it into the data store.

Months are found by the file name ``sensor-<datastream id>-<YYYY-MM>.csv``. Critical
infrastructure (``critical_internal``) never gets a dataset; a stream moved to that class
has its dataset withdrawn to draft.

Modules: ``dataset`` (the dataset and its API distribution), ``monthly`` (the CSV files),
``provenance`` (DCAT provenance, registered with ``opendata.catalogue.rdf`` by the app's
``ready()``). The subpackage is named after what it links to; the app's label stays
``sensors``.
"""

from opendata.sensors.catalogue.dataset import (
    CSV_HEADER,
    MONTH_CLOSE_GRACE,
    PUBLISHED_CLASSES,
    city_publisher,
    datastream_dataset_link,
    property_terms,
    provenance_texts,
    publisher_for,
    sensorthings_service_ensure,
)
from opendata.sensors.catalogue.monthly import (
    MonthlyResult,
    datastream_catalogue_update,
    datastream_monthly_csvs_update,
    datastreams_to_link,
    month_csv,
)
from opendata.sensors.catalogue.provenance import (
    add_sensor_provenance,
    sensor_publication_of,
    sensor_publications_prefetch,
)

__all__ = [
    "CSV_HEADER",
    "MONTH_CLOSE_GRACE",
    "PUBLISHED_CLASSES",
    "MonthlyResult",
    "add_sensor_provenance",
    "city_publisher",
    "datastream_catalogue_update",
    "datastream_dataset_link",
    "datastream_monthly_csvs_update",
    "datastreams_to_link",
    "month_csv",
    "property_terms",
    "provenance_texts",
    "publisher_for",
    "sensor_publication_of",
    "sensor_publications_prefetch",
    "sensorthings_service_ensure",
]
