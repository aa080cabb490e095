"""`forcegen assess` and `forcegen export` end to end, on a demo database (SQLite; both backends
are covered by tests/integration/assessment)."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pypdf
import pytest
from typer.testing import CliRunner, Result

import forcegen.cli.assess  # attaches the commands, as forcegen.cli does
from forcegen.bootstrap import SystemClock
from forcegen.catalog import load_catalog, load_public_dataset
from forcegen.cli import app, context
from forcegen.service.demo import load_demo
from forcegen.store.engine import make_engine
from forcegen.store.migrate import upgrade
from forcegen.store.uow import SqlUnitOfWork, make_session_factory

_SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "readme_example.py"
_SPEC = importlib.util.spec_from_file_location("readme_example", _SCRIPT)
assert _SPEC is not None
assert _SPEC.loader is not None
readme_example = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(readme_example)

SHEETS = {
    "about",
    "summary",
    "scenarios",
    "activation",
    "coverage",
    "sustainment",
    "packages",
    "leverage",
    "held_back",
    "burden",
    "enabler_demand",
    "nominations",
    "ladder",
    "support",
    "sanctions",
    "pledges",
    "sources",
}


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A demo database (URL) and the id of its illustrative round."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'forcegen.db'}"
    engine = make_engine(url)
    upgrade(engine)
    factory = make_session_factory(engine)
    catalog, dataset = load_catalog(), load_public_dataset()
    demo = load_demo(
        uow=lambda: SqlUnitOfWork(factory, SystemClock()),
        catalog=catalog,
        questionnaire=catalog.questionnaire(),
        vocabulary=catalog.answer_vocabulary(),
        sources=dataset.sources,
        positions=dataset.positions,
        pledges=dataset.pledges,
        accounts_to_create=(),
        now=dt.datetime.now(dt.UTC),
    )
    engine.dispose()
    return url, demo.round.id


@pytest.fixture
def cli(
    demo_database: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CliRunner]:
    monkeypatch.setenv("FORCEGEN_DATABASE_URL", demo_database[0])
    monkeypatch.setenv("FORCEGEN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FORCEGEN_SECRET_KEY", "k" * 48)
    monkeypatch.setenv("COLUMNS", "160")
    context.reset()
    yield CliRunner()
    context.reset()


@pytest.fixture
def round_id(demo_database: tuple[str, str]) -> str:
    return demo_database[1]


def run(cli: CliRunner, *args: str) -> Result:
    return cli.invoke(app, list(args), catch_exceptions=False)


class TestAssess:
    def test_prints_the_summary_and_the_tables(self, cli: CliRunner, round_id: str) -> None:
        result = run(cli, "assess", "--round", round_id)

        assert result.exit_code == 0, result.output
        assert "Illustrative round" in result.stdout
        words = " ".join(result.stdout.replace("│", " ").split())  # undo the panel's wrapping
        assert "the active force is 50–13,900 of the 40,000 personnel required" in words
        assert "What the pledges ask of the United States:" in words
        assert "The coordination gap: about 150 of the force exists only if" in words
        assert "Force against requirement, by scenario" in result.stdout
        assert "GBR/troops/1" in result.stdout

    def test_driver_settings_change_the_force(self, cli: CliRunner, round_id: str) -> None:
        result = run(
            cli,
            "assess",
            "--round",
            round_id,
            "--scenario",
            "full_backstop",
            "--set",
            "peace_agreement=true",
            "--set",
            "parliament.GBR=true",
            "--format",
            "json",
        )

        assert result.exit_code == 0, result.output
        tables = json.loads(result.stdout)["tables"]
        selected = tables["scenarios"]["rows"][0]
        assert (selected["scenario"], selected["personnel"]) == ("selected", "50–13,900")
        assert selected["gap_kyiv_40k"] == "26,100–39,950"
        assert "GBR/troops/1" in selected["pledge_ids"]

    def test_json_resolves_every_pledge_to_its_sources(self, cli: CliRunner) -> None:
        result = run(cli, "assess", "--public", "--format", "json")

        tables = json.loads(result.stdout)["tables"]
        sources = {row["id"] for row in tables["sources"]["rows"]}
        for pledge in tables["pledges"]["rows"]:
            assert set(pledge["source_ids"]) <= sources

    def test_markdown_has_a_heading_and_pipe_tables(self, cli: CliRunner) -> None:
        result = run(cli, "assess", "--public", "--format", "markdown")

        assert result.stdout.startswith("# Public record")
        assert "## Force against requirement, by scenario" in result.stdout
        assert "| scenario | scenario_name | personnel |" in result.stdout

    def test_an_unknown_driver_is_refused_with_the_closest_name(
        self, cli: CliRunner, round_id: str
    ) -> None:
        result = cli.invoke(app, ["assess", "--round", round_id, "--set", "us.isrr=true"])

        assert result.exit_code == 1
        assert "No driver 'us.isrr' (did you mean 'us.isr'?)" in result.stderr

    @pytest.mark.parametrize(
        ("option", "value", "expected"),
        [
            ("--requirement", "kyiv_40", "(did you mean 'kyiv_40k'?)"),
            ("--scenario", "full_backstp", "(did you mean 'full_backstop'?)"),
            ("--level-floor", "comitted", "(did you mean 'committed'?)"),
        ],
        ids=["requirement", "scenario", "level"],
    )
    def test_unknown_choices_suggest_the_closest(
        self, cli: CliRunner, option: str, value: str, expected: str
    ) -> None:
        result = cli.invoke(app, ["assess", "--public", option, value])

        assert result.exit_code == 1
        assert expected in result.stderr

    def test_an_unknown_round_says_where_to_find_one(self, cli: CliRunner) -> None:
        result = cli.invoke(app, ["assess", "--round", "nosuchround"])

        assert result.exit_code == 1
        assert "No round with id 'nosuchround'" in result.stderr

    def test_asks_what_to_assess(self, cli: CliRunner, round_id: str) -> None:
        result = cli.invoke(app, ["assess"])

        assert result.exit_code == 1
        assert "--round ROUND_ID" in result.stderr
        assert round_id in result.stderr


class TestExport:
    def test_xlsx_has_one_sheet_per_table(
        self, cli: CliRunner, round_id: str, tmp_path: Path
    ) -> None:
        output = tmp_path / "brief.xlsx"

        result = run(
            cli, "export", "--round", round_id, "--format", "xlsx", "--output", str(output)
        )

        assert result.exit_code == 0, result.output
        workbook = openpyxl.load_workbook(output, read_only=True)
        assert set(workbook.sheetnames) == SHEETS
        rows = list(workbook["scenarios"].iter_rows(values_only=True))
        assert rows[0][:3] == ("scenario", "scenario_name", "personnel")
        assert rows[1][:3] == (
            "selected",
            "Selected: US offer as reported in August 2025",
            "50–13,900",
        )
        workbook.close()

    def test_csv_writes_a_file_per_table_and_an_index(self, cli: CliRunner, tmp_path: Path) -> None:
        output = tmp_path / "brief"

        result = run(cli, "export", "--public", "--format", "csv", "--output", str(output))

        assert result.exit_code == 0, result.output
        assert {p.stem for p in output.glob("*.csv")} == SHEETS - {
            "enabler_demand",
            "nominations",
            "ladder",
            "support",
            "sanctions",
        } | {"index"}
        with (output / "pledges.csv").open(encoding="utf-8-sig", newline="") as handle:
            pledges = list(csv.DictReader(handle))
        uk = next(row for row in pledges if row["contributor"] == "GBR")
        # The Times, the Commons vote, the FT on US backing, seed 003 on the August offer
        assert uk["source_ids"] == (
            "src-1bae696836; src-32cf353a47; src-3314b0906a; src-c24283e86a"
        )

    def test_csv_to_a_file_name_is_refused_and_creates_nothing(
        self, cli: CliRunner, tmp_path: Path
    ) -> None:
        output = tmp_path / "brief.csv"

        result = run(cli, "export", "--public", "--format", "csv", "--output", str(output))

        assert result.exit_code == 1
        assert "give a directory, e.g. --output" in result.output
        assert not output.exists()

    def test_json_export_is_the_assess_json(
        self, cli: CliRunner, round_id: str, tmp_path: Path
    ) -> None:
        output = tmp_path / "brief.json"

        run(cli, "export", "--round", round_id, "--format", "json", "--output", str(output))

        document = json.loads(output.read_text(encoding="utf-8"))
        assert document["format"] == "forcegen.assessment/1"
        assert set(document["tables"]) == SHEETS


class TestAssessProbability:
    def test_json_says_how_likely_each_profile_is_met_and_who_is_pivotal(
        self, cli: CliRunner, round_id: str
    ) -> None:
        result = run(
            cli,
            "assess",
            "--round",
            round_id,
            "--probability",
            "us.backstop=0.5",
            "--format",
            "json",
        )

        assert result.exit_code == 0, result.output
        probability = json.loads(result.stdout)["probability"]
        assert probability["method"] == "exact"
        assert set(probability["met"]) == {
            "kyiv_40k",
            "kyiv_50k",
            "high_100k",
            "coalition_15k",
            "coalition_30k",
        }
        assert probability["standard_error"] is None
        assert probability["drivers"] == {"us.backstop": 0.5}
        assert set(probability["pivotal"]["GBR"]) == {"shapley", "banzhaf"}

    def test_a_likelier_driver_moves_the_force_distribution(
        self, cli: CliRunner, round_id: str
    ) -> None:
        def mean_force(probability: str) -> float:
            result = run(
                cli,
                "assess",
                "--round",
                round_id,
                "--scenario",
                "no_us_support",
                "--probability",
                probability,
                "--format",
                "json",
            )
            return float(json.loads(result.stdout)["probability"]["force"]["greatest"]["mean"])

        assert mean_force("us.backstop=90%") > mean_force("us.backstop=10%")

    def test_honouring_is_sampled_with_standard_errors_and_a_seed(
        self, cli: CliRunner, round_id: str
    ) -> None:
        arguments = ["assess", "--round", round_id, "--honouring", "ladder", "--samples", "3000"]

        first, again = (
            json.loads(run(cli, *arguments, "--seed", "5", "--format", "json").stdout)[
                "probability"
            ]
            for _ in range(2)
        )

        assert first["method"] == "monte_carlo"
        assert set(first["standard_error"]) == set(first["met"])
        assert (first["samples"], first["honouring"]) == (3000, "ladder")
        assert first["force"] == again["force"]

    def test_the_terminal_shows_the_chance_of_each_profile_and_line_at_both_fixpoints(
        self, cli: CliRunner
    ) -> None:
        result = run(cli, "assess", "--public", "--probability", "us.isr=0.3")

        assert "How likely each requirement is met" in result.stdout
        assert "line combat" in result.stdout
        assert "Active force if all move together, percentiles" in result.stdout
        assert "Active force if nobody moves first, percentiles" in result.stdout
        assert "Pivotal contributors" in result.stdout

    def test_a_probability_that_is_not_one_is_refused(self, cli: CliRunner) -> None:
        result = cli.invoke(app, ["assess", "--public", "--probability", "us.isr=2"])

        assert result.exit_code == 1
        assert "Cannot read the probability 'us.isr=2'" in result.stderr


class TestBrief:
    """`forcegen brief` typesets a PDF of two to four pages; CI renders it here."""

    def test_the_public_brief_is_a_pdf_of_two_to_four_pages_with_its_sections(
        self, cli: CliRunner, tmp_path: Path
    ) -> None:
        output = tmp_path / "brief.pdf"

        result = run(cli, "brief", "--public", "--output", str(output))

        assert result.exit_code == 0, result.output
        reader = pypdf.PdfReader(output)
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert 2 <= len(reader.pages) <= 4
        for heading in (
            "In plain words",
            "Force against requirement, by scenario",
            "What is needed from the United States",
            "Gaps by capability",
            "Not counted in these figures",
            "How likely",
        ):
            assert heading in text
        assert "the active force is 50–13,900 of the 40,000" in text

    def test_the_brief_says_how_likely_under_the_probabilities_given(
        self, cli: CliRunner, tmp_path: Path
    ) -> None:
        output = tmp_path / "likely.pdf"

        run(cli, "brief", "--public", "--probability", "us.backstop=0.5", "--output", str(output))

        reader = pypdf.PdfReader(output)
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert len(reader.pages) <= 4
        assert "Exact, over every combination of the uncertain drivers" in text
        assert "Uncertain drivers: us.backstop 50%" in text
        assert "Chance that the requirement is met" in text
        assert "P(≥ 40,000)" in text

    def test_every_figure_of_the_round_brief_has_its_sources_as_footnotes(
        self, cli: CliRunner, round_id: str, tmp_path: Path
    ) -> None:
        output = tmp_path / "round.pdf"

        run(cli, "brief", "--round", round_id, "--output", str(output))

        text = " ".join(page.extract_text() for page in pypdf.PdfReader(output).pages)
        words = " ".join(text.split())
        assert "Illustrative round" in words
        assert "response of France (FRA), version 1" in words
        assert "response of United Kingdom (GBR), version 1" in words


class TestCompare:
    """`forcegen compare` says, pledge by pledge, why two views of the same sources differ."""

    def test_the_round_and_the_record_agree_and_the_difference_is_what_has_no_number(
        self, cli: CliRunner, round_id: str
    ) -> None:
        """The demo's headline and `--public` agree (Done-when 2); what differs is named."""
        result = run(cli, "compare", "--round", round_id, "--public", "--format", "json")

        found = json.loads(result.stdout)
        sentences = [d["sentence"] for d in found["pledges"]]
        assert found["left"]["force"] == found["right"]["force"] == "50–13,900"
        assert "DNK unknown: active in the round, not pledged in the public record." in sentences

    def test_two_scenarios_of_one_round(self, cli: CliRunner, round_id: str) -> None:
        result = run(cli, "compare", "--round", round_id, "--versus-scenario", "no_us_support")

        assert result.exit_code == 0, result.output
        assert (
            "GBR up to 7,500 (land.combat): active in scenario us_offer_aug_2025, waits for "
            "US air defence, US backstop, US intelligence, US logistics in scenario no_us_support"
            in " ".join(result.stdout.split())
        )

    def test_asks_what_to_compare(self, cli: CliRunner) -> None:
        result = cli.invoke(app, ["compare", "--public"])

        assert result.exit_code == 1
        assert "--round ROUND_ID --public" in result.stderr


class TestReadme:
    def test_the_readme_example_is_what_the_demo_prints(
        self, cli: CliRunner, round_id: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # The terminal's width is read when the console is made: set it as the script does.
        monkeypatch.setattr(forcegen.cli.assess._out, "width", int(readme_example.WIDTH))

        block = readme_example.readme_block(
            run(cli, "assess", "--round", round_id).stdout,
            run(cli, "compare", "--round", round_id, "--public").stdout,
        )

        readme = readme_example.README.read_text(encoding="utf-8")
        assert readme_example.current_block(readme) == block, (
            "README.md's example is stale: run .venv/bin/python scripts/readme_example.py"
        )
