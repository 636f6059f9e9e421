"""Whether Python's ``re`` can take time exponential in a text's length on a pattern.

A backtracking matcher tries every way a pattern can match a text before it fails.  When some
part of the pattern can match one stretch of text in two ways and can repeat, ``n`` repeats
have ``2**n`` ways: ``(a+)+$``, ``(a|a)+$``, ``(\\w+\\s?)+$`` on 24 characters take seconds.
That is exactly an *exponentially ambiguous* automaton (Allauzen, Mohri and Rastogi, "General
algorithms for testing the ambiguity of finite automata", 2008): in the product of the pattern's
automaton with itself, a strongly connected part holds a pair of one state, ``(p, p)``, and
either a pair of two states or a step along two different edges.  The automaton is the
pattern's position (Glushkov) automaton with its edges counted, so that the two ways round
``(a+)+`` (the inner and the outer repeat) are two edges, as they are two paths to the
matcher.  ``([a-z]+\\.)+x`` is unambiguous (a repeat must stop at the dot) and passes; the
scan that refused every repeat inside a repeat refused it too (mend 33l's leftover), and let
``(a|a)+$`` through.

Character sets are over-approximated (``\\w`` holds every non-ASCII character, a negated class
too): a doubt refuses, never passes.  A repeat of an exact count up to :data:`_SMALL_COUNT` is
written out that many times (its ways are a constant factor, but read once it hid
``(?:ba{2}|baa)+$``: review36); a lookaround's pattern is judged apart.  The pattern is
parsed by ``re``'s own parser (``re._parser``, Python 3.11+), so what is judged is what ``re``
compiles.  Walks are iterative or bounded by :data:`_MAX_DEPTH`; the product's exploration by
:data:`_MAX_STEPS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any, NamedTuple

__all__ = ["exponential_backtracking"]

_TOP = 0x10FFFF
Ranges = tuple[tuple[int, int], ...]
_ANY: Ranges = ((0, _TOP),)
_NON_ASCII = (128, _TOP)
_ASCII_SETS: dict[Any, Ranges] = {
    sre.CATEGORY_DIGIT: ((48, 57),),
    sre.CATEGORY_SPACE: ((9, 13), (28, 32)),
    sre.CATEGORY_WORD: ((48, 57), (65, 90), (95, 95), (97, 122)),
}
_NEGATED = {
    sre.CATEGORY_NOT_DIGIT: sre.CATEGORY_DIGIT,
    sre.CATEGORY_NOT_SPACE: sre.CATEGORY_SPACE,
    sre.CATEGORY_NOT_WORD: sre.CATEGORY_WORD,
}
_LETTERS: Ranges = ((65, 90), (97, 122))
_FOLDED_INTO_LETTERS: Ranges = ((0x130, 0x131), (0x17F, 0x17F), (0x212A, 0x212A))
"""The characters beyond ASCII that ``re`` folds into ASCII letters (``İ``/``ı`` into ``i``,
``ſ`` into ``s``, the Kelvin sign into ``k``): read apart, ``(?i)(?:Kx|\u212ax)+$`` passed and
took 1.6 s on 45 characters (review36)."""
_LETTERS_FOLDED_INTO: Ranges = ((73, 73), (75, 75), (83, 83), (105, 105), (107, 107), (115, 115))
"""The ASCII letters those fold into, either case (``I K S i k s``)."""
_SMALL_COUNT = 8
"""A repeat of exactly this many at most is written out that many times: its ways are a constant
factor.  Read once, ``a{2}`` stood for one character, and ``(?:ba{2}|baa)+$`` (two ways round
each ``baa``) passed and took 0.7 s on 67 characters, twice that a ``baa`` more (review36).  One
of a varying count (``{1,2}``) is a loop: inside a repeat it splits a stretch of text in many
ways, ``(?:a{1,2})+$`` took 7.5 s on 37 characters when it was read once (review of left34b)."""
_MAX_POSITIONS = 20_000
"""Positions built at most: exact counts nested (``((a{8}){8}){8}``) multiply them; a pattern
needing more is refused as too complex."""
_MAX_DEPTH = 100
"""Groups nested deeper are refused (``re``'s own parser recurses on them too)."""
_MAX_STEPS = 200_000
"""Steps of the product explored at most; a pattern needing more is refused as too complex."""


class _TooComplexError(Exception):
    """The pattern's automaton outgrew :data:`_MAX_POSITIONS`."""


_TOO_COMPLEX = "too complex to tell whether it backtracks exponentially"


class _Part(NamedTuple):
    """A piece of the pattern: in how many ways it matches the empty text (0: it does not; 2
    stands for two or more), and its first and last positions, each with the number of ways
    (1 or 2) the piece gets there from its start or from there to its end through empty
    matches.  Two empty branches (``(a|a)``, parsed as ``a(?:|)``) are two ways the matcher
    tries."""

    empty: int
    first: list[tuple[int, int]]
    last: list[tuple[int, int]]


_NOTHING = _Part(1, [], [])


def _times(*counts: int) -> int:
    """Ways multiplied, two standing for two or more."""
    product = 1
    for count in counts:
        product *= count
    return min(product, 2)


@dataclass(slots=True)
class _Automaton:
    """Positions (0: the start) with their character sets, and edges counted with repeats."""

    fold: bool
    dotall: bool
    labels: list[Ranges] = field(default_factory=lambda: [()])
    edges: list[list[int]] = field(default_factory=lambda: [[]])
    asides: list[Any] = field(default_factory=list)

    def position(self, ranges: Ranges) -> _Part:
        if len(self.labels) > _MAX_POSITIONS:
            raise _TooComplexError
        if self.fold:
            ranges = _case_folded(ranges)
        self.labels.append(ranges)
        self.edges.append([])
        at = len(self.labels) - 1
        return _Part(0, [(at, 1)], [(at, 1)])

    def link(self, sources: list[tuple[int, int]], targets: list[tuple[int, int]]) -> None:
        """An edge from each source to each target, once for each way between them."""
        for source, into in sources:
            for target, out in targets:
                self.edges[source] += [target] * _times(into, out)


def exponential_backtracking(pattern: str) -> str | None:
    """Why ``pattern`` (valid for ``re``) can take time exponential in a text's length, or
    ``None`` when it cannot."""
    tree = _parser.parse(pattern)
    flags = tree.state.flags
    if _deeper_than(tree, _MAX_DEPTH):
        return f"groups nested deeper than {_MAX_DEPTH}"
    waiting = [tree]
    while waiting:
        if _only_plain_loops(waiting[-1]) and _few_choices(waiting[-1]):
            waiting.pop()
            continue
        auto = _Automaton(
            fold=bool(flags & re.IGNORECASE) or _scoped(tree, re.IGNORECASE),
            dotall=bool(flags & re.DOTALL) or _scoped(tree, re.DOTALL),
        )
        try:
            whole = _sequence(waiting.pop(), auto)
        except _TooComplexError:
            return _TOO_COMPLEX
        auto.link([(0, 1)], whole.first)
        found = _ambiguous(auto)
        if found is not None:
            return found
        waiting += auto.asides
    return None


_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_PLAIN = (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN, sre.AT, sre.SUBPATTERN, sre.ATOMIC_GROUP)
"""What a plain loop's body holds: characters, anchors and groups of them."""


def _only_plain_loops(tree: Any) -> bool:
    """Whether every repeat of ``tree`` that loops holds only characters (``[^/]+``,
    ``(ab)*``): each such loop is then one cycle of the automaton, never two ways round, and
    the automaton needs no building (most URL patterns: a millisecond each saved)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        for op, av in node:
            if op in _REPEATS and av[1] > _SMALL_COUNT:
                inside = [av[2]]
                while inside:
                    part = inside.pop()
                    if any(kind not in _PLAIN for kind, _ in part):
                        return False
                    inside += _children(part)
        stack += _children(node)
    return True


def _few_choices(tree: Any) -> bool:
    """Whether ``tree`` makes at most :data:`_MAX_REJOINS` choices (a branch, a repeat), each
    counted as many times as the exact counts around it write it out: no more places where two
    ways can meet again (:func:`_most_rejoins`), so the automaton needs no building.  Plain
    loops alone let ``(?:(?:a|a){8}){4}$`` through unbuilt: 2**32 ways (review36)."""
    made = 0
    stack = [(tree, 1)]
    while stack:
        node, times = stack.pop()
        for op, av in node:
            if op in _REPEATS or op in (sre.BRANCH, sre.GROUPREF_EXISTS):
                made += times
                if made > _MAX_REJOINS:
                    return False
            inner = times * av[1] if op in _REPEATS and 1 < av[0] == av[1] else times
            stack += [(child, inner) for child in _children([(op, av)])]
    return True


def _deeper_than(tree: Any, limit: int) -> bool:
    """Whether ``tree`` nests sub-patterns deeper than ``limit`` (an iterative walk)."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        stack += [(child, depth + 1) for child in _children(node)]
    return False


def _scoped(tree: Any, flag: int) -> bool:
    """Whether a group of ``tree`` turns ``flag`` on for itself (``(?i:…)``)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        for op, av in node:
            if op is sre.SUBPATTERN and av[1] & flag:
                return True
        stack += _children(node)
    return False


def _children(node: Any) -> list[Any]:
    """The sub-patterns directly inside a sequence's items."""
    found: list[Any] = []
    for op, av in node:
        if op is sre.SUBPATTERN:
            found.append(av[3])
        elif op in _REPEATS:
            found.append(av[2])
        elif op is sre.BRANCH:
            found += av[1]
        elif op is sre.ATOMIC_GROUP:
            found.append(av)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            found.append(av[1])
        elif op is sre.GROUPREF_EXISTS:
            found += [p for p in av[1:] if p is not None]
    return found


def _sequence(items: Any, auto: _Automaton) -> _Part:
    """The part a sequence of items makes (depth bounded by :func:`_deeper_than`)."""
    whole = _NOTHING
    for op, av in items:
        part = _item(op, av, auto)
        if part is not None:
            whole = _then(whole, part, auto)
    return whole


def _then(whole: _Part, part: _Part, auto: _Automaton) -> _Part:
    """``whole`` followed by ``part``: edges from the one's last positions to the other's first."""
    auto.link(whole.last, part.first)
    first = whole.first + [(at, _times(w, whole.empty)) for at, w in part.first]
    last = part.last + [(at, _times(w, part.empty)) for at, w in whole.last if part.empty]
    return _Part(_times(whole.empty, part.empty), first if whole.empty else whole.first, last)


def _written_out(body: Any, auto: _Automaton, count: int) -> _Part:
    """``body`` exactly ``count`` times, each time its own positions (as ``re`` matches it)."""
    whole = _NOTHING
    for _ in range(count):
        whole = _then(whole, _sequence(body, auto), auto)
    return whole


def _item(op: Any, av: Any, auto: _Automaton) -> _Part | None:
    """One item's part; ``None`` for what matches no character (an anchor, a lookaround)."""
    if op is sre.LITERAL:
        return auto.position(((av, av),))
    if op is sre.NOT_LITERAL:
        return auto.position(_complement(((av, av),)))
    if op is sre.ANY:
        return auto.position(_ANY if auto.dotall else ((0, 9), (11, _TOP)))
    if op is sre.IN:
        return auto.position(_class(av))
    if op is sre.GROUPREF:
        return _repeated(auto.position(_ANY), auto, 0, sre.MAXREPEAT)
    if op is sre.SUBPATTERN:
        return _sequence(av[3], auto)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, auto)
    if op is sre.BRANCH:
        return _either([_sequence(branch, auto) for branch in av[1]])
    if op is sre.GROUPREF_EXISTS:
        return _either([_NOTHING if p is None else _sequence(p, auto) for p in av[1:]])
    if op in _REPEATS:
        low, high, body = av
        if 1 < low == high <= _SMALL_COUNT:
            return _written_out(body, auto, high)
        return _repeated(_sequence(body, auto), auto, low, high)
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        auto.asides.append(av[1])
    return None


def _either(parts: list[_Part]) -> _Part:
    return _Part(
        min(sum(p.empty for p in parts), 2),
        [way for p in parts for way in p.first],
        [way for p in parts for way in p.last],
    )


def _repeated(body: _Part, auto: _Automaton, low: int, high: int) -> _Part:
    """``body`` repeated ``low`` to ``high`` times: a loop edge from its last positions to its
    first ones, unless it is at most once; matched no time, one more way to match nothing."""
    if high == 0:
        return _NOTHING
    if high > 1:
        auto.link(body.last, body.first)
    empty = min(body.empty + 1, 2) if low == 0 else body.empty
    return _Part(empty, body.first, body.last)


def _class(items: Any) -> Ranges:
    """A bracketed class's characters, over-approximated (see the module's doc)."""
    ranges: list[tuple[int, int]] = []
    negated = False
    for op, av in items:
        if op is sre.NEGATE:
            negated = True
        elif op is sre.LITERAL:
            ranges.append((av, av))
        elif op is sre.RANGE:
            ranges.append(av)
        elif op is sre.CATEGORY and av in _ASCII_SETS:
            ranges += [*_ASCII_SETS[av], _NON_ASCII]
        elif op is sre.CATEGORY and av in _NEGATED:
            ranges += _complement(_ASCII_SETS[_NEGATED[av]])
        else:
            return _ANY
    return _complement(tuple(ranges)) if negated else tuple(ranges)


def _case_folded(ranges: Ranges) -> Ranges:
    """``ranges`` with what they match ignoring case: an ASCII letter's other case and the
    characters folded into it (:data:`_FOLDED_INTO_LETTERS`); a character beyond ASCII, over-
    approximated, every other such character (``\u212b`` folds into ``å``) and the letters
    some fold into (:data:`_LETTERS_FOLDED_INTO`)."""
    folded = list(ranges)
    for (low, high), shift in zip(_LETTERS, (32, -32), strict=True):
        folded += [
            (max(a, low) + shift, min(b, high) + shift) for a, b in ranges if a <= high and low <= b
        ]
    if _meets(ranges, _LETTERS_FOLDED_INTO):
        folded += _FOLDED_INTO_LETTERS
    if _meets(ranges, (_NON_ASCII,)):
        folded += (*_LETTERS_FOLDED_INTO, _NON_ASCII)
    return tuple(folded)


def _complement(ranges: Ranges) -> Ranges:
    """The characters not in ``ranges``, with every non-ASCII one (over-approximated)."""
    out: list[tuple[int, int]] = []
    at = 0
    for low, high in sorted(ranges):
        if low > at:
            out.append((at, low - 1))
        at = max(at, high + 1)
    if at <= _TOP:
        out.append((at, _TOP))
    return (*out, _NON_ASCII)


def _meets(one: Ranges, other: Ranges) -> bool:
    return any(a <= d and c <= b for a, b in one for c, d in other)


def _ambiguous(auto: _Automaton) -> str | None:
    """Why ``auto`` is exponentially ambiguous (see the module's doc), or ``None``."""
    labels, edges = auto.labels, auto.edges
    graph: dict[tuple[int, int], list[tuple[tuple[int, int], bool]]] = {}
    waiting = [(0, 0)]
    steps = 0
    while waiting:
        pair = waiting.pop()
        if pair in graph:
            continue
        p, q = pair
        out: list[tuple[tuple[int, int], bool]] = []
        for i, a in enumerate(edges[p]):
            for j, b in enumerate(edges[q]):
                steps += 1
                if steps > _MAX_STEPS:
                    return _TOO_COMPLEX
                if a == b or _meets(labels[a], labels[b]):
                    out.append(((a, b), p == q and i != j))
        graph[pair] = out
        waiting += [target for target, _ in out if target not in graph]
    component = _components(graph)
    mixed = {component[pair] for pair in graph if pair[0] != pair[1]}
    for pair, out in graph.items():
        if pair[0] != pair[1]:
            continue
        mine = component[pair]
        if mine in mixed or any(apart and component[target] == mine for target, apart in out):
            return "a repeated part of it can match the same text in two ways"
    if _most_rejoins(graph, component) > _MAX_REJOINS:
        return f"it can match the same text in more than 2**{_MAX_REJOINS} ways"
    return None


_MAX_REJOINS = 20
"""Places in a row at most where two ways of matching one text part and meet again: each
doubles the ways, so past this many the pattern is refused though no part of it repeats in two
ways.  Written out, ``(?:(?:a|a){8}){4}$`` (32 such places, 2**32 ways) passed and took 1.8 s on
25 characters with ``{3}``, 500 s or so with ``{4}`` (review36)."""


def _most_rejoins(
    graph: dict[tuple[int, int], list[tuple[tuple[int, int], bool]]],
    component: dict[tuple[int, int], int],
) -> int:
    """The most places along one path of the product (``graph``, its strongly connected parts
    ``component``, none mixed) where two ways meet again: a step from a pair of two states to
    one of one, or two edges between one state's pair and the next.  The parts are walked in
    topological order (Kahn's), so each step is read once."""
    steps: dict[int, list[tuple[int, int]]] = {}
    entering: dict[int, int] = dict.fromkeys(component.values(), 0)
    for pair, out in graph.items():
        for target, apart in out:
            if component[target] == component[pair]:
                continue
            rejoin = int(apart or (pair[0] != pair[1] and target[0] == target[1]))
            steps.setdefault(component[pair], []).append((component[target], rejoin))
            entering[component[target]] += 1
    most = dict.fromkeys(entering, 0)
    ready = [part for part, count in entering.items() if count == 0]
    while ready:
        part = ready.pop()
        for after, rejoin in steps.get(part, ()):
            most[after] = max(most[after], most[part] + rejoin)
            entering[after] -= 1
            if entering[after] == 0:
                ready.append(after)
    return max(most.values(), default=0)


def _components(
    graph: dict[tuple[int, int], list[tuple[tuple[int, int], bool]]],
) -> dict[tuple[int, int], int]:
    """Each node's strongly connected component (Tarjan's algorithm, iterative)."""
    index: dict[tuple[int, int], int] = {}
    low: dict[tuple[int, int], int] = {}
    component: dict[tuple[int, int], int] = {}
    stack: list[tuple[int, int]] = []
    on_stack: set[tuple[int, int]] = set()
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = graph[node]
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child][0]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = index[node]
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return component
