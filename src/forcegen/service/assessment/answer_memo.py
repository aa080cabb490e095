"""Answer sets derived once per response version, kept per server process.

On a deadline day every submission moves the round's data version, so the dashboard is
assessed again several times a minute; yet between two runs one response has changed and the
hundred and fifty others have not. A submitted version never changes, so what its answers
mean (their pledges, `AnswerSet.derived`) is kept here and shared by the next runs, with the
pledges' fixed ends (`Pledge.fixed`) already made.

The key is the whole input of the derivation (participant, source id and the answers
themselves, as canonical JSON), not a version id alone, so an entry can never stand for other
answers: not in another database, not after a restore. Entries nobody asks for again (older
versions) age out of the least-recently-used list.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from forcegen.answers.summary import AnswerSet
from forcegen.service.result_cache import ResultCache

ANSWER_SETS_KEPT = 4096  # 200 respondents with a score of submitted versions each

_answer_sets: ResultCache[AnswerSet] = ResultCache(ANSWER_SETS_KEPT)


def answer_set(participant: str, answers: Mapping[str, object], source_id: str) -> AnswerSet:
    """`AnswerSet(participant, answers, source_id)`, derived once for the same inputs."""
    content = json.dumps(answers, sort_keys=True, separators=(",", ":"), default=repr)
    return _answer_sets.get_or_compute(
        (participant, source_id, content),
        lambda: AnswerSet(participant, answers, source_id),
    )


def forget_answer_sets() -> None:
    """Empty the memo (a test compares a run from scratch with one that used it)."""
    _answer_sets.clear()
