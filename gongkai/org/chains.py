"""Who can sign the steps of a review chain (审核流程): every step by a different person.

"先审查、后公开" and "层层审查签批" (seed 000) mean several people look at one item: a person who
holds two roles (a 办公室主任 who is also 股室负责人 and 公开办) still signs one step of it at
most, and nobody signs what they drafted. Whether a chain can be completed at all is a matching
problem: each step needs one of the people eligible for it, all of them different. Pure functions
over user ids, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class StepNeed:
    """One step of a chain and the people who may sign it."""

    name: str
    eligible: frozenset[int]


def assign(needs: Sequence[StepNeed], *, exclude: Iterable[int] = ()) -> dict[int, int]:
    """A largest assignment of distinct people to steps (step index → user id), never using
    anybody in ``exclude`` (the drafter, people who signed already). Kuhn's augmenting paths:
    chains have a handful of steps and an agency a few dozen people."""
    excluded = set(exclude)
    taken: dict[int, int] = {}  # user id → step index

    def place(step: int, seen: set[int]) -> bool:
        for person in sorted(needs[step].eligible - excluded):
            if person in seen:
                continue
            seen.add(person)
            if person not in taken or place(taken[person], seen):
                taken[person] = step
                return True
        return False

    for index in range(len(needs)):
        place(index, set())
    return {step: person for person, step in taken.items()}


def unstaffed(needs: Sequence[StepNeed], *, exclude: Iterable[int] = ()) -> list[str]:
    """The names of the steps left without a signer in the best assignment (empty when the
    chain can be completed by different people)."""
    found = assign(needs, exclude=exclude)
    return [need.name for index, need in enumerate(needs) if index not in found]
