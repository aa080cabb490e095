"""Pages to add a position with its citation, see its history, and correct it.

A correction never overwrites: it stores a new version and keeps the old one, which the
position's page lists with who recorded each version and when.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from forcegen.bootstrap import Services
from forcegen.model.errors import ConflictError, RuleViolationError
from forcegen.model.position import COALITION_ACTOR, QuantityUnit
from forcegen.model.source import Reliability
from forcegen.service.public import record as public_record
from forcegen.service.public.record import CitedPosition, DataProblem, PublicDataError
from forcegen.web.accounts.analyst_auth import AnalystPage, analyst_page
from forcegen.web.accounts.auth import actor_of
from forcegen.web.deps import ServicesDep
from forcegen.web.paths import PositionIdPath
from forcegen.web.public.labels import LABELS
from forcegen.web.render import render
from forcegen.web.security import CsrfChecked

router = APIRouter(dependencies=[Depends(analyst_page)], include_in_schema=False)


NOTICES = {
    "recorded": "The position was recorded with its citation.",
    "corrected": "The correction was saved as a new version; the old version is kept below.",
}


class PositionFormData(BaseModel):
    """The fields of the add and correct forms, as text (the service validates them)."""

    model_config = ConfigDict(extra="ignore")

    actor_code: str = Field(default="", max_length=8)
    speaker: str = Field(default="", max_length=300)
    topic: str = Field(default="", max_length=40)
    stance: str = Field(default="", max_length=20)
    date: str = Field(default="", max_length=20)
    is_date_approximate: bool = False
    summary: str = Field(default="", max_length=4000)
    conditions: str = Field(default="", max_length=2000)
    quantity: str = Field(default="", max_length=30)
    quantity_low: str = Field(default="", max_length=30)
    quantity_high: str = Field(default="", max_length=30)
    quantity_unit: str = Field(default="", max_length=20)
    locator: str = Field(default="", max_length=2000)
    outlet: str = Field(default="", max_length=300)
    published: str = Field(default="", max_length=20)
    quote: str = Field(default="", max_length=400)
    reliability: str = Field(default=Reliability.PRESS.value, max_length=20)

    def position_changes(self) -> dict[str, object]:
        """Every field under the names the correction use case takes."""
        changes: dict[str, object] = self.model_dump(exclude={"speaker"})
        changes["actor"] = self.speaker
        return changes


@router.get("/positions/new", response_class=HTMLResponse)
def position_new(
    request: Request, services: ServicesDep, country: str = "", topic: str = ""
) -> HTMLResponse:
    values = PositionFormData(actor_code=country.upper()[:8], topic=topic[:40])
    return _form(request, services, values=values, problems=[])


@router.post("/positions", response_model=None)
def position_create(
    request: Request,
    _: CsrfChecked,
    services: ServicesDep,
    user: AnalystPage,
    data: Annotated[PositionFormData, Form()],
) -> Response:
    try:
        position = public_record.record_position(
            uow=services.uow(),
            actor=actor_of(user),
            actor_code=data.actor_code,
            speaker=data.speaker,
            topic=data.topic,
            stance=data.stance,
            date=data.date,
            is_date_approximate=data.is_date_approximate,
            summary=data.summary,
            conditions=data.conditions,
            quantity=data.quantity,
            quantity_low=data.quantity_low,
            quantity_high=data.quantity_high,
            quantity_unit=data.quantity_unit,
            locator=data.locator,
            outlet=data.outlet,
            published=data.published,
            quote=data.quote,
            reliability=data.reliability,
        )
    except PublicDataError as err:
        return _form(request, services, values=data, problems=err.problems, status_code=422)
    return RedirectResponse(f"/positions/{position.id}?notice=recorded", status_code=303)


@router.get("/positions/{position_id}", response_class=HTMLResponse)
def position_detail(
    request: Request, position_id: PositionIdPath, services: ServicesDep, notice: str = ""
) -> HTMLResponse:
    versions = public_record.position_history(uow=services.uow(), position_id=position_id)
    context = {
        "versions": versions,
        "current": versions[-1],
        "requested": next(v for v in versions if v.position.id == position_id),
        "notice": NOTICES.get(notice),
        "labels": LABELS,
    }
    return render(request, "position_detail.html", context)


@router.get("/positions/{position_id}/correct", response_class=HTMLResponse)
def position_correct_form(
    request: Request, position_id: PositionIdPath, services: ServicesDep
) -> HTMLResponse:
    versions = public_record.position_history(uow=services.uow(), position_id=position_id)
    current = versions[-1]
    return _form(
        request,
        services,
        values=_values_of(current),
        problems=[],
        correcting=current,
        versions=versions,
    )


@router.post("/positions/{position_id}/correct", response_model=None)
def position_correct(
    request: Request,
    _: CsrfChecked,
    position_id: PositionIdPath,
    services: ServicesDep,
    user: AnalystPage,
    data: Annotated[PositionFormData, Form()],
) -> Response:
    try:
        corrected = public_record.correct_position(
            uow=services.uow(),
            position_id=position_id,
            changes=data.position_changes(),
            actor=actor_of(user),
        )
    except (PublicDataError, RuleViolationError, ConflictError) as err:
        versions = public_record.position_history(uow=services.uow(), position_id=position_id)
        problems = getattr(err, "problems", None) or [DataProblem("form", 0, "form", err.message)]
        return _form(
            request,
            services,
            values=data,
            problems=problems,
            correcting=versions[-1],
            versions=versions,
            status_code=409 if isinstance(err, ConflictError) else 422,
        )
    return RedirectResponse(f"/positions/{corrected.id}?notice=corrected", status_code=303)


def _values_of(item: CitedPosition) -> PositionFormData:
    position, source = item.position, item.source
    unit = position.quantity_unit

    def number(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    return PositionFormData(
        actor_code=position.actor_code,
        speaker=position.actor,
        topic=position.topic.value,
        stance=position.stance.value,
        date=position.date.isoformat(),
        is_date_approximate=position.is_date_approximate,
        summary=position.summary,
        conditions=position.conditions,
        quantity=number(position.quantity),
        quantity_low=number(position.quantity_low),
        quantity_high=number(position.quantity_high),
        quantity_unit="" if unit is None else unit.value,
        locator=source.locator,
        outlet=source.outlet,
        published="" if source.published is None else source.published.isoformat(),
        quote=position.quote,
        reliability=source.reliability.value,
    )


def _form(
    request: Request,
    services: Services,
    *,
    values: PositionFormData,
    problems: list[DataProblem] | tuple[DataProblem, ...],
    correcting: CitedPosition | None = None,
    versions: list[CitedPosition] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    participants = sorted(services.catalog.participants.values(), key=lambda p: p.name)
    countries = [(COALITION_ACTOR, f"All / coalition-wide ({COALITION_ACTOR})")]
    countries += [(p.code, f"{p.name} ({p.code})") for p in participants]
    errors = {_field_name(problem.column): problem.message for problem in problems}
    context = {
        "values": values,
        "problems": list(problems),
        "errors": errors,
        "correcting": correcting,
        "versions": versions or [],
        "countries": countries,
        "units": [(unit.value, unit.value) for unit in QuantityUnit],
        "labels": LABELS,
    }
    return render(request, "position_form.html", context, status_code=status_code)


def _field_name(column: str) -> str:
    """The form field a problem belongs to (the service names the position's speaker `actor`)."""
    return "speaker" if column == "actor" else column
