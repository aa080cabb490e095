"""Use cases in transactions: plain functions over domain values and ports (see ports.py)."""
