"""How the load bench's users get in: the one place that knows the respondent entry and the
login, so that a change of either (an interstitial page, server-side sessions) is made here.

A respondent opens its invitation link. Today the link answers with a redirect to the form;
if it answers with a page holding a form to post instead (an "Open the form" button), that
form is posted as a person would click it. Coordinators and analysts log in with a password.
Every page form carries the session's CSRF token, read from the page as the browser has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx

FORM_PATH = "/respond"
LOGIN_PATH = "/login"
_CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]*)"')
_BASE_VERSION = re.compile(r'name="base_version" value="(\d+)"')


class EntryError(Exception):
    """A user could not get in: the bench cannot run its profile."""


@dataclass
class PostForm:
    """The first form of a page that posts: where to, and its hidden fields."""

    action: str = ""
    fields: dict[str, str] = field(default_factory=dict)


class _PostFormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.form: PostForm | None = None
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form" and self.form is None and values.get("method", "").lower() == "post":
            self.form = PostForm(action=values.get("action", ""))
            self._inside = True
        elif tag == "input" and self._inside and self.form is not None:
            self._hidden_field(values)

    def _hidden_field(self, values: dict[str, str]) -> None:
        if self.form is not None and values.get("type") == "hidden" and values.get("name"):
            self.form.fields[values["name"]] = values.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False


def first_post_form(html: str) -> PostForm | None:
    parser = _PostFormParser()
    parser.feed(html)
    return parser.form


@dataclass
class FormPage:
    """What a respondent's browser holds after loading the form."""

    csrf: str
    base_version: int


def read_form_page(response: httpx.Response) -> FormPage:
    """The CSRF token and the version the respondent's form starts from.

    Raises:
        EntryError: the page is not the respondent form.
    """
    csrf = _CSRF_META.search(response.text)
    base = _BASE_VERSION.search(response.text)
    if response.status_code != 200 or csrf is None or base is None:
        raise EntryError(
            f"GET {response.request.url.path} answered {response.status_code} without the "
            "respondent form"
        )
    return FormPage(csrf=csrf.group(1), base_version=int(base.group(1)))


async def enter_as_respondent(client: httpx.AsyncClient, link: str) -> FormPage:
    """Open an invitation link as a browser does and land on the form.

    Raises:
        EntryError: the link did not lead to the form.
    """
    response = await client.get(link)
    if response.status_code == 200:
        form = first_post_form(response.text)
        if form is None:
            raise EntryError(f"The invitation link answered a page with nothing to post: {link}")
        response = await client.post(form.action or link, data=form.fields)
    if response.status_code not in (302, 303):
        raise EntryError(f"The invitation link answered {response.status_code}")
    return read_form_page(await client.get(FORM_PATH))


async def log_in(client: httpx.AsyncClient, username: str, password: str) -> str:
    """Log in with a password as the login page does; returns the session's CSRF token.

    Raises:
        EntryError: the login was refused.
    """
    page = await client.get(LOGIN_PATH)
    form = first_post_form(page.text)
    if form is None:
        raise EntryError(f"GET {LOGIN_PATH} answered {page.status_code} without a login form")
    fields = form.fields | {"username": username, "password": password}
    response = await client.post(form.action or LOGIN_PATH, data=fields)
    if response.status_code not in (302, 303):
        raise EntryError(f"Logging in as {username!r} answered {response.status_code}")
    landing = await client.get(response.headers["location"])
    csrf = _CSRF_META.search(landing.text)
    if csrf is None:
        raise EntryError(f"After logging in as {username!r}, no page with a CSRF token")
    return csrf.group(1)
