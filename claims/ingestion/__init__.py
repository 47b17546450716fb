"""Ingestion: from an article's text to suggested citations and quotes, and the editor's decisions on them."""
