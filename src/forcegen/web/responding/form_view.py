"""The respondent's form, generated from the questionnaire schema: one widget per answer field.

Every input is named by its answer path, the same path the validation reports problems
against, so a problem lands next to its field:

    troops.decision                      radios
    troops.contributions[0].personnel    text input (digits), in row 0 of a repeat group
    participants.countries               state picker (a searchable multi-select)

A repeat group also carries a blank `template_row` whose paths hold `__INDEX__`; the form's
script copies it when the respondent adds a row.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from forcegen.catalog import Catalog
from forcegen.model.common_name import names_for
from forcegen.model.questionnaire import Field, FieldKind, FieldProblem, Option, Question

ROW_PLACEHOLDER = "__INDEX__"
_RADIO_AT_MOST = 5
_LONG_TEXT_FROM = 600


@dataclass(frozen=True)
class WidgetView:
    """One input of the form, ready for the template (no domain objects inside)."""

    path: str
    dom_id: str
    label: str
    help: str
    widget: str  # text, textarea, condition, number, boolean, radios, select, checkboxes,
    # countries, rows, steps (one row per option), hidden
    is_required: bool
    value: str = ""
    selected: frozenset[str] = frozenset()
    options: tuple[Option, ...] = ()
    error: str = ""
    inputmode: str = "text"
    max_length: int | None = None
    rows: tuple[tuple[WidgetView, ...], ...] = ()
    template_row: tuple[WidgetView, ...] = ()
    max_rows: int = 0
    is_wide: bool = False
    groups: tuple[OptionGroup, ...] = ()


@dataclass(frozen=True)
class OptionGroup:
    """Choices shown together under a heading; `keywords` holds other names to search by."""

    label: str
    options: tuple[Option, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class QuestionView:
    key: str
    number: int
    title: str
    text: str
    audience: str
    widgets: tuple[WidgetView, ...]
    error: str = ""


@dataclass(frozen=True)
class ProblemLink:
    """A problem for the summary at the top of the form, linking to its field."""

    path: str
    message: str
    target: str


@dataclass
class _Context:
    catalog: Catalog
    problems: dict[str, list[str]]

    def error_for(self, path: str, *, with_items: bool = False) -> str:
        found = [path] if path in self.problems else []
        if with_items:
            found += [p for p in self.problems if re.fullmatch(re.escape(path) + r"\[\d+\]", p)]
        return " ".join(message for p in found for message in self.problems[p])


def dom_id(path: str) -> str:
    """The HTML id of the input for an answer path: `f-troops-contributions-0-personnel`."""
    return "f-" + re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-")


def build_form(
    questions: Sequence[Question],
    answers: Mapping[str, object],
    problems: Sequence[FieldProblem],
    *,
    catalog: Catalog,
) -> tuple[tuple[QuestionView, ...], tuple[ProblemLink, ...]]:
    """The questions as widgets filled with `answers`, and every problem linked to its field."""
    by_path: dict[str, list[str]] = {}
    for problem in problems:
        by_path.setdefault(problem.path, []).append(problem.message)
    context = _Context(catalog=catalog, problems=by_path)
    views = tuple(_question_view(q, answers.get(q.key), context) for q in questions)
    links = tuple(
        ProblemLink(path=p.path, message=p.message, target=_nearest_target(p.path, questions))
        for p in problems
    )
    return views, links


def _question_view(question: Question, answer: object, context: _Context) -> QuestionView:
    values = answer if isinstance(answer, Mapping) else {}
    widgets = tuple(
        _widget(f, values.get(f.key), f"{question.key}.{f.key}", context, in_row=False)
        for f in question.fields
    )
    return QuestionView(
        key=question.key,
        number=question.number,
        title=question.title,
        text=question.text,
        audience=question.audience.describe(),
        widgets=widgets,
        error=context.error_for(question.key),
    )


def _widget(f: Field, value: object, path: str, context: _Context, *, in_row: bool) -> WidgetView:
    make = functools.partial(
        WidgetView,
        path=path,
        dom_id=dom_id(path),
        label=f.label,
        help=f.help,
        is_required=f.required,
    )
    kind = f.kind
    if kind is FieldKind.REPEAT_GROUP:
        rows = [row if isinstance(row, Mapping) else {} for row in _list(value)]
        if f.rows_per_option:
            return make(
                widget="steps",
                error=context.error_for(path),
                rows=_option_rows(f, rows, path, context),
                options=f.row_options,
                is_wide=True,
            )
        row_views = tuple(_row(f, row, f"{path}[{i}]", context) for i, row in enumerate(rows))
        blank = _Context(catalog=context.catalog, problems={})
        template = _row(f, {}, f"{path}[{ROW_PLACEHOLDER}]", blank)
        return make(
            widget="rows",
            error=context.error_for(path),
            rows=row_views,
            template_row=template,
            max_rows=f.row_limit,
            is_wide=True,
        )
    if kind is FieldKind.COUNTRY_LIST:
        return make(
            widget="countries",
            selected=_chosen(value),
            groups=_participant_groups(context.catalog),
            error=context.error_for(path, with_items=True),
            is_wide=True,
        )
    if kind is FieldKind.SELECT_MANY:
        return make(
            widget="checkboxes",
            selected=_chosen(value),
            options=context.catalog.options_for(f),
            error=context.error_for(path, with_items=True),
            is_wide=True,
        )
    error = context.error_for(path)
    if kind is FieldKind.SELECT_ONE:
        options = context.catalog.options_for(f)
        widget = "radios" if not in_row and len(options) <= _RADIO_AT_MOST else "select"
        return make(widget=widget, selected=_chosen(value), options=options, error=error)
    if kind is FieldKind.BOOLEAN:
        chosen = frozenset({str(value).lower()}) if isinstance(value, bool) else frozenset()
        return make(widget="boolean", selected=chosen, error=error)
    text = "" if value is None else str(value)
    if kind in (FieldKind.INTEGER, FieldKind.MONEY_EUR):
        mode = "numeric" if kind is FieldKind.INTEGER else "decimal"
        return make(widget="number", value=text, inputmode=mode, error=error)
    widget = "condition" if kind is FieldKind.CONDITION else "text"
    if kind is FieldKind.TEXT and f.text_limit >= _LONG_TEXT_FROM:
        widget = "textarea"
    return make(
        widget=widget, value=text, error=error, max_length=f.text_limit, is_wide=widget != "text"
    )


def _participant_groups(catalog: Catalog) -> tuple[OptionGroup, ...]:
    """Likely participants first, then every other state and organisation, by name."""
    likely = set(catalog.likely_participants())
    everyone = sorted(catalog.participants.values(), key=lambda p: p.name)
    groups = []
    for label, members in (
        ("Likely participants", [p for p in everyone if p.code in likely]),
        ("Other states and organisations", [p for p in everyone if p.code not in likely]),
    ):
        groups.append(
            OptionGroup(
                label=label,
                options=tuple(Option(value=p.code, label=p.name) for p in members),
                keywords=tuple(" ".join(names_for(p.code)) for p in members),
            )
        )
    return tuple(groups)


def _chosen(value: object) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list):
        return frozenset(item for item in value if isinstance(item, str))
    return frozenset()


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _option_rows(
    f: Field, rows: list[Mapping[str, object]], path: str, context: _Context
) -> tuple[tuple[WidgetView, ...], ...]:
    """One row per option of the group's key, in the options' order, answered or blank.

    The answers keep only the rows answered, so a problem with the answer's second row
    (`rungs[1]`) is shown on the row of its step (`rungs[4]`, say).
    """
    key = f.unique_by or ""
    answered = {row.get(key): (j, row) for j, row in enumerate(rows)}
    views = []
    for i, option in enumerate(f.row_options):
        j, row = answered.get(option.value, (None, {}))
        shown = f"{path}[{i}]"
        moved = {} if j is None else _problems_moved(context.problems, f"{path}[{j}]", shown)
        row_context = _Context(catalog=context.catalog, problems=moved)
        widgets = _row(f, {**row, key: option.value}, shown, row_context)
        views.append(
            tuple(
                dataclasses.replace(w, widget="hidden", value=option.value)
                if w.path == f"{shown}.{key}"
                else dataclasses.replace(w, is_required=False)  # a step may be left blank
                for w in widgets
            )
        )
    return tuple(views)


def _problems_moved(problems: dict[str, list[str]], old: str, new: str) -> dict[str, list[str]]:
    return {new + p[len(old) :]: m for p, m in problems.items() if p.startswith(old + ".")}


def _row(
    f: Field, row: Mapping[str, object], row_path: str, context: _Context
) -> tuple[WidgetView, ...]:
    return tuple(
        _widget(sub, row.get(sub.key), f"{row_path}.{sub.key}", context, in_row=True)
        for sub in f.fields
    )


def _nearest_target(path: str, questions: Sequence[Question]) -> str:
    """The id to link a problem to: its field, else the closest enclosing field or question."""
    trimmed = re.sub(r"\[\d+\]$", "", path)
    if trimmed.count(".") == 0:
        return f"q-{trimmed}" if any(q.key == trimmed for q in questions) else "response-form"
    return dom_id(trimmed)
