"""The speed layer: caches, the rebuild plan and forked workers, wrapped around the stages from outside."""
