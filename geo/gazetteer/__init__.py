"""Places by name: the offline gazetteer, geocoding, the online fallback and nearest events."""
