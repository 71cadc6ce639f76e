"""What a stage may reuse from an earlier build: it asks `get(inputs, make)` and gets what
`make()` returns, made now or kept from before under the digest of `inputs`. The stages know
only this interface; generator/speed/cache.py (Pieces) keeps the results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Reuse(Protocol):
    def get(self, inputs: object, make: Callable[[], T]) -> T: ...

    def forget_unused(self) -> None: ...


class MakeAgain:
    """Nothing kept: everything is made again."""

    def get(self, inputs: object, make: Callable[[], T]) -> T:
        return make()

    def forget_unused(self) -> None:
        pass
