"""Stage 2, check: settings and every problem of the records; whole.py checks all, subset.py the changed files."""
