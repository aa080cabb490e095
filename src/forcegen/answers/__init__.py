"""The questionnaire's meaning: which answers make which pledges, and what the other answers say."""
