"""Read one YAML data file in a single pass: the values and the line of each.

The file is composed once (libyaml's C parser when PyYAML has it) and the
values are constructed from that same node tree, so nothing is parsed twice.
Two habits of YAML 1.1 are switched off because maintainers trip over them:

- dates stay the strings the maintainer typed (2024-05 and 2024-05-13 alike);
- only true/false are booleans, so `open_weights: no` is the word "no".

A key repeated inside one mapping is an error, not a silent overwrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader (C parser if available) with the YAML 1.2 habits above."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


class YamlProblem(Exception):
    """A file that is not readable YAML: the line and the reason."""

    def __init__(self, line: int, reason: str):
        super().__init__(f"{line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass
class YamlDocument:
    value: Any
    lines: dict[tuple, int] = field(default_factory=dict)  # path of keys/indexes -> 1-based line


def _record_lines(node: yaml.Node, path: tuple, out: dict[tuple, int], open_nodes: frozenset = frozenset()) -> None:
    if id(node) in open_nodes:  # an alias that contains itself
        raise YamlProblem(node.start_mark.line + 1, "a YAML alias refers to itself")
    open_nodes = open_nodes | {id(node)}
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise YamlProblem(key.start_mark.line + 1, "a mapping key must be plain text")
            name = key.value
            if name in seen:
                raise YamlProblem(key.start_mark.line + 1,
                                  f"duplicate key {name!r} (first on line {seen[name]})")
            seen[name] = key.start_mark.line + 1
            _record_lines(value, path + (name,), out, open_nodes)
            out[path + (name,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, path + (i,), out, open_nodes)


def parse(text: str) -> YamlDocument:
    """Values and line numbers of one YAML document; raises YamlProblem."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, {})
        lines: dict[tuple, int] = {}
        _record_lines(node, (), lines)
        value = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(mark.line + 1 if mark else 1, exc.problem or str(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, str(exc)) from None
    finally:
        loader.dispose()
    return YamlDocument(value, lines)
