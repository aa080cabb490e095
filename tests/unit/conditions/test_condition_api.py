"""The public API of the condition language: one sorted, complete `__all__`."""

import types

import forcegen.conditions as conditions


def isort_style(name: str) -> tuple[int, str]:
    """Constants first, then classes, then functions: the order `ruff` (RUF022) keeps."""
    if name.isupper():
        return (0, name)
    return (1, name) if name[0].isupper() else (2, name)


def test_all_is_sorted_constants_then_classes_then_functions() -> None:
    assert conditions.__all__ == sorted(conditions.__all__, key=isort_style)


def test_all_names_every_public_name_and_nothing_else() -> None:
    public = {
        name
        for name, value in vars(conditions).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }

    assert set(conditions.__all__) == public
