"""Stage 3, model: the portal as typed rows with computed fields, scorecards and compliance."""
