"""Where a parsed JSON file's strings are: each string value's line, path and text.

JSON's parser gives values but no positions; a finding must point at its line.  One linear
scan of the tokens per line with an explicit stack of frames (an object's current key, an
array's index) gives each string value its path (``("cells", 3, "source", 0)``), so a reader
can pick the strings it means by where they sit, whatever the key order, with no recursion
that input controls.  Only for text JSON's parser accepted: each string closes on its line.
"""

from __future__ import annotations

import json
import re

__all__ = ["string_values"]

# A JSON string or a structural mark; scalars (numbers, ``true``) are skipped.  Possessive:
# each character is read once.
_TOKEN = re.compile(r'"(?:[^"\\\n]++|\\.)*+"|[\[\]{}:,]')
_AWAIT = object()  # an object frame waiting for its next key


def string_values(body: str, max_depth: int) -> list[tuple[int, tuple[object, ...], str]]:
    """Every string value of ``body`` (JSON the parser accepted) no deeper than
    ``max_depth`` containers: its line, its path, its text (deeper ones cost no path).

    One pass of :data:`_TOKEN` per line and a stack of frames (an object's current key, an
    array's index), so a notebook nested as deep as its parser allowed costs no recursion."""
    found: list[tuple[int, tuple[object, ...], str]] = []
    stack: list[list[object]] = []  # [is_object, key or index]
    for number, line in enumerate(body.split("\n"), 1):
        for token in _TOKEN.finditer(line):
            mark = token.group()
            first = mark[0]
            if first == '"':
                if not stack:
                    continue
                frame = stack[-1]
                if frame[0] and frame[1] is _AWAIT:
                    frame[1] = json.loads(mark) if "\\" in mark else mark[1:-1]
                elif len(stack) <= max_depth:
                    text = json.loads(mark) if "\\" in mark else mark[1:-1]
                    found.append((number, tuple(f[1] for f in stack), text))
            elif first == "{":
                stack.append([True, _AWAIT])
            elif first == "[":
                stack.append([False, 0])
            elif first in "]}":
                if stack:
                    stack.pop()
            elif first == "," and stack:
                frame = stack[-1]
                if frame[0]:
                    frame[1] = _AWAIT
                else:
                    frame[1] = int(frame[1]) + 1  # type: ignore[call-overload]
    return found
