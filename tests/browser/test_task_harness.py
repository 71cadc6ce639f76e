"""The task harness itself (tasks.py): it counts bytes and fails on a missing file."""

from __future__ import annotations

import pytest

from .support import TASK_LOG
from .tasks import Citizen, task


def test_a_task_logs_its_bytes_and_fails_on_a_missing_file(citizen: Citizen, site_url: str):
    with task(citizen, site_url, "mở trang chủ") as t:
        t.open("")
    entry = TASK_LOG[-1]
    assert entry["task"] == "mở trang chủ" and entry["width"] == citizen.width
    assert entry["requests"] >= 1 and entry["bytes"] > 1000 and entry["failed"] == []
    with pytest.raises(AssertionError, match="khong-co-trang-nay"):
        with task(citizen, site_url, "một trang không có") as t:
            t.open("khong-co-trang-nay/")
    assert TASK_LOG[-1]["failed"][0][1] == 404
