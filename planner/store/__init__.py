"""State that outlives a browser tab: saved scenarios, phases of a call, access and audit (SQLAlchemy)."""
