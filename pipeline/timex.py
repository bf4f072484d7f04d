"""TIMEX3 values for German temporal expressions: the `Timex` record and the rule normalisers.

Each normaliser turns the named groups of a rule match (see configs/times.toml) into a
`Timex`, using the lexicon tables and a `Resolution` (reference date, the last date the
text mentioned, the tense of the sentence).  Values follow TIMEX3: `2024-05-15`,
`XXXX-05-15` when no year can be derived, `2024-W19`, `2024-SU`, `199` (decade), `P3D`,
`XXXX-WXX-5`, `2024-05-10T18:00`, `PRESENT_REF`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Mapping

# Months whose middle stands for a season when its year is resolved like a month.
SEASON_MONTH = MappingProxyType({"SP": 4, "SU": 7, "FA": 10, "WI": 1})
# Duration units measured on the clock (TIMEX3 writes them after "T").
CLOCK_UNITS = MappingProxyType({"H": "H", "MIN": "M", "S": "S"})
# Unit codes as granularity names.
UNIT_GRANULARITY = MappingProxyType({
    "D": "day", "W": "week", "WE": "week", "M": "month", "Y": "year", "DE": "decade",
    "CE": "century", "Q": "quarter", "H2": "half", "H": "time", "MIN": "time", "S": "time",
})
# Smaller unit and factor used to write fractional durations ("eineinhalb Stunden" -> PT90M).
FRACTION_UNIT = MappingProxyType({"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60)})
# Plural units after a direction word: a vague duration ("in den vergangenen Jahren" -> PXY).
PLURAL_UNITS = frozenset({"Jahren", "Monaten", "Wochen", "Tagen", "Jahrzehnten"})
# Adverbial duration words and their unit.
UNIT_ADVERBS = MappingProxyType({
    "jahrelang": "Y", "monatelang": "M", "wochenlang": "W", "tagelang": "D",
    "stundenlang": "H", "jahrzehntelang": "DE",
})


@dataclass(frozen=True)
class Timex:
    """A normalised temporal expression (TIMEX3 type and value, range ends, granularity)."""

    type: str
    value: str | None
    granularity: str | None
    anchored: bool = False
    begin: str | None = None
    end_value: str | None = None
    mod: str | None = None
    rule: str | None = None


@dataclass(frozen=True)
class Resolution:
    """What relative expressions are resolved against, for one match."""

    reference: dt.date | None
    anchor: dt.date | None
    tense: str | None
    narrative: bool = False
    sentence_day: dt.date | None = None

    @property
    def base(self) -> dt.date | None:
        """The date deictic expressions count from: the reference date, in narratives the last date mentioned."""
        if self.narrative and self.anchor is not None:
            return self.anchor
        return self.reference

    @property
    def anaphoric_base(self) -> dt.date | None:
        """The date anaphoric expressions ("am Tag zuvor") count from."""
        return self.anchor or self.reference

    @property
    def clock_base(self) -> dt.date | None:
        """The day a clock time is on: a day named earlier in its sentence, else the reference date."""
        if self.narrative:
            return self.anaphoric_base
        return self.sentence_day or self.reference


class Lexicon:
    """The word tables of configs/times.toml with lookup by word or by stem."""

    def __init__(self, tables: Mapping[str, Mapping[str, object]], *, stem_tables: list[str]):
        self.tables = {name: {key.lower(): value for key, value in table.items()} for name, table in tables.items()}
        self.stem_tables = frozenset(stem_tables)

    def lookup(self, table: str, word: str):
        """Return the table entry for `word` (case-insensitive; longest stem for stem tables) or None."""
        entries = self.tables[table]
        key = word.lower()
        if key in entries or table not in self.stem_tables:
            return entries.get(key)
        stems = [stem for stem in entries if key.startswith(stem)]
        return entries[max(stems, key=len)] if stems else None


Normalizer = Callable[[Mapping[str, str], Lexicon, Resolution], "Timex | None"]


# ------------------------------------------------------------------ calendar arithmetic
def format_day(day: dt.date) -> str:
    """TIMEX3 value of a calendar day."""
    return day.isoformat()


def format_week(day: dt.date) -> str:
    """TIMEX3 value of the ISO week containing `day`."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) `months` months after the given one."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def compute_easter(year: int) -> dt.date:
    """Easter Sunday of `year` (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def resolve_year(month: int, resolution: Resolution) -> int | None:
    """Year of a month named without one: HeidelTime's rule, the base year moved by tense.

    Past tense and a month after the base month: the year before; future tense and a
    month before it: the year after; no tense: the year that puts the month nearest.
    In narratives the year of the last date mentioned.
    """
    base = resolution.base
    if base is None:
        return None
    if resolution.narrative:
        return base.year
    if resolution.tense == "past" and month > base.month:
        return base.year - 1
    if resolution.tense == "future" and month < base.month:
        return base.year + 1
    if resolution.tense is None and month - base.month > 6:
        return base.year - 1
    if resolution.tense is None and base.month - month > 6:
        return base.year + 1
    return base.year


def expand_year(digits: str, resolution: Resolution) -> int:
    """A four-digit year for a two-digit one ("39" -> 1939), the century nearest the base date."""
    year = int(digits)
    if len(digits) > 2:
        return year
    base_year = resolution.base.year if resolution.base else 2000
    century = base_year // 100 * 100
    return century + year if century + year <= base_year + 10 else century - 100 + year


def parse_number(text: str, lexicon: Lexicon) -> float | None:
    """Value of a digit string ("3", "1,5") or a number word ("drei", "eine")."""
    if text[0].isdigit():
        return float(text.replace(",", "."))
    value = lexicon.lookup("number", text)
    return float(value) if value is not None else None


def lookup_month(groups: Mapping[str, str], lexicon: Lexicon, *, suffix: str = "") -> int | None:
    """Month number from a month name, abbreviation or digits group."""
    if groups.get("month" + suffix):
        return lexicon.lookup("month", groups["month" + suffix])
    if groups.get("month_abbreviation" + suffix):
        return lexicon.lookup("month_abbreviation", groups["month_abbreviation" + suffix])
    if groups.get("month_number" + suffix):
        return int(groups["month_number" + suffix])
    return None


def lookup_direction(word: str | None, lexicon: Lexicon) -> tuple[int | None, bool]:
    """Offset of a direction adjective and whether it counts from the last date mentioned."""
    if not word:
        return None, False
    anaphoric = lexicon.lookup("anaphoric_direction", word)
    if anaphoric is not None:
        return anaphoric, True
    return lexicon.lookup("direction", word), False


def lookup_part(groups: Mapping[str, str], lexicon: Lexicon) -> str | None:
    """TIMEX3 mod for "Anfang", "Mitte", "Ende"."""
    return lexicon.lookup("part_of_period", groups["part"]) if groups.get("part") else None


def build_day(year: int | None, month: int, day: int) -> str | None:
    """TIMEX3 day value, `XXXX-MM-DD` without a year; None for impossible dates."""
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None
    try:
        return format_day(dt.date(year, month, day))
    except ValueError:
        return None


def format_unit_value(base: dt.date, unit: str, offset: int) -> str | None:
    """TIMEX3 value of the calendar unit `offset` units away from the one containing `base`."""
    if unit == "D":
        return format_day(base + dt.timedelta(days=offset))
    if unit == "W":
        return format_week(base + dt.timedelta(weeks=offset))
    if unit == "WE":
        return format_week(base + dt.timedelta(weeks=offset)) + "-WE"
    if unit == "M":
        year, month = shift_month(base.year, base.month, offset)
        return f"{year:04d}-{month:02d}"
    if unit == "Y":
        return f"{base.year + offset:04d}"
    if unit == "Q":
        year, month = shift_month(base.year, base.month, 3 * offset)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "DE":
        return f"{base.year // 10 + offset:03d}"
    if unit == "CE":
        return f"{base.year // 100 + offset:02d}"
    return None


# ------------------------------------------------------------------ normalisers
def normalize_calendar_date(groups, lexicon, resolution):
    """"15. Mai 2024", "08.05.2024", "am 7. Mai" (year from the base date and tense), "15. März 44 v. Chr."."""
    month = lookup_month(groups, lexicon)
    day = int(groups["day"])
    if groups.get("era") == "v":
        return Timex("DATE", f"BC{int(groups['era_year']):04d}-{month:02d}-{day:02d}", "day")
    if groups.get("era") == "n":
        return Timex("DATE", build_day(int(groups["era_year"]), month, day), "day")
    year = expand_year(groups["year"], resolution) if groups.get("year") else resolve_year(month, resolution)
    value = build_day(year, month, day)
    anchored = not groups.get("year") and year is not None
    if value and groups.get("part_of_day"):
        return Timex("TIME", f"{value}T{lexicon.lookup('part_of_day', groups['part_of_day'])}", "time", anchored=anchored)
    return value and Timex("DATE", value, "day", anchored=anchored)


def normalize_day_range(groups, lexicon, resolution):
    """"15. und 16. Mai", "3. bis 5. Juni", "30. April bis 2. Mai": value is the first day."""
    month_end = lookup_month(groups, lexicon, suffix="2") or lookup_month(groups, lexicon)
    month_begin = lookup_month(groups, lexicon) if groups.get("month2") else month_end
    year = expand_year(groups["year"], resolution) if groups.get("year") else resolve_year(month_end, resolution)
    begin = build_day(year, month_begin, int(groups["day"]))
    end = build_day(year, month_end, int(groups["day2"]))
    if begin is None or end is None or (year is not None and begin > end):
        return None
    return Timex("DATE", begin, "day", anchored=not groups.get("year") and year is not None, begin=begin, end_value=end)


def normalize_year_range(groups, lexicon, resolution):
    """"2010 bis 2012", "zwischen 2010 und 2012", "1870/71"."""
    first, last = groups.get("year") or groups["year3"], groups.get("year2") or groups["year4"]
    if len(last) == 2:
        last = first[:2] + last
    if int(first) >= int(last):
        return None
    return Timex("DATE", first, "year", begin=first, end_value=last)


def normalize_month_range(groups, lexicon, resolution):
    """"Mai/Juni 1940", "Mai bis Juli"."""
    first, last = lookup_month(groups, lexicon), lookup_month(groups, lexicon, suffix="2")
    year = int(groups["year"]) if groups.get("year") else resolve_year(first, resolution)
    prefix = f"{year:04d}" if year is not None else "XXXX"
    begin, end = f"{prefix}-{first:02d}", f"{prefix}-{last:02d}"
    return Timex("DATE", begin, "month", anchored=not groups.get("year") and year is not None, begin=begin, end_value=end)


def normalize_month(groups, lexicon, resolution):
    """"Mai 2024", "im März", "Anfang Mai", "Juli dieses Jahres"."""
    month = lookup_month(groups, lexicon)
    offset, anaphoric = lookup_direction(groups.get("direction"), lexicon)
    base = resolution.anaphoric_base if anaphoric else resolution.base
    if groups.get("year"):
        year, anchored = int(groups["year"]), False
    elif offset is not None and base is not None:
        year, anchored = base.year + offset, True
    else:
        year = resolve_year(month, resolution)
        anchored = year is not None
    prefix = f"{year:04d}" if year is not None else "XXXX"
    return Timex("DATE", f"{prefix}-{month:02d}", "month", anchored=anchored, mod=lookup_part(groups, lexicon))


def normalize_year(groups, lexicon, resolution):
    """"2014", "im Jahr 2014", "486 v. Chr.", "Ende 2014"."""
    year = int(groups["year"])
    if groups.get("era") == "v":
        return Timex("DATE", f"BC{year:04d}", "year")
    return Timex("DATE", f"{year:04d}", "year", mod=lookup_part(groups, lexicon))


def normalize_decade(groups, lexicon, resolution):
    """"1990er Jahre" -> 199, "60er Jahren" -> 196 (the century before the base year's, if later)."""
    digits = groups["decade"]
    if len(digits) == 4:
        return Timex("DATE", digits[:3], "decade")
    base_year = resolution.base.year if resolution.base else 1999
    century = base_year // 100
    if century * 100 + int(digits) > base_year:
        century -= 1
    return Timex("DATE", f"{century:02d}{digits[0]}", "decade", anchored=resolution.base is not None)


def normalize_century(groups, lexicon, resolution):
    """"20. Jahrhundert" -> 19."""
    return Timex("DATE", f"{int(groups['century']) - 1:02d}", "century")


def normalize_season(groups, lexicon, resolution):
    """"im Herbst", "Sommer 2014", "diesen Winter"."""
    season = lexicon.lookup("season", groups.get("season") or groups["season2"])
    offset, anaphoric = lookup_direction(groups.get("direction") or groups.get("year_direction"), lexicon)
    base = resolution.anaphoric_base if anaphoric else resolution.base
    if groups.get("year"):
        year = int(groups["year"])
    elif offset is not None and base is not None:
        year = base.year + offset
    else:
        year = resolve_year(SEASON_MONTH[season], resolution)
    prefix = f"{year:04d}" if year is not None else "XXXX"
    return Timex("DATE", f"{prefix}-{season}", "season", anchored=year is not None and not groups.get("year"))


def normalize_quarter(groups, lexicon, resolution):
    """"im dritten Quartal" -> 2024-Q3, "der zweiten Jahreshälfte" -> 2024-H2."""
    ordinal = groups["ordinal"]
    number = int(ordinal[0]) if ordinal[0].isdigit() else lexicon.lookup("ordinal", ordinal)
    is_half = not groups["unit"].startswith("Quartal")
    if number is None or number > (2 if is_half else 4):
        return None
    if groups.get("year"):
        prefix, anchored = groups["year"], False
    elif resolution.base is not None:
        prefix, anchored = f"{resolution.base.year:04d}", True
    else:
        prefix, anchored = "XXXX", False
    code = "H" if is_half else "Q"
    return Timex("DATE", f"{prefix}-{code}{number}", "half" if is_half else "quarter", anchored=anchored)


def normalize_holiday(groups, lexicon, resolution):
    """"Weihnachten" -> XXXX-12-25 / 2024-12-25, "Ostern 2024" -> 2024-03-31."""
    name = groups["holiday"]
    fixed = lexicon.lookup("holiday", name)
    month = int(fixed[:2]) if fixed else 4
    year = int(groups["year"]) if groups.get("year") else resolve_year(month, resolution)
    anchored = year is not None and not groups.get("year")
    if fixed:
        return Timex("DATE", build_day(year, month, int(fixed[3:])), "day", anchored=anchored)
    if year is None:
        return Timex("DATE", None, "day")
    day = compute_easter(year) + dt.timedelta(days=lexicon.lookup("easter_holiday", name))
    return Timex("DATE", format_day(day), "day", anchored=anchored)


def resolve_weekday(weekday: int, base: dt.date, *, tense: str | None, offset: int | None) -> dt.date:
    """The date of `weekday` near `base`: the next one in future tense, else (news report the past) the last one.

    "vergangenen"/"nächsten" (offset -1/+1) exclude the base day itself; "diesen" (0) takes this week's.
    """
    delta = weekday - base.isoweekday()
    if offset == 0:
        return base + dt.timedelta(days=delta)
    if offset == 1 or (offset is None and tense == "future"):
        delta = delta + 7 if delta < 0 or (offset == 1 and delta == 0) else delta
    else:
        delta = delta - 7 if delta > 0 or (offset == -1 and delta == 0) else delta
    return base + dt.timedelta(days=delta)


def normalize_weekday(groups, lexicon, resolution):
    """"am Freitag" -> last or next Friday; "am Freitagabend" -> 2024-05-10TEV; no base: XXXX-WXX-5."""
    weekday = lexicon.lookup("weekday", groups["weekday"])
    part_word = groups.get("part_of_day") or groups.get("part_of_day2")
    part = lexicon.lookup("part_of_day", part_word) if part_word else None
    offset, anaphoric = lookup_direction(groups.get("direction"), lexicon)
    base = resolution.anaphoric_base if anaphoric else resolution.base
    suffix = f"T{part}" if part else ""
    kind = "TIME" if part else "DATE"
    if base is None:
        return Timex(kind, f"XXXX-WXX-{weekday}{suffix}", "time" if part else "day")
    day = resolve_weekday(weekday, base, tense=resolution.tense, offset=offset)
    return Timex(kind, format_day(day) + suffix, "time" if part else "day", anchored=True)


def normalize_day_relative(groups, lexicon, resolution):
    """"gestern", "heute", "morgen", "gestern Abend", "am Abend" (the last day mentioned)."""
    part = lexicon.lookup("part_of_day", groups["part_of_day"]) if groups.get("part_of_day") else None
    suffix = f"T{part}" if part else ""
    kind = "TIME" if part else "DATE"
    granularity = "time" if part else "day"
    if not groups.get("day_relative"):
        offset, _ = lookup_direction(groups.get("direction"), lexicon)
        base = resolution.anaphoric_base
        if base is None:
            return Timex(kind, f"XXXX-XX-XX{suffix}", granularity)
        return Timex(kind, format_day(base + dt.timedelta(days=offset or 0)) + suffix, granularity, anchored=True)
    offset = lexicon.lookup("day_relative", groups["day_relative"])
    if resolution.narrative and offset == 0 and not part:
        return Timex("DATE", "PRESENT_REF", "reference")
    base = resolution.base
    if base is None:
        return Timex(kind, None, granularity)
    return Timex(kind, format_day(base + dt.timedelta(days=offset)) + suffix, granularity, anchored=True)


def normalize_relative_unit(groups, lexicon, resolution):
    """"vergangene Woche", "nächsten Monat", "heuer", "im Vorjahr", "Ende des Jahres", "am folgenden Tag"."""
    if groups.get("relative_noun"):
        unit, offset = lexicon.lookup("relative_noun", groups["relative_noun"])
        anaphoric = unit == "D"
    else:
        unit = lexicon.lookup("unit", groups["unit"])
        offset, anaphoric = lookup_direction(groups.get("direction"), lexicon)
        offset = 0 if offset is None else offset
        anaphoric = anaphoric or (unit == "D" and offset == 0) or (not groups.get("direction") and resolution.narrative)
        if groups["unit"] in PLURAL_UNITS:
            return Timex("DURATION", format_duration(None, unit), UNIT_GRANULARITY.get(unit))
    base = resolution.anaphoric_base if anaphoric else resolution.base
    granularity = UNIT_GRANULARITY.get(unit)
    if base is None:
        return Timex("DATE", None, granularity, mod=lookup_part(groups, lexicon))
    return Timex("DATE", format_unit_value(base, unit, offset), granularity, anchored=True, mod=lookup_part(groups, lexicon))


def normalize_anaphoric_shift(groups, lexicon, resolution):
    """"am Tag zuvor", "drei Monate später": counted from the last date mentioned."""
    direction = lexicon.lookup("anaphoric_adverb", groups["anaphoric_adverb"])
    unit = lexicon.lookup("unit", groups["unit"]) if groups.get("unit") else "D"
    amount = parse_number(groups["number"], lexicon) if groups.get("number") else 1
    base = resolution.anaphoric_base
    if base is None or amount is None or amount != int(amount) or unit not in {"D", "W", "M", "Y"}:
        return Timex("DATE", None, UNIT_GRANULARITY.get(unit))
    return Timex("DATE", shift_date(base, unit, int(amount) * direction), UNIT_GRANULARITY[unit], anchored=True)


def shift_date(base: dt.date, unit: str, amount: int) -> str:
    """Value of `base` moved by `amount` units, at the granularity of the unit."""
    if unit == "D":
        return format_day(base + dt.timedelta(days=amount))
    if unit == "W":
        return format_week(base + dt.timedelta(weeks=amount))
    return format_unit_value(base, unit, amount)


def normalize_day_of_month(groups, lexicon, resolution):
    """"am 24." -> that day of the month of the last date mentioned."""
    base = resolution.anaphoric_base
    if base is None:
        return Timex("DATE", None, "day")
    value = build_day(base.year, base.month, int(groups["day"]))
    return value and Timex("DATE", value, "day", anchored=True)


def normalize_anaphoric_vague(groups, lexicon, resolution):
    """"wenig später" -> FUTURE_REF, "kurz zuvor" -> PAST_REF."""
    direction = lexicon.lookup("anaphoric_adverb", groups["anaphoric_adverb"])
    return Timex("DATE", "FUTURE_REF" if direction > 0 else "PAST_REF", "reference")


def normalize_ago(groups, lexicon, resolution):
    """"vor zwei Wochen" -> the week two weeks before the reference date."""
    unit = lexicon.lookup("unit", groups["unit"])
    amount = parse_number(groups["number"], lexicon)
    base = resolution.base
    if amount is None or amount != int(amount):
        return None
    if base is None:
        return Timex("DATE", None, UNIT_GRANULARITY[unit])
    if unit == "DE":
        return Timex("DATE", f"{base.year - 10 * int(amount):04d}", "year", anchored=True)
    return Timex("DATE", shift_date(base, unit, -int(amount)), UNIT_GRANULARITY[unit], anchored=True)


def normalize_unresolved(groups, lexicon, resolution):
    """Expressions anchored to an event or an unnamed period: kept, value None."""
    unit = lexicon.lookup("unit", groups["unit"]) if groups.get("unit") else None
    return Timex("DATE", None, UNIT_GRANULARITY.get(unit))


def normalize_reference_adverb(groups, lexicon, resolution):
    """"jetzt" -> PRESENT_REF, "damals" -> PAST_REF, "bald" -> FUTURE_REF."""
    return Timex("DATE", lexicon.lookup("reference_adverb", groups["reference_adverb"]), "reference")


def normalize_present_reference(groups, lexicon, resolution):
    """"auch heute noch", "bis heute": the present, not the day -> PRESENT_REF."""
    return Timex("DATE", "PRESENT_REF", "reference")


def normalize_future_reference(groups, lexicon, resolution):
    """"in Zukunft" -> FUTURE_REF."""
    return Timex("DATE", "FUTURE_REF", "reference")


def normalize_clock_time(groups, lexicon, resolution):
    """"um 18 Uhr" -> 2024-05-10T18:00 on the last day mentioned (else the reference date)."""
    base = resolution.clock_base
    day = format_day(base) if base else "XXXX-XX-XX"
    if groups.get("hour2"):
        begin = f"{day}T{int(groups['hour']):02d}:{int(groups.get('minute') or 0):02d}"
        end = f"{day}T{int(groups['hour2']):02d}:{int(groups.get('minute2') or 0):02d}"
        return Timex("TIME", begin, "time", anchored=base is not None, begin=begin, end_value=end)
    hour, minute = int(groups["hour"]), int(groups.get("minute") or groups.get("minute2") or 0)
    return Timex("TIME", f"{day}T{hour:02d}:{minute:02d}", "time", anchored=base is not None)


def format_duration(amount: float | None, unit: str) -> str:
    """TIMEX3 duration value: P3D, PT2H, P2DE, PXY for a vague amount (None)."""
    if unit == "H2":
        unit, amount = "M", None if amount is None else amount * 6
    if amount is not None and amount != int(amount) and unit in FRACTION_UNIT:
        smaller, factor = FRACTION_UNIT[unit]
        unit, amount = smaller, amount * factor
    quantity = "X" if amount is None else (str(int(amount)) if amount == int(amount) else str(amount))
    if unit in CLOCK_UNITS:
        return f"PT{quantity}{CLOCK_UNITS[unit]}"
    return f"P{quantity}{unit}"


def normalize_duration(groups, lexicon, resolution):
    """"drei Tage" -> P3D, "24 Stunden" -> PT24H, "einigen Wochen" -> PXW, "seit Jahren" -> PXY."""
    if groups.get("unit_adverb"):
        unit = UNIT_ADVERBS[groups["unit_adverb"].lower()]
        return Timex("DURATION", format_duration(None, unit), UNIT_GRANULARITY[unit])
    if groups.get("unit_adjective"):
        unit = lexicon.lookup("unit_adjective", groups["unit_adjective"])
    else:
        unit = lexicon.lookup("unit", groups["unit"])
    if groups.get("number"):
        amount = parse_number(groups["number"], lexicon)
        if amount is None or amount == 0:
            return None
    else:
        amount = None
    if unit == "WE" and amount is None:
        return None
    return Timex("DURATION", format_duration(amount, unit), UNIT_GRANULARITY.get(unit))


def normalize_set(groups, lexicon, resolution):
    """"jeden Montag" -> XXXX-WXX-1, "täglich" -> P1D, "einmal im Monat" -> P1M, "alle zwei Wochen" -> P2W."""
    if groups.get("set_adverb"):
        value = lexicon.lookup("set_adverb", groups["set_adverb"])
        return Timex("SET", value, UNIT_GRANULARITY.get(value[-1]))
    weekday_word = groups.get("weekday") or groups.get("weekday_adverb")
    if weekday_word:
        table = "weekday" if groups.get("weekday") else "weekday_adverb"
        part = lexicon.lookup("part_of_day", groups["part_of_day"]) if groups.get("part_of_day") else None
        value = f"XXXX-WXX-{lexicon.lookup(table, weekday_word)}" + (f"T{part}" if part else "")
        return Timex("SET", value, "day")
    unit = lexicon.lookup("unit", groups["unit"])
    amount = parse_number(groups["number"], lexicon) if groups.get("number") else 1
    if amount is None:
        return None
    return Timex("SET", format_duration(amount, unit), UNIT_GRANULARITY.get(unit))


NORMALIZERS: Mapping[str, Normalizer] = MappingProxyType({
    "calendar_date": normalize_calendar_date,
    "day_range": normalize_day_range,
    "year_range": normalize_year_range,
    "month_range": normalize_month_range,
    "month": normalize_month,
    "year": normalize_year,
    "decade": normalize_decade,
    "century": normalize_century,
    "season": normalize_season,
    "quarter": normalize_quarter,
    "holiday": normalize_holiday,
    "weekday": normalize_weekday,
    "day_relative": normalize_day_relative,
    "relative_unit": normalize_relative_unit,
    "anaphoric_shift": normalize_anaphoric_shift,
    "ago": normalize_ago,
    "day_of_month": normalize_day_of_month,
    "anaphoric_vague": normalize_anaphoric_vague,
    "unresolved": normalize_unresolved,
    "reference_adverb": normalize_reference_adverb,
    "present_reference": normalize_present_reference,
    "future_reference": normalize_future_reference,
    "clock_time": normalize_clock_time,
    "duration": normalize_duration,
    "set": normalize_set,
})
