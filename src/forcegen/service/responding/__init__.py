"""Responding: a respondent opens an invitation, saves drafts, submits and withdraws."""
