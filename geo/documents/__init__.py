"""Documents made from the map: standalone HTML, the brief, PNG and PDF, event files, GeoJSON."""
