"""Exports of assessment results: XLSX, CSV, JSON and charts."""
