"""Build the public-source demo dataset (src/forcegen/data/public/*.csv) from its inputs.

Inputs, all hand-checked:
  * the collected reference file (default ../shared/reference/public-positions.csv; from a
    checkout elsewhere, name the shared folder: --shared or FORCEGEN_SHARED);
  * scripts/public_dataset/seed_sources.csv and seed_positions.csv: every position and figure
    in the five seed documents, in our own words, cited to the seed file; a position's `quote`
    is the seed's own sentence (or part of one) that supports it, checked to be verbatim;
  * scripts/public_dataset/reference_summaries.csv: our own summary of each reference row;
  * scripts/public_dataset/reported_pledges.csv: pledges where a source gives a number.

Reference rows are checked and normalised (countries, topics, dates); rows that fail, and rows
that repeat a seed-table row, are dropped and listed in src/forcegen/data/README.md. Ids are
hashes of the content, so they stay the same from one build to the next.

    .venv/bin/python scripts/build_public_dataset.py            # write the files
    .venv/bin/python scripts/build_public_dataset.py --check    # exit 1 if they are stale
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import os
import re
import sys
from pathlib import Path

from pydantic import ValidationError

from forcegen.catalog import load_catalog
from forcegen.conditions import check
from forcegen.model.amount import Amount, Stated
from forcegen.model.amount_parse import parse_count, parse_money
from forcegen.model.errors import UnknownParticipantError
from forcegen.model.participant import normalise_code
from forcegen.model.pledge import Level, Pledge
from forcegen.model.position import COALITION_ACTOR, Position
from forcegen.model.source import Reliability, Source

REPO = Path(__file__).resolve().parent.parent
INPUTS = REPO / "scripts" / "public_dataset"
OUTPUT = REPO / "src" / "forcegen" / "data" / "public"
README = REPO / "src" / "forcegen" / "data" / "README.md"
# The collected reference file and the seed documents (FORCEGEN_SHARED names them elsewhere).
SHARED = Path(os.environ.get("FORCEGEN_SHARED") or REPO.parent / "shared")

# The reference file writes the EU institutions as EUU; our code for them is EU.
CODE_ALIASES = {"EUU": "EU"}
MAX_SUMMARY_CHARS = 220
# A summary names its reference row by number; these cells must match, or the file changed.
GUARD_COLUMNS = ("actor_code", "topic", "stance", "date")
COPY_RUN_WORDS = 12
DROPPED_START, DROPPED_END = "<!-- dropped-rows:start -->", "<!-- dropped-rows:end -->"

# Reliability from the outlet text (and locator), first match wins: see data/README.md.
STATE_CONTROLLED = re.compile(r"\b(TASS|Sputnik|RT|5-tv\.ru|Ukrinform|United24)\b")
AGGREGATOR = re.compile(
    r"news-pravda|mirror|copy|aggregator|news\.mail\.ru|Rambler|MENAFN|Newszop|Europe Says"
    r"|Bytes EU|allthe\.news|Devdiscourse|Newser",
    re.IGNORECASE,
)
OFFICIAL = re.compile(r"Office of the President|PM office|Hansard|\.gov\.|premier\.be")
WIRE = re.compile(
    r"\b(Reuters|AP|AFP|dpa|ANP|PA|Canadian Press|Anadolu|Kyodo|Jiji|EFE|LETA|NTB|ČTK"
    r"|Interfax|ANSA)\b"
)
URL_DATE = re.compile(r"/(20\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/._-]|$)")
RELIABILITY_REMARK = re.compile(r"low[- ]reliability( aggregator)?|low reliability|state media")


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def short_hash(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:10]


def reliability_of(outlet: str, locator: str) -> Reliability:
    text = f"{outlet} {locator}"
    for pattern, grade in (
        (STATE_CONTROLLED, Reliability.STATE_CONTROLLED),
        (AGGREGATOR, Reliability.AGGREGATOR),
        (OFFICIAL, Reliability.OFFICIAL),
        (WIRE, Reliability.WIRE),
    ):
        if pattern.search(text):
            return grade
    return Reliability.PRESS


def clean_outlet(outlet: str) -> tuple[str, list[str]]:
    """'X (relaying FT; low reliability)' -> ('X', ['relaying FT']): grades go to reliability."""
    name, _, rest = outlet.partition(" (")
    notes = [part.strip() for part in rest.rstrip(")").split(";") if part.strip()]
    return name.strip(), [note for note in notes if not RELIABILITY_REMARK.fullmatch(note)]


class Builder:
    """Collects sources, positions and pledges, and the reference rows it drops."""

    def __init__(self) -> None:
        self.sources: dict[str, Source] = {}
        self.outlets: dict[str, tuple[str, list[str], list[str]]] = {}
        self.positions: dict[str, Position] = {}
        self.pledges: list[Pledge] = []
        self.dropped: list[tuple[int, str]] = []
        self.ref_sources: dict[int, str] = {}
        self.dates: dict[str, set[tuple[str, bool]]] = {}

    def add_position(
        self, row: dict[str, str], *, locator: str, summary: str, quote: str = ""
    ) -> None:
        date = row["date"]
        position_id = "pos-" + short_hash(
            locator, row["actor_code"], row["actor"], row["topic"], row["stance"], date
        )
        if position_id in self.positions:
            raise SystemExit(f"two positions with the same content: {row}")
        quantities = {
            name: float(row[name]) if row[name] else None
            for name in ("quantity", "quantity_low", "quantity_high")
        }
        self.positions[position_id] = Position(
            id=position_id,
            actor_code=row["actor_code"],
            actor=row["actor"].strip(),
            topic=row["topic"],
            stance=row["stance"],
            quantity_unit=row["quantity_unit"] or None,
            conditions=row["conditions"].strip(),
            date=dt.date.fromisoformat(date),
            is_date_approximate=row["is_date_approximate"] == "true",
            source_id="src-" + short_hash(locator),
            summary=summary,
            quote=quote,
            **quantities,
        )

    def add_seeds(self) -> set[tuple[str, ...]]:
        """Seed sources and positions; returns their keys, to drop reference duplicates."""
        locators = {}
        for row in read_rows(INPUTS / "seed_sources.csv"):
            locators[row["seed"]] = row["locator"]
            source_id = "src-" + short_hash(row["locator"])
            self.sources[source_id] = Source(
                id=source_id,
                locator=row["locator"],
                outlet=row["outlet"],
                published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
                reliability=Reliability(row["reliability"]),
            )
        keys = set()
        for row in read_rows(INPUTS / "seed_positions.csv"):
            locator = locators[row["seed"]]
            self.add_position(row, locator=locator, summary=row["summary"], quote=row["quote"])
            keys.add(seed_key(row["actor_code"], row["topic"], row["stance"], row["date"], locator))
        return keys

    def add_reference(self, path: Path, seed_keys: set[tuple[str, ...]]) -> None:
        summaries = {int(row["row"]): row for row in read_rows(INPUTS / "reference_summaries.csv")}
        for number, row in enumerate(read_rows(path), start=2):
            problem = reference_problem(row)
            if problem:
                self.dropped.append((number, problem))
                continue
            code = CODE_ALIASES.get(row["country_iso3"], row["country_iso3"])
            locator = row["source_url"].strip()
            key = seed_key(code, row["topic"], row["stance"], row["date"], locator)
            if locator.startswith("seed:"):
                if key not in seed_keys:
                    raise SystemExit(f"reference row {number} cites a seed but has no seed row")
                seed = locator.removeprefix("seed:")[:3]
                reason = f"repeats the seed-{seed} row {code} {row['topic']} {row['stance']}"
                self.dropped.append((number, reason))
                continue
            summary = summaries.get(number)
            guard = (row["country_iso3"], row["topic"], row["stance"], row["date"])
            if summary is None or guard != tuple(summary[k] for k in GUARD_COLUMNS):
                raise SystemExit(f"reference row {number}: write its summary ({guard})")
            self.note_outlet(locator, row["source_outlet"])
            self.ref_sources[number] = "src-" + short_hash(locator)
            approximate = bool(re.search(r"date (approx|per)", row["note"], re.IGNORECASE))
            self.dates.setdefault(locator, set()).add((row["date"], approximate))
            cells = {**row, "actor_code": code, "is_date_approximate": str(approximate).lower()}
            self.add_position(cells, locator=locator, summary=summary["summary"])

    def note_outlet(self, locator: str, outlet: str) -> None:
        name, notes = clean_outlet(outlet)
        known_name, known_notes, raws = self.outlets.get(locator, (name, [], []))
        merged = known_notes + [note for note in notes if note not in known_notes]
        self.outlets[locator] = (known_name, merged, [*raws, outlet])

    def finish_sources(self) -> None:
        for locator, (name, notes, raws) in self.outlets.items():
            source_id = "src-" + short_hash(locator)
            grades = [reliability_of(raw, locator) for raw in raws]
            self.sources[source_id] = Source(
                id=source_id,
                locator=locator,
                outlet=f"{name} ({'; '.join(notes)})" if notes else name,
                published=published_of(locator, self.dates.get(locator, set())),
                reliability=max(grades, key=list(Reliability).index),
            )

    def add_pledges(self, reference: list[dict[str, str]]) -> None:
        """Reported pledges; `ref_rows` names reference rows by number and seeds as `seed:003`.
        Amounts are written as stated ("up to 7500", "about 150 (50-250)"); an empty personnel
        cell of a force pledge is unknown, never zero."""
        for row in read_rows(INPUTS / "reported_pledges.csv"):
            refs = row["ref_rows"].split(";")
            check_figure(row, reference[int(refs[0]) - 2])
            source_ids = tuple(self.pledge_source(ref) for ref in refs)
            self.pledges.append(
                Pledge(
                    id="pl-"
                    + short_hash(
                        row["contributor"], row["kind"], row["capability"], row["item"], *source_ids
                    ),
                    contributor=row["contributor"],
                    kind=row["kind"],
                    capability=row["capability"] or None,
                    item=row["item"],
                    sustained=row["sustained"] == "true",
                    duration_months=int(row["duration_months"]) if row["duration_months"] else None,
                    start_month=row["start_month"] or 0,
                    caveats=frozenset(filter(None, row["caveats"].split(";"))),
                    condition=row["condition"],
                    level=Level.REPORTED,
                    source_ids=source_ids,
                    note=row["note"],
                    **{k: row[k] for k in ("personnel", "platforms", "value_eur") if row[k]},
                )
            )

    def pledge_source(self, ref: str) -> str:
        if not ref.startswith("seed:"):
            return self.ref_sources[int(ref)]
        found = [s.id for s in self.sources.values() if s.locator.startswith(f"{ref}_")]
        if len(found) != 1:
            raise SystemExit(f"reported pledge cites {ref!r}, which names no seed document")
        return found[0]


def published_of(locator: str, dates: set[tuple[str, bool]]) -> dt.date | None:
    """When a source was published: the date in its address (`/2025/03/17/`), else the date
    of the one report the reference takes from it, unless that date is marked approximate;
    otherwise unknown (a page reporting events of several days has no one date here)."""
    found = URL_DATE.search(locator)
    if found:
        return dt.date(*(int(part) for part in found.groups()))
    if len(dates) == 1:
        ((date, approximate),) = dates
        return None if approximate else dt.date.fromisoformat(date)
    return None


def seed_key(code: str, topic: str, stance: str, date: str, locator: str) -> tuple[str, ...]:
    return (code, topic, stance, date, locator)


def reference_problem(row: dict[str, str]) -> str:
    """Why a reference row cannot be used, or '' if it passes validation."""
    code = CODE_ALIASES.get(row["country_iso3"], row["country_iso3"])
    if code != COALITION_ACTOR:
        try:
            normalise_code(code)
        except UnknownParticipantError as err:
            return f"unknown country code {row['country_iso3']!r} ({err})"
    try:
        dt.date.fromisoformat(row["date"])
    except ValueError:
        return f"bad date {row['date']!r}"
    if not row["source_url"].strip() or not row["source_outlet"].strip():
        return "missing source (URL or outlet)"
    try:
        Position(
            id="check",
            actor_code=code,
            topic=row["topic"],
            stance=row["stance"],
            quantity=row["quantity"] or None,
            quantity_low=row["quantity_low"] or None,
            quantity_high=row["quantity_high"] or None,
            quantity_unit=row["quantity_unit"] or None,
            date=row["date"],
            source_id="check",
        )
    except ValidationError as err:
        return f"does not validate: {err.errors()[0]['msg']}"
    return ""


def check_figure(pledge: dict[str, str], source_row: dict[str, str]) -> None:
    """A reported pledge's number must be one its first source gives, in the same unit: the
    stated value, or an end of the stated range; where the source gives none, none."""
    unit = source_row["quantity_unit"]
    if not unit and not any(pledge[c] for c in ("personnel", "value_eur")):
        return  # the source gives no number, and the pledge states none: unknown
    column = {"personnel": "personnel", "ships": "platforms", "aircraft": "platforms"}.get(
        unit, "value_eur"
    )
    parse = parse_money if column == "value_eur" else parse_count
    stated = parse(pledge[column]) if pledge[column] else None
    reported = {
        float(source_row[c]) for c in ("quantity", "quantity_low", "quantity_high") if source_row[c]
    }
    given = {float(v) for v in (stated.central, stated.high) if v} if stated else set()
    if not given or not given <= reported | {0.0}:
        raise SystemExit(f"pledge {pledge['contributor']}: {column} is not the reported figure")


def check_outputs(builder: Builder, seeds: Path) -> None:
    """Fail on copied seed text, long summaries, quotes not in their source's words,
    formula-like cells and unknown names."""
    seed_runs = set()
    if not sorted(seeds.glob("*.txt")):
        raise SystemExit(f"no seed documents in {seeds}; give the shared folder with --shared")
    texts = {}
    for seed in sorted(seeds.glob("*.txt")):
        texts[f"seed:{seed.name}"] = " ".join(seed.read_text(encoding="utf-8").split())
        words = words_of(texts[f"seed:{seed.name}"])
        seed_runs |= {tuple(words[i : i + COPY_RUN_WORDS]) for i in range(len(words))}
    for position in builder.positions.values():
        locator = builder.sources[position.source_id].locator
        if position.quote and " ".join(position.quote.split()) not in texts.get(locator, ""):
            raise SystemExit(f"the quote of {position.id} is not in the words of {locator}")
        words = words_of(position.summary)
        runs = {tuple(words[i : i + COPY_RUN_WORDS]) for i in range(len(words) - 11)}
        if runs & seed_runs or len(position.summary) > MAX_SUMMARY_CHARS:
            raise SystemExit(f"rewrite the summary of {position.id}: {position.summary!r}")
    catalog = load_catalog()
    vocabulary = catalog.condition_vocabulary()
    for pledge in builder.pledges:
        problems = [
            check(pledge.condition, vocabulary),
            None if pledge.capability in (None, *catalog.capabilities) else "capability",
            None if pledge.caveats <= set(catalog.caveats) else "caveats",
        ]
        if any(problems):
            raise SystemExit(f"pledge {pledge.id}: {[p for p in problems if p]}")


def words_of(text: str) -> list[str]:
    text = text.replace("ʼ", "'").replace("’", "'")
    return re.findall(r"[a-z0-9']+", text.lower())


def csv_text(header: list[str], records: list[dict[str, object]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for record in records:
        cells = [cell_text(record[name]) for name in header]
        if any(cell[:1] in ("=", "+", "-", "@") for cell in cells):
            raise SystemExit(f"a cell starts like a formula: {cells}")
        writer.writerow(cells)
    return buffer.getvalue()


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Amount):  # written as files/ reads it: "7500", "up to 7500", "unknown"
        return cell_text(value.figure) if value.stated is Stated.EXACT else value.file_text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, frozenset | tuple | list):
        return ";".join(sorted(value) if isinstance(value, frozenset) else value)
    return str(value.value) if hasattr(value, "value") else str(value)


def outputs(builder: Builder) -> dict[Path, str]:
    positions = sorted(builder.positions.values(), key=lambda p: (p.actor_code, p.date, p.id))
    position_header = [name for name in Position.model_fields if name != "supersedes"]
    return {
        OUTPUT / "sources.csv": csv_text(
            list(Source.model_fields),
            [s.model_dump() for s in sorted(builder.sources.values(), key=lambda s: s.id)],
        ),
        OUTPUT / "positions.csv": csv_text(position_header, [p.model_dump() for p in positions]),
        OUTPUT / "pledges.csv": csv_text(
            list(Pledge.model_fields),
            [fields_of(p) for p in sorted(builder.pledges, key=lambda p: p.id)],
        ),
        README: readme_with(builder.dropped),
    }


def fields_of(pledge: Pledge) -> dict[str, object]:
    """The pledge's values by field, amounts kept as `Amount`s (a dump makes them dicts)."""
    return {name: getattr(pledge, name) for name in Pledge.model_fields}


def readme_with(dropped: list[tuple[int, str]]) -> str:
    text = README.read_text(encoding="utf-8")
    before, start, rest = text.partition(DROPPED_START)
    _, end, after = rest.partition(DROPPED_END)
    if not start or not end:
        raise SystemExit(f"{README} lacks the markers {DROPPED_START} and {DROPPED_END}")
    failed = sum(not reason.startswith("repeats") for _, reason in dropped)
    lines = [f"| {number} | {reason} |" for number, reason in dropped]
    table = "\n".join(
        [
            "",
            f"{len(dropped)} rows dropped: {failed} failed validation, "
            f"{len(dropped) - failed} repeat a row of the seed table (kept in its favour).",
            "",
            "| row | reason |",
            "| --- | --- |",
            *lines,
            "",
        ]
    )
    return before + start + table + end + after


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=SHARED, help=f"folder of reference/ and seeds/ ({SHARED})"
    )
    parser.add_argument("--reference", type=Path, help="default: SHARED/reference/...")
    parser.add_argument("--check", action="store_true", help="report stale files, write nothing")
    args = parser.parse_args()
    reference = args.reference or args.shared / "reference" / "public-positions.csv"
    builder = Builder()
    seed_keys = builder.add_seeds()
    builder.add_reference(reference, seed_keys)
    builder.finish_sources()
    builder.add_pledges(read_rows(reference))
    check_outputs(builder, args.shared / "seeds")
    stale = [path for path, text in outputs(builder).items() if not same(path, text)]
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(REPO)}")
        return 1 if stale else 0
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for path, text in outputs(builder).items():
        path.write_text(text, encoding="utf-8")
    print(
        f"{len(builder.sources)} sources, {len(builder.positions)} positions, "
        f"{len(builder.pledges)} pledges; {len(builder.dropped)} reference rows dropped"
    )
    return 0


def same(path: Path, text: str) -> bool:
    return path.exists() and path.read_text(encoding="utf-8") == text


if __name__ == "__main__":
    sys.exit(main())
