"""Core of the open-letter petition: load, validate and check signature files, render site data.

Nothing in this package except ``mkdocs_plugin`` imports MkDocs: the core must outlive MkDocs 1.x.
"""

__version__ = "1.0.0"
