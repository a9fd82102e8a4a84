"""Line numbers for a lab description: the YAML node tree, so a place in the file can be pointed at.

pydantic says where a mistake is as a path (('widgets', 3, 'chart', 'kind')); a person needs a line.
"""
from __future__ import annotations

import yaml


class Located:
    """The YAML node tree, so a path like ('widgets', 3, 'chart', 'kind') can be turned into a line."""

    def __init__(self, root: yaml.Node | None):
        self.root = root

    def line(self, loc) -> int:
        """The line of the deepest part of `loc` found in the file (a missing key: its parent's line)."""
        node, line = self.root, 1 if self.root is None else self.root.start_mark.line + 1
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == str(part):
                        node, line = value, key.start_mark.line + 1
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line

    def duplicate_keys(self) -> list[tuple[str, int, int]]:
        """Keys given twice in one mapping: YAML quietly keeps the last, so a fix would be lost."""
        found, todo = [], [self.root]
        while todo:
            node = todo.pop()
            if isinstance(node, yaml.MappingNode):
                seen: dict[str, int] = {}
                for key, value in node.value:
                    if key.value in seen:
                        found.append((key.value, seen[key.value], key.start_mark.line + 1))
                    seen.setdefault(key.value, key.start_mark.line + 1)
                    todo.append(value)
            elif isinstance(node, yaml.SequenceNode):
                todo.extend(node.value)
        return found
