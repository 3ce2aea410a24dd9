"""The data layer: schemas, validation, filters, the store and the shipped datasets.

Nothing here imports Streamlit or the ``geo`` package; callers get plain DataFrames and values.
"""
