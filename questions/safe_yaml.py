"""YAML for files a writer (or an attacker) hands the app: one C-accelerated pass, no aliases.

A bank file is parsed once into nodes, which give both the data and each question's line for
error messages. Anchors and aliases are refused before anything is constructed, so an alias
bomb (a few lines that expand to gigabytes) fails at once instead of eating the machine; file
size, value size and nesting depth are capped for the same reason.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_FILE_BYTES = 2_000_000
MAX_SCALAR_CHARS = 20_000
MAX_NODES = 250_000
MAX_DEPTH = 32

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UnsafeYaml(ValueError):
    """The text is well-formed YAML but not something the app will construct."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


def _line(node: yaml.Node) -> int:
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else 0


def _inspect(root: yaml.Node) -> None:
    """Refuse aliases (a node reached twice), huge values, too many nodes, deep nesting."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise UnsafeYaml("uses a YAML alias (*name) of the anchor (&name) on this line; bank files may not use anchors or aliases", _line(node))
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise UnsafeYaml(f"has more than {MAX_NODES:,} values; split it into smaller files", _line(node))
        if depth > MAX_DEPTH:
            raise UnsafeYaml(f"is nested more than {MAX_DEPTH} levels deep", _line(node))
        if isinstance(node, yaml.ScalarNode):
            if len(node.value) > MAX_SCALAR_CHARS:
                raise UnsafeYaml(
                    f"has a value of {len(node.value):,} characters; at most {MAX_SCALAR_CHARS:,} are allowed",
                    _line(node),
                )
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))


def parse(text: str) -> tuple[Any, yaml.Node | None]:
    """The document's data and its root node (for line numbers). Raises yaml.YAMLError or UnsafeYaml."""
    if len(text) > MAX_FILE_BYTES:
        raise UnsafeYaml(f"is {len(text):,} characters; a bank file may have at most {MAX_FILE_BYTES:,}")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _inspect(node)
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def item_lines(root: yaml.Node | None, key: str) -> list[int]:
    """1-based line of each item of the top-level list under `key` (for error messages)."""
    if not isinstance(root, yaml.MappingNode):
        return []
    for k, value in root.value:
        if getattr(k, "value", None) == key and isinstance(value, yaml.SequenceNode):
            return [_line(item) for item in value.value]
    return []


def safe_load(text: str) -> Any:
    """Data only, with the same refusals (for blueprints and other trusted-but-checked files)."""
    return parse(text)[0]
