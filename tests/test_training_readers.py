"""Label mapping of each training corpus reader, on small inline samples."""
import pytest
import spacy

from pipeline.training.readers.dfki import DFKI_LABELS, convert_smartdata_document, parse_mobie_lines
from pipeline.training.readers.europeana import parse_europeana_lines
from pipeline.training.readers.germeval import GERMEVAL_LABELS, clean_token, parse_germeval_lines
from pipeline.training.readers.legal import LEGAL_LABELS, parse_legal_lines
from pipeline.training.readers.ud import tag_multiword_token
from pipeline.training.sentences import map_bio_tag, repair_bio


@pytest.mark.parametrize(("tag", "expected"), [
    ("B-PER", "B-PER"), ("I-LOC", "I-LOC"), ("B-ORG", "B-ORG"), ("B-OTH", "B-MISC"),
    ("B-LOCderiv", "B-MISC"), ("I-PERderiv", "I-MISC"), ("B-ORGpart", "O"), ("I-OTHpart", "O"), ("O", "O"),
])
def test_germeval_tag_mapping(tag, expected):
    assert map_bio_tag(tag, label_of=GERMEVAL_LABELS) == expected


def test_germeval_parse_reads_sentences_and_outer_tags():
    lines = ["#\thttp://example.org\t[2010-07-04]\t\n", "1\tDie\tO\tO\n", "2\tdeutschen\tB-LOCderiv\tO\n",
             "3\tEU-Budgets\tB-ORGpart\tO\n", "4\tMerkel\tB-PER\tO\n", "\n",
             "#\thttp://example.org\t[2010-07-05]\t\n", "1\tBerlin\tB-LOC\tO\n"]
    sentences = list(parse_germeval_lines(lines))
    assert [s.tags for s in sentences] == [["O", "B-MISC", "O", "B-PER"], ["B-LOC"]]


@pytest.mark.parametrize(("token", "expected"), [("Bun\u00addestag", "Bundestag"), ("\u0096", "–"), ("Haus", "Haus")])
def test_germeval_clean_token_removes_junk(token, expected):
    assert clean_token(token) == expected


@pytest.mark.parametrize(("tag", "expected"), [
    ("B-PER", "B-PER"), ("B-RR", "B-PER"), ("I-AN", "I-PER"), ("B-LD", "B-LOC"), ("B-ST", "B-LOC"),
    ("I-STR", "I-LOC"), ("B-LDS", "B-LOC"), ("B-UN", "B-ORG"), ("B-INN", "B-ORG"), ("B-GRT", "B-ORG"),
    ("B-MRK", "B-ORG"), ("B-GS", "O"), ("I-VO", "O"), ("B-EUN", "O"), ("B-VS", "O"), ("B-VT", "O"),
    ("B-RS", "O"), ("B-LIT", "O"),
])
def test_legal_tag_mapping(tag, expected):
    assert map_bio_tag(tag, label_of=LEGAL_LABELS) == expected


def test_legal_parse_splits_on_bare_carriage_return():
    lines = ["Der O\r\n", "Bundesgerichtshof B-GRT\r\n", "\r\n", "§ B-GS\r\n", "1 I-GS\r\n"]
    assert [s.tags for s in parse_legal_lines(lines)] == [["O", "B-ORG"], ["O", "O"]]


@pytest.mark.parametrize(("tag", "expected"), [
    ("B-person", "B-PER"), ("B-location", "B-LOC"), ("I-location-city", "I-LOC"), ("B-location-stop", "B-LOC"),
    ("B-location-route", "B-LOC"), ("B-location-street", "B-LOC"), ("B-organization", "B-ORG"),
    ("I-organization-company", "I-ORG"), ("B-date", "O"), ("B-number", "O"), ("B-trigger", "O"),
    ("B-org-position", "O"), ("B-disaster-type", "O"),
])
def test_dfki_tag_mapping(tag, expected):
    assert map_bio_tag(tag, label_of=DFKI_LABELS) == expected


def test_dfki_parse_mobie_skips_document_markers():
    lines = ["-DOCSTART- -1- O O\n", "\n", "#Bahn\tNE\tI-NE\tB-organization-company\n",
             "ab\tAPPR\tI-AP\tO\n", "Montag\tNN\tI-NN\tB-date\n", "\n"]
    assert [s.tags for s in parse_mobie_lines(lines)] == [["B-ORG", "O", "O"]]


def test_dfki_smartdata_document_keeps_names_only():
    text = "Siemens streicht in München 500 Stellen, sagte Joe Kaeser am Montag."
    mentions = [("organization-company", "Siemens"), ("location-city", "München"), ("number", "500"),
                ("person", "Joe Kaeser"), ("date", "Montag")]
    record = {"text": {"string": text}, "conceptMentions": {"array": [
        {"type": label, "span": {"start": text.index(words), "end": text.index(words) + len(words)}}
        for label, words in mentions]}}
    doc = convert_smartdata_document(record, nlp=spacy.blank("de"))
    assert [(e.text, e.label_) for e in doc.ents] == [("Siemens", "ORG"), ("München", "LOC"), ("Joe Kaeser", "PER")]


@pytest.mark.parametrize(("tags", "expected"), [
    (["I-PER", "I-PER", "O"], ["B-PER", "I-PER", "O"]),
    (["B-LOC", "I-ORG"], ["B-LOC", "B-ORG"]),
    (["O", "B-MISC", "I-MISC"], ["O", "B-MISC", "I-MISC"]),
])
def test_sentences_repair_bio(tags, expected):
    assert repair_bio(tags) == expected


@pytest.mark.parametrize(("tag", "expected"), [("APPR_ART", "APPRART"), ("PTKZU_ART", "APPRART"),
                                               ("APPR_NE", "APPR"), ("NN", "NN")])
def test_ud_multiword_tag(tag, expected):
    assert tag_multiword_token(tag) == expected


def test_europeana_parse_repairs_tags_and_cuts_pseudo_sentences():
    lines = ["# file: page1\n", "Der O\n", "Kaiser B-PEr\n", "Franz I-PER\n", "reiste O\n", "nach O\n",
             "Wien B-LOC\n", ". O\n", "kaputt\n", "Die O\n", "Gesellschaft B-MISC\n", "tagte O\n", "v ???\n",
             "# file: page2\n", "Berlin B-LOC\n"]
    sentences = list(parse_europeana_lines(lines))
    assert [s.words for s in sentences] == [
        ["Der", "Kaiser", "Franz", "reiste", "nach", "Wien", "."], ["Die", "Gesellschaft", "tagte"], ["Berlin"],
    ]
    assert [s.tags for s in sentences] == [
        ["O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"], ["O", "O", "O"], ["B-LOC"],
    ]


def test_europeana_cut_waits_for_the_end_of_an_entity():
    lines = [f"w{i} O\n" for i in range(59)] + ["Neue B-ORG\n", "Freie I-ORG\n", "Presse I-ORG\n", "heute O\n"]
    first, second = parse_europeana_lines(lines)
    assert first.words[-3:] == ["Neue", "Freie", "Presse"] and second.words == ["heute"]
