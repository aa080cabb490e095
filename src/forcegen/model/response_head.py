"""A response read through its latest-version pointer: counts and the newest versions, never
the whole history, so that reading it costs the same at version 2 and at version 2,000.

The store keeps, beside each response, how many versions it has, how many were submissions,
and the numbers of its newest submission and newest withdrawal, all updated in the
transaction that appends a version. From those:

    version_count 5, last_submitted 3, last_withdrawn None  -> latest_submitted is v3
    version_count 6, last_submitted 3, last_withdrawn 6     -> withdrawn: latest_submitted None
    version_count 7, last_submitted 7, last_withdrawn 6     -> submitted again: v7
"""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forcegen.model.response import Attestation, Response, ResponseId, ResponseVersion


class ResponseTally(BaseModel):
    """How far a response has come, from its pointer row alone (no version is read)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: ResponseId
    round_id: str
    participant_code: str
    version_count: int = Field(default=0, ge=0)
    submitted_count: int = Field(default=0, ge=0)
    last_submitted_number: int | None = Field(default=None, ge=1)
    last_withdrawn_number: int | None = Field(default=None, ge=1)

    @property
    def latest_number(self) -> int:
        """The latest version's number (versions count from 1 without gaps); 0 for none."""
        return self.version_count

    @property
    def latest_submitted_number(self) -> int | None:
        """The newest submission's number, unless the response was withdrawn after it."""
        submitted, withdrawn = self.last_submitted_number, self.last_withdrawn_number or 0
        return submitted if submitted is not None and submitted > withdrawn else None

    @property
    def is_withdrawn(self) -> bool:
        return self.version_count > 0 and self.last_withdrawn_number == self.version_count

    def counting(self, version: ResponseVersion) -> ResponseTally:
        """The tally once `version` (the next number) is appended.

        Raises:
            ValueError: `version` is not the next version of this response.
        """
        if version.response_id != self.id or version.number != self.version_count + 1:
            raise ValueError(
                f"version {version.number} of {version.response_id!r} does not follow "
                f"version {self.version_count} of {self.id!r}"
            )
        return ResponseTally(
            id=self.id,
            round_id=self.round_id,
            participant_code=self.participant_code,
            version_count=version.number,
            submitted_count=self.submitted_count + int(version.is_submitted),
            last_submitted_number=version.number
            if version.is_submitted
            else self.last_submitted_number,
            last_withdrawn_number=version.number
            if version.is_withdrawn
            else self.last_withdrawn_number,
        )


class ResponseHead(ResponseTally):
    """A response's tally with its latest version and its latest standing submission.

    `last_attestation` is who attested the newest submission, even one withdrawn since: the
    form offers it again so that the official need not retype it.
    """

    latest: ResponseVersion | None = None
    latest_submitted: ResponseVersion | None = None
    last_attestation: Attestation | None = None

    @model_validator(mode="after")
    def _versions_match_the_tally(self) -> Self:
        latest_number = self.latest.number if self.latest else 0
        if latest_number != self.version_count:
            raise ValueError(
                f"the latest version is {latest_number}, but the tally counts "
                f"{self.version_count} versions"
            )
        submitted = self.latest_submitted.number if self.latest_submitted else None
        if submitted != self.latest_submitted_number:
            raise ValueError(
                f"the latest submission is {submitted}, but the tally says "
                f"{self.latest_submitted_number}"
            )
        return self

    def with_version(self, version: ResponseVersion) -> ResponseHead:
        """The head once `version` (the next number) is appended."""
        tally = self.counting(version)
        latest_submitted = version if version.is_submitted else self.latest_submitted
        return ResponseHead(
            **tally.model_dump(),
            latest=version,
            latest_submitted=latest_submitted if tally.latest_submitted_number else None,
            last_attestation=version.attestation or self.last_attestation,
        )


def head_of(response: Response) -> ResponseHead:
    """The head of a response whose whole history is at hand (tests, fakes, checks)."""
    submitted = [v.number for v in response.versions if v.is_submitted]
    withdrawn = [v.number for v in response.versions if v.is_withdrawn]
    attested = [v.attestation for v in response.versions if v.attestation is not None]
    return ResponseHead(
        id=response.id,
        round_id=response.round_id,
        participant_code=response.participant_code,
        version_count=response.version_count,
        submitted_count=response.submitted_count,
        last_submitted_number=submitted[-1] if submitted else None,
        last_withdrawn_number=withdrawn[-1] if withdrawn else None,
        latest=response.latest,
        latest_submitted=response.latest_submitted,
        last_attestation=attested[-1] if attested else None,
    )
