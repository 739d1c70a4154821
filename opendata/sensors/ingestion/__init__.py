"""Ingestion: sensor readings into the raw store (never public).

Modules: ``parse`` (a batch's JSON into validated readings), ``write`` (pseudonymise and
store them, COPY on PostgreSQL), ``http`` (the HTTP batch and LoRaWAN webhook endpoints, an
interface), ``mqtt`` (the MQTT subscriber) and ``lorawan`` (The Things Stack uplinks).
Other apps use ``opendata.sensors.services``.
"""
