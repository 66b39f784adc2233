"""What the worker embeds of an item (search.embedding.item_passages): the title with the
summary first, then the other summary, the findings, the labels in each language and the
files' text, every passage after the title, at most MAX_PASSAGES of about PASSAGE_CHARS."""

from search.embedding import MAX_PASSAGES, PASSAGE_CHARS, TITLE_SEPARATOR, item_passages
from tests.search.documents import _item

TITLE = "Neighbourhood trust and police legitimacy"


def study(**fields):
    return _item(
        1,
        "en",
        "2016-05-01",
        title=TITLE,
        summary="Residents rate the police.\n\nLes résidents évaluent la police.",
        findings="Fair treatment predicts trust.",
        labels=["Confiance de la population", "Community trust", "Quartiers", "Neighbourhoods"],
        labels_fr=["Confiance de la population", "Quartiers"],
        labels_en=["Community trust", "Neighbourhoods"],
        **fields,
    )


def test_each_passage_names_the_item_and_each_language_has_its_labels():
    files = "Model specification. Random intercepts for districts. " * 5
    passages = item_passages(study(files_text=files))
    assert passages[:5] == [
        f"{TITLE} — Residents rate the police.",
        f"{TITLE} — Les résidents évaluent la police.",
        f"{TITLE} — Fair treatment predicts trust.",
        f"{TITLE} — Confiance de la population; Quartiers",
        f"{TITLE} — Community trust; Neighbourhoods",
    ]
    # A passage of the files says what it belongs to, not only "Model specification".
    assert passages[5].startswith(f"{TITLE}{TITLE_SEPARATOR}Model specification.")


def test_the_files_fill_the_passages_left_and_none_is_longer_than_a_passage():
    sentence = "The survey was repeated in each of the thirty-two station districts. "
    passages = item_passages(study(files_text=sentence * 200))
    assert len(passages) == MAX_PASSAGES
    assert all(passage.startswith(f"{TITLE} — ") for passage in passages)
    assert all(len(passage) <= PASSAGE_CHARS for passage in passages)
    # Chunks are cut to the room the title leaves: whole sentences, none lost to the cut.
    assert all(passage.endswith("districts.") for passage in passages[5:])


def test_an_item_without_labels_or_summary_keeps_its_title():
    bare = _item(2, "fr", "2020-01-01", title="Itinérance au centre-ville")
    assert item_passages(bare) == ["Itinérance au centre-ville"]
