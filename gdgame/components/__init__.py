"""Streamlit components of our own (components v2), each with its files in an asset_dir."""
