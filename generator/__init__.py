"""Giải trình mở: a static-site publisher for public accountability records.

The pipeline, in order (see build.py): load → validate → model → render → export → write.
"""
