"""forcegen: coalition force generation, from questionnaire answers to an honest assessment."""

__version__ = "0.1.0"
