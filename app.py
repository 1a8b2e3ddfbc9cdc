"""Streamlit what-if app (placeholder until the app issue lands)."""

import streamlit as st

st.title("Planeador de plantilla IMSS-Bienestar")
