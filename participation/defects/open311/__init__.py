"""Open311 GeoReport v2 server of the defect reporter, with mySociety's servicerequestupdates."""
