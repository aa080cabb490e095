"""Accounts in the web app: who is calling (each role's dependency) and the login pages."""
