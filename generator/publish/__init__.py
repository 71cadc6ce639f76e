"""Stage 5, publish: open data, search index, feeds, the engine's frames, and the atomic write."""
