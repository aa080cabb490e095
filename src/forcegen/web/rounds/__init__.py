"""Rounds in the web app: the coordinator's pages and API for rounds, invitations, responses."""
