"""`giaitrinh publish`: send a built site to where it is hosted, only what changed (plan.py), by
copying or through rsync / rclone (targets.py)."""
