"""Subcommands of ``petition``; see petition.cli.COMMANDS."""
