"""The code rules (``kind: python``), one module per rule, named ``<code>_<function>.py``.

Importing this package registers every rule function in :data:`helder.checks.registry.REGISTRY`.
A new code rule: a module here with a docstring in the manner of the others (what it flags, why it matters
for a B1 reader, an example, what to write instead), a function decorated with
``@rule_function("name")``, and its import below.
"""

from __future__ import annotations

from . import (  # noqa: F401 - imported to register the functions
    st002_few_headings,
    st003_enumeration_in_sentence,
    st004_council_sections,
    st006_shouting,
    st008_contact_info,
    st009_decision_first,
    st010_unused_directive,
    wk003_rare_words,
    wk005_abbreviations,
    wk006_mixed_address,
    wk007_double_negative,
    wk009_we_not_organisation,
    wk010_address_reader,
    wk015_capital_u,
    zb001_passive_with_agent,
    zb002_passive_without_agent,
    zb003_tangconstructie,
    zb004_naamwoordstijl,
    zb005_long_runup,
    zb006_nested_clauses,
    zb007_verb_cluster,
    zb008_long_parenthesis,
    zb010_van_chain,
)
