"""Stage analysis: indicators of a plan and marginal values."""
