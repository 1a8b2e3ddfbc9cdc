"""Statements: every figure a planner reads, typed once and rendered by each face (issue 21)."""
