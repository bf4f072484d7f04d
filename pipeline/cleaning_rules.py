"""Cleaning rules as data: the loader and validator for configs/cleaning.toml.

File layout: `[repeats]` with `duplicate_reason`, `title_copy_reason`, `min_chars`, and arrays
of tables `[[inline]]`, `[[tail]]`, `[[paragraph]]`, `[[line]]`, each rule with `pattern`
(a Python regular expression; flags inline, e.g. "(?i)"), `reason` (snake_case code reported
in `dropped`) and an optional `note`; inline rules may set `unescape = true`. pipeline.clean
describes what each kind does.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The rule kinds, in the order cleaning applies them.
RULE_KINDS = ("inline", "tail", "paragraph", "line")
# Keys a rule may have; inline rules may also ask for their match to be unescaped.
RULE_KEYS = {"pattern", "reason", "note"}
INLINE_RULE_KEYS = RULE_KEYS | {"unescape"}
# Keys of the [repeats] table.
REPEATS_KEYS = {"duplicate_reason", "title_copy_reason", "min_chars"}
# A reason is a short snake_case code.
REASON_FORMAT = re.compile(r"[a-z][a-z0-9_]*")
# The rules file shipped with the project.
DEFAULT_RULES_PATH = Path(__file__).resolve().parents[1] / "configs" / "cleaning.toml"


class CleaningRulesError(ValueError):
    """The rules file is missing, not TOML, or holds an invalid rule."""


@dataclass(frozen=True)
class CleaningRule:
    """One pattern and the reason its matches are dropped."""

    pattern: re.Pattern[str]
    reason: str
    note: str = ""
    unescape: bool = False


@dataclass(frozen=True)
class RepeatSettings:
    """How repeated lines are dropped: reasons, and the shortest line counted as a duplicate."""

    duplicate_reason: str
    title_copy_reason: str
    min_chars: int


@dataclass(frozen=True)
class CleaningRules:
    """All cleaning rules, grouped by kind, each group in file order."""

    inline: tuple[CleaningRule, ...]
    tail: tuple[CleaningRule, ...]
    paragraph: tuple[CleaningRule, ...]
    line: tuple[CleaningRule, ...]
    repeats: RepeatSettings


def load_cleaning_rules(path: str | Path = DEFAULT_RULES_PATH) -> CleaningRules:
    """Load and validate the rules in `path`; raise CleaningRulesError naming the bad entry."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise CleaningRulesError(f"{path}: cannot read cleaning rules: {error}") from error
    unknown = set(data) - set(RULE_KINDS) - {"repeats"}
    if unknown:
        raise CleaningRulesError(f"{path}: unknown section(s): {', '.join(sorted(unknown))}")
    groups = {kind: parse_rule_group(data.get(kind, []), kind=kind, path=path) for kind in RULE_KINDS}
    return CleaningRules(**groups, repeats=parse_repeats(data.get("repeats", {}), path=path))


def parse_rule_group(entries: Any, *, kind: str, path: Path) -> tuple[CleaningRule, ...]:
    """Validate the rules of one kind (an array of tables)."""
    if not isinstance(entries, list):
        raise CleaningRulesError(f"{path}: [[{kind}]] must be an array of tables")
    return tuple(parse_rule(entry, kind=kind, where=f"{path}: {kind}[{index}]")
                 for index, entry in enumerate(entries))


def parse_rule(entry: Any, *, kind: str, where: str) -> CleaningRule:
    """Validate one rule table and compile its pattern."""
    if not isinstance(entry, dict):
        raise CleaningRulesError(f"{where}: a rule must be a table")
    allowed = INLINE_RULE_KEYS if kind == "inline" else RULE_KEYS
    unknown = set(entry) - allowed
    if unknown:
        raise CleaningRulesError(f"{where}: unknown key(s): {', '.join(sorted(unknown))}")
    reason, pattern = entry.get("reason"), entry.get("pattern")
    if not isinstance(reason, str) or not REASON_FORMAT.fullmatch(reason):
        raise CleaningRulesError(f"{where}: 'reason' must be a snake_case string, got {reason!r}")
    if not isinstance(pattern, str) or not pattern:
        raise CleaningRulesError(f"{where} ({reason}): 'pattern' must be a non-empty string")
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise CleaningRulesError(f"{where} ({reason}): invalid pattern {pattern!r}: {error}") from error
    if compiled.fullmatch(""):
        raise CleaningRulesError(f"{where} ({reason}): pattern {pattern!r} matches the empty string")
    unescape = entry.get("unescape", False)
    if not isinstance(unescape, bool):
        raise CleaningRulesError(f"{where} ({reason}): 'unescape' must be true or false")
    return CleaningRule(pattern=compiled, reason=reason, note=str(entry.get("note", "")), unescape=unescape)


def parse_repeats(entry: Any, *, path: Path) -> RepeatSettings:
    """Validate the [repeats] table, filling defaults."""
    if not isinstance(entry, dict) or set(entry) - REPEATS_KEYS:
        raise CleaningRulesError(f"{path}: [repeats] takes only {', '.join(sorted(REPEATS_KEYS))}")
    settings = RepeatSettings(
        duplicate_reason=entry.get("duplicate_reason", "duplicate"),
        title_copy_reason=entry.get("title_copy_reason", "title_copy"),
        min_chars=entry.get("min_chars", 20),
    )
    for reason in (settings.duplicate_reason, settings.title_copy_reason):
        if not isinstance(reason, str) or not REASON_FORMAT.fullmatch(reason):
            raise CleaningRulesError(f"{path}: [repeats] reasons must be snake_case strings, got {reason!r}")
    if not isinstance(settings.min_chars, int) or isinstance(settings.min_chars, bool) or settings.min_chars < 1:
        raise CleaningRulesError(f"{path}: [repeats] min_chars must be a positive integer")
    return settings
