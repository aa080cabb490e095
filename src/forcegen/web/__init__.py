"""The web front-end: HTML pages for coordinators and respondents, and the JSON API."""

from forcegen.web.app import create_app
from forcegen.web.server import run

__all__ = ["create_app", "run"]
