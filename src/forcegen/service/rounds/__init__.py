"""Rounds and invitations: create a round, invite participants, follow it, close it."""
