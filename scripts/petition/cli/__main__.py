"""``python -m petition.cli``: the same command as the ``petition`` console script."""

from petition.cli import entry

entry()
