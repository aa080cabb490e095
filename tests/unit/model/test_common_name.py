"""Participants by the names people use: "UK" is the United Kingdom, never Ukraine."""

import pytest

from forcegen.model.common_name import code_for_name, with_article

NAMES = [
    ("UK", "GBR"),
    ("Britain", "GBR"),
    ("great britain", "GBR"),
    ("Turkey", "TUR"),
    ("Türkiye", "TUR"),
    ("turkiye", "TUR"),
    ("fra", "FRA"),
    ("France", "FRA"),
    ("Ukraine", "UKR"),
    ("European Union", "EU"),
    ("Czech Republic", "CZE"),
]


@pytest.mark.parametrize(("name", "code"), NAMES, ids=[n for n, _ in NAMES])
def test_a_common_name_stands_for_its_code(name: str, code: str) -> None:
    assert code_for_name(name) == code


def test_a_name_nobody_uses_stands_for_nothing() -> None:
    assert code_for_name("Narnia") is None


@pytest.mark.parametrize(
    ("name", "in_a_sentence"),
    [
        ("United Kingdom", "the United Kingdom"),
        ("Netherlands", "the Netherlands"),
        ("France", "France"),
    ],
)
def test_names_that_take_an_article_get_one(name: str, in_a_sentence: str) -> None:
    assert with_article(name) == in_a_sentence
