"""Helpers of the what-if app that need no Streamlit: labels, number formats, tables, charts, map.

``app.py`` only lays out the screen; everything it shows is shaped here, so it can be tested
without a browser and reused by other faces.
"""
