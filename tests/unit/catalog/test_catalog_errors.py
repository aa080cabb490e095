"""Malformed data files stop loading with one line: the file, the place and the fix."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

import forcegen
from forcegen.catalog import load_catalog, load_questionnaire_file, load_requirements_file
from forcegen.model.errors import DataFileError
from forcegen.model.questionnaire import FieldKind

PACKAGED_DATA = Path(forcegen.__file__).parent / "data"

VALID_QUESTIONNAIRE = """\
key: mine
version: 2
title: My questionnaire
questions:
  - key: troops
    number: 1
    title: Troops
    text: Would you deploy?
    audience: {kind: members_of, organisation: NATO}
    fields:
      - key: decision
        label: Decision
        kind: select_one
        options:
          - {value: "yes", label: "Yes"}
          - {value: "no", label: "No"}
"""


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_from_questionnaire(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(DataFileError) as caught:
        load_questionnaire_file(path)
    message = caught.value.message
    assert "\n" not in message
    return message.removeprefix(f"{path}: ")


def replaced(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not found"
    return text.replace(old, new, 1)


class TestQuestionnaireFiles:
    def test_a_valid_file_loads(self, tmp_path: Path) -> None:
        questionnaire = load_questionnaire_file(write(tmp_path, VALID_QUESTIONNAIRE))

        assert (questionnaire.key, questionnaire.version) == ("mine", 2)
        assert questionnaire.questions[0].fields[0].kind is FieldKind.SELECT_ONE

    def test_an_unknown_field_kind_lists_the_kinds(self, tmp_path: Path) -> None:
        text = replaced(VALID_QUESTIONNAIRE, "kind: select_one", "kind: numbr")

        assert error_from_questionnaire(tmp_path, text) == (
            "questions[0].fields[0].kind: 'numbr' is not a field kind; use one of text, boolean, "
            "integer, money_eur, select_one, select_many, country_list, condition, repeat_group "
            "(line 13)"
        )

    def test_the_file_name_comes_first(self, tmp_path: Path) -> None:
        path = write(tmp_path, replaced(VALID_QUESTIONNAIRE, "version: 2", "version: two"))

        with pytest.raises(DataFileError) as caught:
            load_questionnaire_file(str(path))

        assert caught.value.message == (
            f"{path}: version: expected a whole number, got 'two' (line 2)"
        )

    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            (
                "title: Troops",
                "titel: Troops",
                "questions[0].title: 'title' is missing; add it [1 more problem after this one] "
                "(line 5)",
            ),
            (
                "        label: Decision",
                "        lable: Decision",
                "questions[0].fields[0].label: 'label' is missing; add it "
                "[1 more problem after this one] (line 11)",
            ),
            (
                "    text: Would you deploy?",
                "    text: Would you deploy?\n    help: Yes",
                "questions[0].help: 'help' is not a known entry here; remove it or use one of "
                "key, number, title, text, audience, fields (line 9)",
            ),
            (
                "organisation: NATO",
                "organisation: OSCE",
                "questions[0].audience: a members_of audience needs 'organisation', one of EU, "
                "NATO; got 'OSCE' (line 9)",
            ),
            (
                "{kind: members_of, organisation: NATO}",
                "{kind: some}",
                "questions[0].audience.kind: 'some' is not an audience kind; use one of all, "
                "members_of, participants (line 9)",
            ),
            (
                '{value: "yes", label: "Yes"}',
                "{value: yes, label: Yes}",
                "questions[0].fields[0].options[0].value: expected text, got True; put quotes "
                'around words like yes, no, on and off, e.g. "yes" [1 more problem after this '
                "one] (line 15)",
            ),
            (
                "        options:\n",
                "        options_from: capabilities\n        options:\n",
                "questions[0].fields[0]: a select_one field needs exactly one of 'options' (a "
                "list) or 'options_from' (capabilities, caveats, us_enablers, drivers or "
                "participants) (line 11)",
            ),
            (
                "      - key: decision",
                "      - key: Decision",
                "questions[0].fields[0].key: 'Decision' is not a valid key; use lower-case "
                "letters, digits and underscores, starting with a letter (line 11)",
            ),
            (
                "fields:\n",
                "fields: []\n",
                "questions[0].fields: needs at least 1 entries; add them (line 10)",
            ),
        ],
        ids=[
            "missing-title",
            "misspelt-entry",
            "unknown-entry",
            "unknown-organisation",
            "unknown-audience-kind",
            "unquoted-yes",
            "options-and-options-from",
            "bad-key",
            "no-fields",
        ],
    )
    def test_a_malformed_file_names_the_place_and_the_fix(
        self, tmp_path: Path, old: str, new: str, expected: str
    ) -> None:
        text = replaced(VALID_QUESTIONNAIRE, old, new)
        if new == "fields: []\n":
            text = text[: text.index("fields: []\n") + len("fields: []\n")]

        assert error_from_questionnaire(tmp_path, text) == expected

    def test_a_yaml_syntax_error_names_the_line(self, tmp_path: Path) -> None:
        text = replaced(VALID_QUESTIONNAIRE, "title: My questionnaire", "title: [My questionnaire")

        assert error_from_questionnaire(tmp_path, text) == (
            "line 4, column 10: YAML syntax error: expected ',' or ']', but got ':' (while "
            "parsing a flow sequence that starts at line 3, column 8); fix the syntax there "
            "(indentation, a missing ':' or an unclosed quote or bracket)"
        )

    def test_a_key_written_twice_is_an_error(self, tmp_path: Path) -> None:
        text = replaced(VALID_QUESTIONNAIRE, "version: 2\n", "version: 2\nversion: 3\n")

        assert error_from_questionnaire(tmp_path, text) == (
            "line 3, column 1: the key 'version' appears twice in the same mapping; keep one"
        )

    def test_an_empty_file_says_what_is_expected(self, tmp_path: Path) -> None:
        assert error_from_questionnaire(tmp_path, "# nothing yet\n") == (
            "the file is empty; expected a mapping with key, version, title, questions"
        )

    def test_a_list_at_the_top_is_not_a_questionnaire(self, tmp_path: Path) -> None:
        assert error_from_questionnaire(tmp_path, "- key: mine\n") == (
            "expected a mapping (key: value entries), got a list (line 1)"
        )

    def test_a_missing_file_says_so(self, tmp_path: Path) -> None:
        path = tmp_path / "absent.yaml"

        with pytest.raises(DataFileError, match=r"absent.yaml: cannot be read .*; check the path"):
            load_questionnaire_file(path)


JOINT = """    probabilities:
      us.isr: 0.4
    joint:
      - key: settlement
        outcomes:
          - drivers: {ceasefire: true, peace_agreement: true}
            probability: 0.5
          - drivers: {ceasefire: false, peace_agreement: false}
            probability: 0.5
    source: >-
      Illustrative scenario"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the packaged data to break one file at a time."""
    target = tmp_path / "data"
    shutil.copytree(PACKAGED_DATA, target, ignore=shutil.ignore_patterns("public", "__pycache__"))
    return target


def break_file(data_dir: Path, name: str, old: str, new: str) -> int:
    """Replace `old` by `new` in one file; return the 1-based line of the change."""
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    changed = replaced(text, old, new)
    path.write_text(changed, encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def catalog_error(data_dir: Path) -> str:
    with pytest.raises(DataFileError) as caught:
        load_catalog(data_dir)
    assert "\n" not in caught.value.message
    return caught.value.message


class TestCatalogFiles:
    def test_an_intact_copy_loads(self, data_dir: Path) -> None:
        assert set(load_catalog(data_dir).requirements) == {
            "kyiv_40k",
            "kyiv_50k",
            "high_100k",
            "coalition_15k",
            "coalition_30k",
        }

    def test_an_unknown_capability_in_a_requirement_suggests_the_closest(
        self, data_dir: Path
    ) -> None:
        line = break_file(
            data_dir, "requirements.yaml", "capability: land.engineering", "capability: land.engnrg"
        )

        assert catalog_error(data_dir).startswith(
            "requirements.yaml: requirements[0].lines[2].capability: 'land.engnrg' is not a "
            "capability (did you mean 'land.engineering'?); use one of land.combat, "
        )
        assert catalog_error(data_dir).endswith(f"(line {line})")

    def test_an_unknown_excluded_caveat_is_named(self, data_dir: Path) -> None:
        break_file(data_dir, "requirements.yaml", "no_contact_line,", "no_contactline,")

        assert "requirements[0].lines[0].excluded_caveats: 'no_contactline' is not a caveat " in (
            catalog_error(data_dir)
        )

    def test_lines_above_the_total_are_rejected(self, data_dir: Path) -> None:
        line = break_file(data_dir, "requirements.yaml", "    lines:", "    lines:")
        break_file(
            data_dir, "requirements.yaml", "total_personnel: 40000", "total_personnel: 30000"
        )

        assert catalog_error(data_dir) == (
            "requirements.yaml: requirements[0].lines: the lines add up to 40,000 personnel, "
            "more than total_personnel 30,000; lower the lines or raise the total "
            f"(line {line + 1})"
        )

    def test_an_unknown_driver_in_a_scenario_suggests_the_closest(self, data_dir: Path) -> None:
        line = break_file(data_dir, "scenarios.yaml", "us.air_cover: false", "us.aircover: false")

        assert catalog_error(data_dir).startswith(
            "scenarios.yaml: scenarios[0].drivers['us.aircover']: 'us.aircover' is not a driver "
            "(did you mean 'us.air_cover'?); use one of "
        )
        assert catalog_error(data_dir).endswith(f"(line {line})")

    def test_a_scenario_file_gives_probabilities_and_joint_scenarios(self, data_dir: Path) -> None:
        break_file(data_dir, "scenarios.yaml", "    source: >-\n      Illustrative scenario", JOINT)

        scenario = load_catalog(data_dir).scenario("no_us_support")

        assert scenario.probabilities == {"us.isr": 0.4}
        assert scenario.joint[0].drivers == ("ceasefire", "peace_agreement")

    def test_joint_outcomes_that_do_not_add_up_to_one_are_refused(self, data_dir: Path) -> None:
        break_file(data_dir, "scenarios.yaml", "    source: >-\n      Illustrative scenario", JOINT)
        break_file(data_dir, "scenarios.yaml", "probability: 0.5", "probability: 0.4")

        assert "the outcomes of 'settlement' add up to 0.9" in catalog_error(data_dir)

    def test_the_honouring_ladder_cannot_fall_as_the_level_rises(self, data_dir: Path) -> None:
        break_file(data_dir, "honouring.yaml", "probability: 0.85", "probability: 0.7")

        assert catalog_error(data_dir).startswith(
            "honouring.yaml: committed (0.7) is firmer than offered (0.75) but less likely"
        )

    def test_a_parliament_driver_needs_a_country_code(self, data_dir: Path) -> None:
        line = break_file(data_dir, "drivers.yaml", "key: parliament.NLD", "key: parliament.HOL")

        assert catalog_error(data_dir) == (
            "drivers.yaml: drivers[13].key: 'parliament.HOL' is not a parliament driver key; use "
            "'parliament.' and the country's ISO 3166-1 alpha-3 code, e.g. 'parliament.DEU' "
            f"(line {line})"
        )

    def test_an_unknown_driver_group_lists_the_groups(self, data_dir: Path) -> None:
        line = break_file(data_dir, "drivers.yaml", "group: political", "group: politics")

        assert catalog_error(data_dir) == (
            "drivers.yaml: drivers[7].group: 'politics' is not a driver group; use one of "
            f"us_enabler, political, parliament (line {line})"
        )

    def test_a_capability_defined_twice_names_both_places(self, data_dir: Path) -> None:
        line = break_file(data_dir, "taxonomy/capabilities.yaml", "key: medical", "key: logistics")

        assert catalog_error(data_dir) == (
            "taxonomy/capabilities.yaml: capabilities[9].key: 'logistics' is already defined at "
            f"capabilities[8]; keys must be unique, so rename or remove one (line {line})"
        )

    def test_a_yaml_syntax_error_in_the_taxonomy_names_the_line(self, data_dir: Path) -> None:
        line = break_file(data_dir, "taxonomy/caveats.yaml", "  - key: training_only", "  key: x")

        assert catalog_error(data_dir).startswith(f"taxonomy/caveats.yaml: line {line}, column ")

    def test_a_missing_file_is_named(self, data_dir: Path) -> None:
        (data_dir / "scenarios.yaml").unlink()

        assert catalog_error(data_dir).startswith("scenarios.yaml: cannot be read (")

    def test_a_missing_default_questionnaire_is_named(self, data_dir: Path) -> None:
        (data_dir / "questionnaire" / "default.yaml").rename(data_dir / "questionnaire" / "x.txt")

        assert catalog_error(data_dir) == (
            "questionnaire/: no questionnaire has the key 'default'; restore default.yaml"
        )

    def test_an_extra_questionnaire_file_is_loaded(self, data_dir: Path) -> None:
        write(data_dir / "questionnaire", VALID_QUESTIONNAIRE)

        assert set(load_catalog(data_dir).questionnaires) == {"default", "mine"}

    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            (
                "DEU,Germany,1,1,4684.182,",
                "DEU,Germany,1,1,4.684.182,",
                "countries.csv: line 11, gdp_usd_bn: '4.684.182' is not a number; write digits "
                "with '.' for decimals, e.g. 7500, 7,500 or 0.75",
            ),
            (
                "DEU,Germany,1,1,",
                "Deu,Germany,1,1,",
                "countries.csv: line 11, iso3: 'Deu' is not an ISO 3166-1 alpha-3 country code "
                "(did you mean 'DEU'?)",
            ),
            (
                "DEU,Germany,1,1,",
                "DEU,Germany,yes,1,",
                "countries.csv: line 11, eu: 'yes' is not a membership flag; use 1 or 0",
            ),
            (
                "DEU,Germany,1,1,4684.182,",
                "DEU,Germany,1,1,-4684.182,",
                "countries.csv: line 11, gdp_usd_bn: -4684.182 is out of range; use a number "
                "above 0",
            ),
            (
                "iso3,name,",
                "code,name,",
                "countries.csv: line 1: the header must be iso3,name,eu,nato,gdp_usd_bn,"
                "gdp_source,population_m,population_source,active_military_k,"
                "active_military_source,defence_spending_usd_bn,defence_pct_gdp,defence_source,"
                "year; missing: iso3; unexpected: code",
            ),
        ],
        ids=["bad-number", "bad-code", "bad-flag", "negative-gdp", "bad-header"],
    )
    def test_a_malformed_country_row_names_line_and_column(
        self, data_dir: Path, old: str, new: str, expected: str
    ) -> None:
        break_file(data_dir, "countries.csv", old, new)

        assert catalog_error(data_dir) == expected


class TestRequirementFiles:
    def test_a_coordinator_requirement_file_is_checked_against_the_taxonomy(
        self, tmp_path: Path
    ) -> None:
        text = """\
            requirements:
              - key: small
                name: Small force
                total_personnel: 1000
                source: Planning assumption.
                lines:
                  - {key: air, label: Air, capability: air.polcing, personnel: 100}
            """
        path = write(tmp_path, text, name="small.yaml")

        with pytest.raises(DataFileError) as caught:
            load_requirements_file(path, catalog=load_catalog())

        assert caught.value.message.startswith(
            f"{path}: requirements[0].lines[0].capability: 'air.polcing' is not a capability "
            "(did you mean 'air.policing'?)"
        )
        assert caught.value.message.endswith("(line 7)")
