"""OGC SensorThings API 1.1 (read-only) over the published sensor data, at ``/sta/v1.1/``."""
