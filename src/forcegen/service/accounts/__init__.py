"""Accounts: coordinators, analysts and their API tokens; passwords and tokens hashed."""
