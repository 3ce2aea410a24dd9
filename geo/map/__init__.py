"""The folium map: base and overlays, symbols, popups, legend, styles, territory and comparison."""
