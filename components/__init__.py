"""Streamlit UI pieces.

Each module's ``show(..., key)`` draws one part of the page, owns the session-state keys under its
``key`` and returns a plain value. Only this package imports streamlit; only
``components.map_view`` calls ``st_folium``.
"""
