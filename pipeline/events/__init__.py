"""Event extraction: rules as data (``configs/events.toml``) applied by a spaCy component."""
from .component import EventExtractor, make_event_extractor
from .rules import EventRules, RulesError, load_rules

__all__ = ["EventExtractor", "EventRules", "RulesError", "load_rules", "make_event_extractor"]
