"""The demo: three real articles and what an editor records from them (data), and loading it (loader)."""
