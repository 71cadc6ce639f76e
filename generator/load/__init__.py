"""Stage 1, load: the data folder read into records, safely (data_folder.py, yaml_safe.py)."""
