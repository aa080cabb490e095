"""Words the tracker's pages use for topics, stances and reliability grades, and figures.

Templates get one `labels` object, so every page names a topic or a grade the same way.
"""

from __future__ import annotations

import datetime as dt

from forcegen.model.position import Position, Stance, Topic
from forcegen.model.source import Reliability, Source
from forcegen.service.public.record import actor_name

TOPIC_LABELS: dict[Topic, str] = {
    Topic.TROOP_DEPLOYMENT: "Troop deployment",
    Topic.US_BACKSTOP_REQUIRED: "US backstop required",
    Topic.CEASEFIRE_FIRST: "Ceasefire first",
    Topic.RUSSIA_COORDINATION: "Coordination with Russia",
    Topic.NATO_MEMBERSHIP: "NATO membership",
    Topic.FORCE_SIZE_ESTIMATE: "Force-size estimate",
    Topic.TRAINING: "Training",
    Topic.LOGISTICS: "Logistics",
    Topic.MARITIME: "Maritime",
    Topic.DEMINING: "Demining",
    Topic.AIR_SUPPORT: "Air support",
    Topic.AIR_DEFENCE: "Air defence",
    Topic.ISR: "ISR",
    Topic.FUNDING: "Funding",
    Topic.SANCTIONS: "Sanctions",
    Topic.OTHER: "Other",
}

STANCE_LABELS: dict[Stance, str] = {
    Stance.YES: "Yes",
    Stance.NO: "No",
    Stance.CONDITIONAL: "Conditional",
    Stance.CONSIDERING: "Considering",
    Stance.UNKNOWN: "Not stated",
}

RELIABILITY_LABELS: dict[Reliability, str] = {
    Reliability.OFFICIAL: "Official",
    Reliability.WIRE: "Wire / major outlet",
    Reliability.PRESS: "Press",
    Reliability.AGGREGATOR: "Aggregator",
    Reliability.STATE_CONTROLLED: "State-controlled",
}


class Labels:
    """The helpers every tracker template may call."""

    topics = TOPIC_LABELS
    stances = STANCE_LABELS
    reliabilities = RELIABILITY_LABELS

    @staticmethod
    def topic(topic: Topic | str) -> str:
        return TOPIC_LABELS.get(Topic(topic), str(topic))

    @staticmethod
    def stance(stance: Stance | str) -> str:
        return STANCE_LABELS.get(Stance(stance), str(stance))

    @staticmethod
    def reliability(grade: Reliability | str) -> str:
        return RELIABILITY_LABELS.get(Reliability(grade), str(grade))

    @staticmethod
    def actor(code: str) -> str:
        return actor_name(code)

    @staticmethod
    def date(value: dt.date | None) -> str:
        return "—" if value is None else value.strftime("%d %b %Y")

    @staticmethod
    def quantity(position: Position) -> str:
        """`40,000–100,000 personnel`, `5,000 personnel`, or empty."""
        unit = "" if position.quantity_unit is None else f" {position.quantity_unit.value}"
        low, high = position.quantity_low, position.quantity_high
        if position.quantity is not None:
            return f"{position.quantity:,.0f}{unit}"
        if low is not None and high is not None:
            return f"{low:,.0f}–{high:,.0f}{unit}"
        if low is not None:
            return f"at least {low:,.0f}{unit}"
        if high is not None:
            return f"up to {high:,.0f}{unit}"
        return ""

    @staticmethod
    def is_link(source: Source) -> bool:
        """Whether the locator can be followed in a browser (seed files and documents cannot)."""
        return source.locator.startswith(("https://", "http://"))


LABELS = Labels()
