"""The assessment in the web app: the dashboard and its JSON endpoints."""
