"""Foreign label schemas -> project labels, from the one declarative table
``thaigov_ner/data/labelmaps.json`` (read it for every decision: what maps,
what is dropped and why, which spans merge).

A :class:`LabelMap` turns a foreign reader's raw spans ``(start, end,
foreign_label)`` into project spans ``(start, end, label)`` in four named
steps, each reported in a :class:`~thaigov_ner.io.report.ConversionReport`:
trim edge whitespace, map or drop the label, flatten overlaps (longest span
wins), and, only when asked, merge adjacent spans by the table's rules.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from ..errors import DataError
from ..schema import LABELS
from .report import ConversionReport, trim_span

RawSpan = tuple[int, int, str]


@dataclass(frozen=True)
class MergeRule:
    """Join two adjacent spans whose foreign labels are ``labels`` (either order) when the text
    between them fully matches ``gap``; the joined span gets the project label ``into``."""

    labels: frozenset[str]
    gap: re.Pattern
    into: str


@dataclass(frozen=True)
class ExtendRule:
    """A project-label span grows leftwards over a directly preceding ``prefix``."""

    label: str
    prefix: re.Pattern[str]


@dataclass(frozen=True)
class LabelMap:
    name: str
    mapping: dict[str, str]
    dropped: frozenset[str]
    merges: tuple[MergeRule, ...]
    extends: tuple["ExtendRule", ...] = ()

    def project_label(self, foreign: str, where: str) -> str | None:
        """The project label of ``foreign``, ``None`` when the table drops it; unknown labels raise."""
        if foreign in self.mapping:
            return self.mapping[foreign]
        if foreign in self.dropped:
            return None
        if self.name == "project":
            raise DataError("E106", f"{where}: label {foreign!r} is not a project label ({', '.join(LABELS)}); "
                                    "read foreign labels with their table, e.g. labelmap='thainer'")
        raise DataError("E106", f"{where}: label {foreign!r} is not in the {self.name!r} table of "
                                f"thaigov_ner/data/labelmaps.json; add it to 'map' or 'drop' there")

    def convert(self, text: str, spans: Iterable[RawSpan], *, where: str,
                report: ConversionReport | None = None, merge: bool = False) -> list[tuple[int, int, str]]:
        """Project spans for the foreign ``spans`` over ``text``, sorted by offset."""
        report = report if report is not None else ConversionReport()
        kept: list[tuple[int, int, str, str]] = []  # start, end, project label, foreign label
        for start, end, foreign in spans:
            label = self.project_label(foreign, where)
            new_start, new_end = trim_span(text, start, end)
            if new_start == new_end:
                report.note(where, "empty", f"[{foreign}] span [{start}, {end}) {text[start:end]!r} has no "
                                            "content; left out")
                continue
            if (new_start, new_end) != (start, end):
                report.note(where, "trimmed", f"[{foreign}] span [{start}, {end}) {text[start:end]!r} -> "
                                              f"[{new_start}, {new_end}) {text[new_start:new_end]!r}")
            if label is None:
                report.dropped[foreign] += 1
                continue
            kept.append((new_start, new_end, label, foreign))
        flat = flatten_longest(kept, where=where, report=report)
        if merge:
            flat = self.merge_adjacent(text, flat, where=where, report=report)
            flat = self.extend_left(text, flat, where=where, report=report)
        return [(s, e, label) for s, e, label, _ in flat]

    def merge_adjacent(self, text: str, spans: list[tuple[int, int, str, str]], *, where: str,
                       report: ConversionReport) -> list[tuple[int, int, str, str]]:
        """Apply the table's merge rules left to right over sorted, non-overlapping spans."""
        out: list[tuple[int, int, str, str]] = []
        for span in spans:
            if out:
                prev = out[-1]
                rule = self._rule_for(prev[3], span[3], text[prev[1]:span[0]])
                if rule is not None:
                    merged = (prev[0], span[1], rule.into, "+".join(sorted(rule.labels)))
                    report.note(where, "merged", f"{text[prev[0]:prev[1]]!r} + {text[span[0]:span[1]]!r} -> "
                                                 f"{text[merged[0]:merged[1]]!r}", level=logging.INFO)
                    out[-1] = merged
                    continue
            out.append(span)
        return out

    def extend_left(self, text: str, spans: list[tuple[int, int, str, str]], *, where: str,
                    report: ConversionReport) -> list[tuple[int, int, str, str]]:
        """Grow a span leftwards over a prefix the table names (``วันที่`` before a
        DATE; the rule's pattern ends with ``$``), never into the previous span; each
        growth is noted as ``extended``."""
        out: list[tuple[int, int, str, str]] = []
        for start, end, label, foreign in spans:
            floor = out[-1][1] if out else 0
            for rule in self.extends:
                if label != rule.label:
                    continue
                m = rule.prefix.search(text, floor, start)
                if m and m.end() == start:
                    report.note(where, "extended", f"{text[start:end]!r} -> {text[m.start():end]!r}",
                                level=logging.INFO)
                    start = m.start()
                    break
            out.append((start, end, label, foreign))
        return out

    def _rule_for(self, left: str, right: str, gap: str) -> MergeRule | None:
        for rule in self.merges:
            if {left, right} == rule.labels and left != right and rule.gap.fullmatch(gap):
                return rule
        return None


def flatten_longest(spans: list[tuple[int, int, str, str]], *, where: str,
                    report: ConversionReport) -> list[tuple[int, int, str, str]]:
    """Non-overlapping spans: longest first, ties by earlier start then input order; each span
    that overlaps a kept one is left out and noted as ``nested``."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0] - spans[i][1], spans[i][0], i))
    taken: list[tuple[int, int, str, str]] = []
    for i in order:
        s, e, label, foreign = spans[i]
        winner = next((t for t in taken if s < t[1] and t[0] < e), None)
        if winner is None:
            taken.append(spans[i])
        else:
            report.note(where, "nested", f"[{foreign}] [{s}, {e}) inside or across [{winner[3]}] "
                                         f"[{winner[0]}, {winner[1]}); left out", level=logging.INFO)
    return sorted(taken)


@lru_cache(maxsize=None)
def _table() -> dict:
    with resources.files("thaigov_ner").joinpath("data/labelmaps.json").open(encoding="utf-8") as fh:
        return json.load(fh)


# Project labels read as they are (files this library wrote in a foreign format).
PROJECT = LabelMap("project", {label: label for label in LABELS}, frozenset(), ())


def labelmap_names() -> list[str]:
    return ["project"] + [k for k in _table() if not k.startswith("_")]


@lru_cache(maxsize=None)
def load_labelmap(name: str) -> LabelMap:
    """The named table of ``labelmaps.json`` (``"thainer"``, ``"nner"``), or ``"project"``
    for project labels taken as they are."""
    if name == "project":
        return PROJECT
    table = _table()
    if name.startswith("_") or name not in table:
        raise DataError("E106", f"no label map {name!r}; choose one of {', '.join(labelmap_names())}")
    entry = table[name]
    bad = sorted(set(entry["map"].values()) - set(LABELS))
    if bad:
        raise DataError("E106", f"labelmaps.json [{name}] maps to unknown project labels {bad}; use {', '.join(LABELS)}")
    merges = tuple(MergeRule(frozenset(m["labels"]), re.compile(m["gap"]), m["into"]) for m in entry.get("merge", ()))
    extends = tuple(ExtendRule(x["label"], re.compile(x["prefix"])) for x in entry.get("extend", ()))
    return LabelMap(name, dict(entry["map"]), frozenset(entry["drop"]), merges, extends)
