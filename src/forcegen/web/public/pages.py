"""The public-source tracker's reading pages: positions table, country pages, timeline, matrix.

Analysts and coordinators may open them (respondents may not). The editing pages
(`edit_pages`) and the import/export page (`file_pages`) are routers of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from forcegen.model.errors import InvalidInputError
from forcegen.model.position import Stance, Topic
from forcegen.model.source import Reliability
from forcegen.service.public import record as public_record
from forcegen.service.public.record import PositionSort
from forcegen.web.accounts.analyst_auth import analyst_page
from forcegen.web.deps import ServicesDep
from forcegen.web.paths import CodePath
from forcegen.web.public.labels import LABELS
from forcegen.web.render import NavItem, render

router = APIRouter(dependencies=[Depends(analyst_page)], include_in_schema=False)

NAV = (
    NavItem("Positions", "/positions"),
    NavItem("Who stands where", "/matrix"),
    NavItem("Timeline", "/timeline"),
    NavItem("Import / export", "/public-data"),
)

E = TypeVar("E", Topic, Stance, Reliability, PositionSort)
POSITIONS_PER_PAGE = 50


@dataclass(frozen=True)
class PositionFilters:
    """The positions table's filters as the query string gives them (text, possibly empty)."""

    topic: str = ""
    country: str = ""
    stance: str = ""
    reliability: str = ""
    date_from: str = ""
    date_to: str = ""
    q: str = ""
    sort: str = "date"
    order: str = "desc"
    page: str = ""

    def query(self, **changes: str) -> str:
        """The query string of these filters with `changes`, leaving out empty values."""
        values = {**self.__dict__, **changes}
        return urlencode({key: value for key, value in values.items() if value})

    def sort_link(self, column: str) -> str:
        """The link that sorts by `column`: ascending first, then flipping the order."""
        order = "asc" if self.sort != column or self.order == "desc" else "desc"
        return "/positions?" + self.query(sort=column, order=order, page="")

    def page_link(self, number: int) -> str:
        """The link to page `number` (from 1) of the same filtered, sorted list."""
        return "/positions?" + self.query(page=str(number) if number > 1 else "")

    @property
    def page_number(self) -> int:
        """The page asked for; anything that is not a page number is the first page."""
        return int(self.page) if self.page.isdigit() and 0 < int(self.page) < 100_000 else 1


@router.get("/positions", response_class=HTMLResponse)
def positions_list(
    request: Request,
    services: ServicesDep,
    filters: Annotated[PositionFilters, Depends()],
) -> HTMLResponse:
    positions = public_record.list_positions(
        uow=services.uow(),
        topic=_choice(Topic, filters.topic, "topic"),
        actor_code=filters.country.strip() or None,
        stance=_choice(Stance, filters.stance, "stance"),
        reliability=_choice(Reliability, filters.reliability, "reliability"),
        date_from=_date(filters.date_from, "from"),
        date_to=_date(filters.date_to, "to"),
        text=filters.q[:200],
        sort=_choice(PositionSort, filters.sort, "sort") or PositionSort.DATE,
        is_descending=filters.order != "asc",
        cache=services.positions,
    )
    pages = max(1, -(-len(positions) // POSITIONS_PER_PAGE))
    number = min(filters.page_number, pages)
    start = (number - 1) * POSITIONS_PER_PAGE
    context = {
        "positions": positions[start : start + POSITIONS_PER_PAGE],
        "total": len(positions),
        "first_shown": start + 1,
        "page": number,
        "pages": pages,
        "filters": filters,
        "labels": LABELS,
    }
    return render(request, "positions_list.html", context, fragment="_positions_table.html")


@router.get("/countries/{code}", response_class=HTMLResponse)
def country_detail(request: Request, code: CodePath, services: ServicesDep) -> HTMLResponse:
    record = public_record.country_record(uow=services.uow(), code=code)
    return render(request, "country_detail.html", {"record": record, "labels": LABELS})


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, services: ServicesDep, topic: str = "") -> HTMLResponse:
    chosen = _choice(Topic, topic, "topic")
    lanes = public_record.timeline(uow=services.uow(), topic=chosen)
    context = {"lanes": lanes, "topic": chosen, "labels": LABELS}
    return render(request, "timeline.html", context, fragment="_timeline_lanes.html")


@router.get("/matrix", response_class=HTMLResponse)
def matrix(request: Request, services: ServicesDep) -> HTMLResponse:
    stances = public_record.stance_matrix(uow=services.uow())
    return render(request, "matrix.html", {"matrix": stances, "labels": LABELS})


def _choice(choices: type[E], text: str, name: str) -> E | None:
    if not text.strip():
        return None
    try:
        return choices(text.strip())
    except ValueError:
        listing = ", ".join(choice.value for choice in choices)
        raise InvalidInputError(f"{name}={text!r} is not known: use one of {listing}.") from None


def _date(text: str, name: str) -> dt.date | None:
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(
            f"{name}={text!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-02-17."
        ) from None
