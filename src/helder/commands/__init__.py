"""The bodies of the larger commands of :mod:`helder.cli` (the click options stay there)."""
