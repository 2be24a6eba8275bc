"""Plotly figure builders from engine results. No Streamlit here."""
