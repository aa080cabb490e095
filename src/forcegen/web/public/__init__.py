"""The public-source tracker in the web app: reading, editing, files and the API."""
