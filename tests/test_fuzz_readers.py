"""Hypothesis fuzz test of the text readers (plain text, Markdown, HTML) and their offset maps.

For any input a reader either raises InputError or gives a Document whose offsets map back inside
the source, in order, and whose copied pieces are the source text itself.
"""

from __future__ import annotations

import unicodedata

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from helder.documents import from_string  # noqa: E402
from helder.errors import InputError  # noqa: E402

# pieces that make readers take different paths: words, whitespace, Markdown and HTML syntax,
# character references, invisible and combining characters, line ends of every kind
PIECES = [
    "Dit", "is", "een", "zin", "gemeente", "café", "e\u0301", "naïef", " ", "  ", "\t", "\n", "\n\n", "\r\n",
    "\r", "\u00a0", "\u00ad", "\u200b", "\ufeff", ".", ",", "!", "?", "# ", "## ", "- ", "* ", "1. ", "> ",
    "`", "```\n", "**", "_", "[", "]", "(", ")", "[link](http://x.nl)", "![beeld](a.png)", "|", "---",
    "| a | b |\n|---|---|\n| c | d |\n", "<p>", "</p>", "<br>", "<div>", "</div>", "<b>", "</b>", "<",
    ">", "&amp;", "&eacute;", "&#233;", "&#x41;", "&bogus;", "&", "<!-- helder: uit -->",
    "<!-- helder: aan -->", "<!-- x -->", "<script>x</script>", "{{< ref \"a\" >}}", "{% if %}",
    "---\ntitel: x\n---\n", "\\", "\\*", "<li>", "<table><tr><td>", "</td></tr></table>",
]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=60).map("".join)


def check_document(doc) -> None:
    n = len(doc.source)
    previous = 0
    for i in range(len(doc.text) + 1):
        start = doc.source_offset(i)
        end = doc.source_offset(i, end=True)
        assert 0 <= start <= n and 0 <= end <= n
        assert start >= previous, (i, start, previous)  # in order: the text follows the source
        previous = start
    for plain, src, length, src_length in doc.offsets.segments():
        assert 0 <= src and src + src_length <= n
        assert 0 <= plain and plain + length <= len(doc.text)
        span = doc.span(plain, plain + length)
        assert (span.start, span.end) == (src, src + src_length)  # a copied piece maps to exactly its source
        if length == src_length:
            a, b = doc.text[plain:plain + length], doc.source[src:src + length]
            for x, y in zip(a, b):
                assert x == y or (x.isspace() and y.isspace()) or unicodedata.normalize("NFC", y) == x, (a, b)
    for block in doc.blocks:
        span = doc.span(block.start, block.end)
        assert 0 <= span.start <= span.end <= n


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, fmt=st.sampled_from(["text", "markdown", "html"]))
def test_readers_map_every_offset_back_into_the_source(text, fmt):
    try:
        doc = from_string(text, format=fmt)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    check_document(doc)
