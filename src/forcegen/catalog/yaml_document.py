"""YAML documents that remember where each value was written, so errors can name the line.

Every data-file error is one line: the file, the place inside it (`questions[2].fields[0].kind`)
and what to do, followed by the line number when it is known.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from importlib.resources.abc import Traversable
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from forcegen.catalog.error_message import describe_error, is_follow_on
from forcegen.model.errors import DataFileError

Loc = Sequence[int | str]
M = TypeVar("M", bound=BaseModel)


def place_of(loc: Loc) -> str:
    """`('questions', 2, 'fields', 0, 'kind')` -> `questions[2].fields[0].kind`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text


def file_error(filename: str, loc: Loc, message: str, *, line: int | None = None) -> DataFileError:
    """One-line DataFileError: `file: place: message (line n)`."""
    place = place_of(loc)
    where = f"{filename}: {place}: " if place else f"{filename}: "
    at_line = f" (line {line})" if line is not None else ""
    return DataFileError(" ".join(f"{where}{message}{at_line}".split()))


class _DuplicateKeyError(yaml.constructor.ConstructorError):
    """A key repeated in one mapping: valid YAML syntax, but almost always a mistake."""


class _StrictLoader(yaml.SafeLoader):
    """The safe loader, refusing a key repeated in one mapping (PyYAML keeps the last silently)."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Hashable, object]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, Hashable) and key in seen:
                raise _DuplicateKeyError(
                    None,
                    None,
                    f"the key {key!r} appears twice in the same mapping; keep one",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class YamlDocument:
    """A parsed YAML file: its data, and the node tree used to find the line of a place."""

    def __init__(self, filename: str, data: object, root: Node | None) -> None:
        self.filename = filename
        self.data = data
        self._root = root

    @classmethod
    def parse(cls, text: str, *, filename: str) -> YamlDocument:
        """Parse YAML text safely.

        Raises:
            DataFileError: the text is not valid YAML; the message names the line and column.
        """
        loader = _StrictLoader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        except yaml.MarkedYAMLError as err:
            raise _syntax_error(filename, err) from err
        except yaml.YAMLError as err:
            raise DataFileError(f"{filename}: not valid YAML ({err}); fix the syntax") from err
        finally:
            loader.dispose()
        return cls(filename, data, root)

    @classmethod
    def read(cls, resource: Traversable, *, filename: str) -> YamlDocument:
        """Read and parse a file (a path or a packaged resource).

        Raises:
            DataFileError: the file cannot be read as UTF-8 text, or is not valid YAML.
        """
        try:
            text = resource.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise DataFileError(
                f"{filename}: cannot be read ({err}); check the path and that it is UTF-8 text"
            ) from err
        return cls.parse(text, filename=filename)

    def line_of(self, loc: Loc) -> int | None:
        """The 1-based line of the deepest node of `loc` that exists in the file."""
        node = self._root
        if node is None:
            return None
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1

    def error(self, loc: Loc, message: str) -> DataFileError:
        return file_error(self.filename, loc, message, line=self.line_of(loc))

    def validate(self, schema: type[M]) -> M:
        """The data as a `schema` instance.

        Raises:
            DataFileError: naming the first problem's place and fix, and how many others follow.
        """
        if self.data is None:
            raise DataFileError(f"{self.filename}: the file is empty; {_expected(schema)}")
        try:
            return schema.model_validate(self.data)
        except ValidationError as err:
            errors = err.errors(include_url=False)
            loc, message = describe_error(errors[0], schema)
            more = sum(not is_follow_on(error, errors) for error in errors[1:])
            if more:
                message += f" [{more} more problem{'s' if more > 1 else ''} after this one]"
            raise self.error(loc, message) from err


def _child(node: Node, part: int | str) -> Node | None:
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        child: Node = node.value[part]
        return child
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                found: Node = value_node
                return found
    return None


def _syntax_error(filename: str, err: yaml.MarkedYAMLError) -> DataFileError:
    where = f"{_at(err.problem_mark)}: " if err.problem_mark is not None else ""
    if isinstance(err, _DuplicateKeyError):
        return DataFileError(f"{filename}: {where}{err.problem}")
    problem = err.problem or "the text cannot be parsed"
    if err.context and err.context_mark is not None:
        problem += f" ({err.context} that starts at {_at(err.context_mark)})"
    elif err.context:
        problem += f" ({err.context})"
    return DataFileError(
        " ".join(
            f"{filename}: {where}YAML syntax error: {problem}; fix the syntax there "
            "(indentation, a missing ':' or an unclosed quote or bracket)".split()
        )
    )


def _at(mark: yaml.Mark) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _expected(schema: type[BaseModel]) -> str:
    required = [name for name, field in schema.model_fields.items() if field.is_required()]
    return f"expected a mapping with {', '.join(required)}"
