"""Streamlit helpers shared by the pages: filters, cached loaders, charts, evidence."""
