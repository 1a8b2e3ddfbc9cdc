"""Core: the schema, typed containers, errors and the words catalogue (imports nothing above)."""
