"""pst — projet social de territoire as plain YAML and Markdown files in Git."""

__version__ = "0.1.0"
