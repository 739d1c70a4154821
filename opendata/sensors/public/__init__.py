"""Public sensor pages: the sensor map, datastream pages, downloads and home-page tiles."""
