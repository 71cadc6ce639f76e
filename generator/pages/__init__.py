"""Stage 4, pages: the page list (producers.py) and their HTML fragments (render.py)."""
