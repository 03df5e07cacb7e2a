"""The audit's cheap language check (helder.auditing.language): Dutch texts, also table-heavy ones,
are Dutch; English, German and French texts are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from helder.auditing.language import dutch_share, looks_dutch, other_share

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"

ENGLISH = ("The municipality publishes this page for residents who do not read Dutch. You can apply for a "
           "parking permit online. Please have your citizen service number ready, and make sure that the "
           "car is registered at your address. The permit is valid for one year and it can be renewed from "
           "the date that is shown on the letter you will receive from us. ") * 3
GERMAN = ("Die Gemeinde veröffentlicht diese Seite für Einwohner, die kein Niederländisch lesen. Sie können "
          "eine Parkgenehmigung online beantragen. Halten Sie bitte Ihre Bürgerservicenummer bereit und "
          "achten Sie darauf, dass das Auto unter Ihrer Adresse gemeldet ist. Die Genehmigung ist ein Jahr "
          "gültig und kann mit dem Brief verlängert werden, den Sie von uns bekommen. ") * 3
FRENCH = ("La commune publie cette page pour les habitants qui ne lisent pas le néerlandais. Vous pouvez "
          "demander un permis de stationnement en ligne. Ayez votre numéro de service citoyen sous la main "
          "et vérifiez que la voiture est enregistrée à votre adresse. Le permis est valable un an et il "
          "peut être renouvelé avec la lettre que vous recevrez de notre part. ") * 3
DUTCH_TABLE = ("Toelagen die pensioengevend zijn vanaf 1 januari 2004. De tabel hieronder geeft per toelage "
               "aan of zij meetelt voor het pensioen. Het gaat om de belastbare toelagen.\n"
               + "Toelage onregelmatige dienst | art. 18 BBRA | x | x | BBT\n" * 40)


@pytest.mark.parametrize("text", [ENGLISH, GERMAN, FRENCH], ids=["en", "de", "fr"])
def test_other_languages_are_not_dutch(text):
    assert not looks_dutch(text)


def test_a_dutch_text_with_a_long_table_is_dutch():
    share, n = dutch_share(DUTCH_TABLE)
    assert n >= 40 and share < 0.2  # the table drags the share down ...
    assert looks_dutch(DUTCH_TABLE)  # ... but no other language has more function words


def test_other_share_names_the_language():
    assert other_share(ENGLISH)[0] == "en"
    assert other_share(GERMAN)[0] == "de"
    assert other_share(FRENCH)[0] == "fr"


def test_every_dutch_text_of_the_corpora_is_dutch():
    """The repository's clean corpus and, when ``../shared`` is there, every circular and the Diemen
    document: all Dutch (a circular with a long table was once skipped as 'geen Nederlandse tekst')."""
    files = sorted((ROOT / "corpora" / "schoon").rglob("*.md")) + sorted((ROOT / "corpora" / "schoon").rglob("*.txt"))
    if SHARED.is_dir():
        files += sorted((SHARED / "circulaires" / "texts").glob("*.txt"))
    assert files
    wrong = [f.name for f in files if not looks_dutch(f.read_text(encoding="utf-8", errors="replace"))]
    assert not wrong
