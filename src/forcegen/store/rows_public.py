"""Rows of the public-source record: sources, positions with their history, reported pledges.

Migration 0003_public creates these tables (0005_amounts makes pledge amounts text;
0007_position_quote moves the quote from the source to the position it supports). A
corrected position keeps its row: the correction is a new row whose `supersedes` names it,
and the old row's `superseded_by` names the correction, so the history of a position is a
chain of rows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from forcegen.store.base import Base
from forcegen.store.timestamp import UtcDateTime

ID_LENGTH = 64
STATEMENT_LENGTH = 80


class SourceRow(Base):
    """A citation (URL or document, outlet, date) and its reliability grade."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    locator: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str] = mapped_column(String(300))
    published: Mapped[dt.date | None] = mapped_column(Date)
    reliability: Mapped[str] = mapped_column(String(20), index=True)


class PositionRow(Base):
    """One version of an actor's stance on a topic, citing one source."""

    __tablename__ = "positions"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    actor_code: Mapped[str] = mapped_column(String(8), index=True)
    actor: Mapped[str] = mapped_column(String(300))
    topic: Mapped[str] = mapped_column(String(40), index=True)
    stance: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[float | None] = mapped_column(Float)
    quantity_low: Mapped[float | None] = mapped_column(Float)
    quantity_high: Mapped[float | None] = mapped_column(Float)
    quantity_unit: Mapped[str | None] = mapped_column(String(20))
    conditions: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    is_date_approximate: Mapped[bool] = mapped_column(Boolean)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    summary: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    # A position is corrected at most once; its correction may be corrected in turn.
    supersedes: Mapped[str | None] = mapped_column(ForeignKey("positions.id"), unique=True)
    superseded_by: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    recorded_by: Mapped[str] = mapped_column(String(200))


class PublicPledgeRow(Base):
    """A pledge reported in public sources (caveats as a JSON list of names)."""

    __tablename__ = "public_pledges"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    contributor: Mapped[str] = mapped_column(String(8), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    capability: Mapped[str | None] = mapped_column(String(100))
    # Amounts as stated, e.g. "7500", "up to 7500", "unknown" (migration 0005_amounts).
    personnel: Mapped[str] = mapped_column(String(STATEMENT_LENGTH))
    platforms: Mapped[str] = mapped_column(String(STATEMENT_LENGTH))
    value_eur: Mapped[str | None] = mapped_column(String(STATEMENT_LENGTH))
    quantity: Mapped[str | None] = mapped_column(String(STATEMENT_LENGTH))
    item: Mapped[str] = mapped_column(Text)
    sustained: Mapped[bool] = mapped_column(Boolean)
    duration_months: Mapped[int | None] = mapped_column(Integer)
    start_month: Mapped[str] = mapped_column(String(STATEMENT_LENGTH))
    caveats: Mapped[str] = mapped_column(Text)
    condition: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text)


class PublicPledgeSourceRow(Base):
    """One source of a reported pledge; `ordinal` keeps the order the sources were given in."""

    __tablename__ = "public_pledge_sources"

    pledge_id: Mapped[str] = mapped_column(ForeignKey("public_pledges.id"), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
