"""Use cases, grouped by area; each takes ports (`ports.py`) and owns its transaction."""
