"""Responding in the web app: the respondent's form, its API and the answer views."""
