"""Ports for rounds: where rounds, invitations, responses and endorsements are stored.

Each is a read-only property of the `UnitOfWork` (`uow.rounds`, `uow.invitations`,
`uow.responses`, `uow.endorsements`) and joins its transaction. Responses and endorsements are
append-only: there are methods to add versions and verdicts, none to change or delete them.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Mapping
from typing import Protocol

from forcegen.model.participant import Participant
from forcegen.model.questionnaire import AnswerVocabulary
from forcegen.model.response import Endorsement, Response, ResponseVersion
from forcegen.model.response_head import ResponseHead, ResponseTally
from forcegen.model.round import Invitation, InvitationId, Round, RoundId


class ParticipantCatalog(Protocol):
    """The reference data rounds need: `forcegen.catalog.Catalog` provides it.

    The service layer cannot import the catalog package (it sits above it), so the use
    cases name only what they read.
    """

    @property
    def participants(self) -> Mapping[str, Participant]:
        """Every participant that can be invited, by code."""
        ...

    def answer_vocabulary(self) -> AnswerVocabulary:
        """The names answers may use, with the condition check of the condition language."""
        ...


class RoundRepository(Protocol):
    """Stored rounds, each with the snapshot of its questionnaire."""

    def add(self, round_: Round) -> None:
        """Store a new round."""
        ...

    def get(self, round_id: RoundId) -> Round | None:
        """Return the round, or None if there is no round with this id."""
        ...

    def list(self) -> builtins.list[Round]:
        """Return all rounds, newest first."""
        ...

    def update(self, round_: Round) -> None:
        """Store the round's new status and `closed_at` (nothing else of a round changes).

        Raises:
            NotFoundError: no round with that id.
        """
        ...


class InvitationRepository(Protocol):
    """Stored invitations; each holds the hash of its current token, never the token."""

    def add(self, invitation: Invitation, *, token_hash: str) -> None:
        """Store a new invitation with the hash of its token.

        Raises:
            RuleViolationError: the participant is already invited to the round.
        """
        ...

    def get(self, invitation_id: InvitationId) -> Invitation | None:
        """Return the invitation, or None."""
        ...

    def get_by_token_hash(self, token_hash: str) -> Invitation | None:
        """Return the invitation whose current token hashes to `token_hash`, or None."""
        ...

    def find(self, round_id: RoundId, participant_code: str) -> Invitation | None:
        """Return the participant's invitation to the round, or None."""
        ...

    def for_round(self, round_id: RoundId) -> builtins.list[Invitation]:
        """Return the round's invitations, ordered by participant code."""
        ...

    def codes_for_round(self, round_id: RoundId) -> builtins.list[str]:
        """Return the codes of the round's invited participants, in order (what an
        assessment lists as not answered, read after every submission)."""
        ...

    def joint_for_round(self, round_id: RoundId) -> builtins.list[Invitation]:
        """Return the round's invitations of joint respondents (organisations), by code."""
        ...

    def update(self, invitation: Invitation, *, token_hash: str | None = None) -> None:
        """Store the invitation's new status, times and revocation; with `token_hash`, replace
        its token too (the old one stops working).

        Raises:
            NotFoundError: no invitation with that id.
        """
        ...


class ResponseRepository(Protocol):
    """Stored responses and their versions; versions are only ever added."""

    def create(self, response: ResponseTally | Response, *, created_at: dt.datetime) -> None:
        """Store a new, empty response for a participant in a round.

        Raises:
            ConflictError: the participant already has a response in the round (another save
                created it first); nothing was written.
        """
        ...

    def append_version(self, version: ResponseVersion) -> None:
        """Add a version to its response (its number follows the latest's) and move the
        response's pointer to it, in the same transaction.

        Raises:
            ConflictError: a version with this number already exists (another save won);
                nothing was written and the unit of work can still be used.
        """
        ...

    def head(self, round_id: RoundId, participant_code: str) -> ResponseHead | None:
        """Return the participant's response with its latest version and latest standing
        submission (read through the pointer, whatever the length of its history), or None."""
        ...

    def heads_for_round(self, round_id: RoundId) -> builtins.list[ResponseHead]:
        """Return the head of every response in the round, by participant code."""
        ...

    def latest_submitted_for_round(
        self, round_id: RoundId
    ) -> builtins.list[tuple[ResponseTally, ResponseVersion]]:
        """Return every response whose latest submission stands (not withdrawn since), with
        that submission, by participant code."""
        ...

    def tallies_for_round(self, round_id: RoundId) -> builtins.list[ResponseTally]:
        """Return the counts of every response in the round (no version read), by code."""
        ...

    def version(self, response_id: str, number: int) -> ResponseVersion | None:
        """Return one version of a response, or None."""
        ...

    def versions(
        self, response_id: str, *, offset: int = 0, limit: int | None = None
    ) -> builtins.list[ResponseVersion]:
        """Return versions of a response, newest first, skipping `offset`, at most `limit`."""
        ...

    def get(self, round_id: RoundId, participant_code: str) -> Response | None:
        """Return the participant's response in the round with all its versions, or None
        (for checks that need the whole history; pages use `head` and `versions`)."""
        ...

    def for_round(self, round_id: RoundId) -> builtins.list[Response]:
        """Return every response in the round with all its versions, by participant code."""
        ...


class EndorsementRepository(Protocol):
    """Stored verdicts of members on joint responses; the highest number per member wins."""

    def add(self, endorsement: Endorsement) -> None:
        """Store a verdict.

        Raises:
            ConflictError: a verdict with the same number exists (a concurrent verdict won).
        """
        ...

    def history(
        self, round_id: RoundId, joint_participant: str, participant_code: str
    ) -> builtins.list[Endorsement]:
        """Return one member's verdicts on one joint response, oldest first."""
        ...

    def latest_for_round(self, round_id: RoundId) -> builtins.list[Endorsement]:
        """Return the current verdict of every member on every joint response in the round."""
        ...


class DataVersionRepository(Protocol):
    """Counters that move with every write changing what an assessment reads (raised by the
    repositories themselves, in the writing transaction), to key cached results."""

    def of_round(self, round_id: str) -> int:
        """The version of a round's submitted answers and invitations (0: never written)."""
        ...

    def of_public_record(self) -> int:
        """The version of the public record's sources, positions and pledges."""
        ...
