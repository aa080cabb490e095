"""Verifying the audit log: its hash chain, the head recorded elsewhere, and every response
version against the content hash its audit entry carries.

    chain     each entry hashes the one before (model/audit.py): edits and gaps show
    head      `--expect-head SEQ:HASH`: the log must still hold that entry with that hash,
              so removing the newest entries or recomputing the chain shows
    versions  each save's entry carries `version_sha256` (model/response.py): a version
              edited, added or deleted in the database behind forcegen's back shows

Entries written before the chain covered whole versions carry only `answers_sha256`; for
those, the answers are compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from forcegen.model.audit import AuditEntry, AuditHead, AuditReport
from forcegen.model.response import Response, ResponseVersion, version_digest
from forcegen.service.ports import UnitOfWork
from forcegen.service.rounds.access import answers_digest


def verify_audit(*, uow: UnitOfWork, expected_head: AuditHead | None = None) -> AuditReport:
    """Recompute the chain, compare the head recorded elsewhere, and check every version.

    Returns the first problem found (chain first, then head, then versions).
    """
    with uow:
        report = uow.audit.verify()
        if not report.is_intact:
            return report
        if expected_head is not None:
            problem = _head_problem(uow, report, expected_head)
            if problem is not None:
                return report.model_copy(update={"problem": problem})
        try:
            responses = [
                response
                for round_ in uow.rounds.list()
                for response in uow.responses.for_round(round_.id)
            ]
        except ValueError as err:
            return report.model_copy(
                update={
                    "problem": f"a response's versions are not numbered 1, 2, 3... ({err}): "
                    "a version was deleted from the database."
                }
            )
        entries = uow.audit.entries(entity="response", limit=None)
    check = _VersionCheck.of(entries)
    problem = check.problem(responses)
    return report.model_copy(update={"problem": problem, "versions_checked": check.checked})


def audit_head(*, uow: UnitOfWork) -> AuditHead | None:
    """The newest entry's seq and hash after verifying the chain (None: the log is empty).

    Raises:
        IntegrityError: the chain is broken, so its head proves nothing.
    """
    with uow:
        report = uow.audit.verify()
    report.raise_if_broken()
    return report.head


def _head_problem(uow: UnitOfWork, report: AuditReport, expected: AuditHead) -> str | None:
    entry = uow.audit.get(expected.seq)
    if entry is None:
        last = report.head.seq if report.head else 0
        return (
            f"the recorded head is entry {expected.seq}, but the log ends at entry {last}: "
            f"entries {last + 1} to {expected.seq} were removed. Restore from a backup."
        )
    if entry.hash != expected.hash:
        return (
            f"entry {expected.seq} no longer has the recorded head's hash: the log was "
            "rewritten and its chain recomputed. Restore from a backup."
        )
    return None


@dataclass
class _VersionCheck:
    recorded: dict[tuple[str, int], AuditEntry]
    checked: int = 0

    @classmethod
    def of(cls, entries: Iterable[AuditEntry]) -> _VersionCheck:
        recorded: dict[tuple[str, int], AuditEntry] = {}
        for entry in entries:
            number = entry.payload.get("version")
            if (
                entry.action.startswith("response.")
                and isinstance(number, int)
                and not isinstance(number, bool)
            ):
                recorded.setdefault((entry.entity_id, number), entry)
        return cls(recorded)

    def problem(self, responses: Iterable[Response]) -> str | None:
        stored: set[tuple[str, int]] = set()
        for response in responses:
            for version in response.versions:
                stored.add((response.id, version.number))
                problem = self._version_problem(version)
                if problem is not None:
                    return problem
                self.checked += 1
        for response_id, number in sorted(set(self.recorded) - stored):
            seq = self.recorded[(response_id, number)].seq
            return (
                f"version {number} of response {response_id!r} (audit entry {seq}) is missing "
                "from the database: it was deleted. Restore from a backup."
            )
        return None

    def _version_problem(self, version: ResponseVersion) -> str | None:
        name = f"version {version.number} of response {version.response_id!r}"
        entry = self.recorded.get((version.response_id, version.number))
        if entry is None:
            return f"{name} has no audit entry: it was added to the database outside forcegen."
        full, answers = entry.payload.get("version_sha256"), entry.payload.get("answers_sha256")
        if full is not None:
            is_same = full == version_digest(version)
        elif answers is not None:
            is_same = answers == answers_digest(version.answers)
        else:
            return None
        if is_same:
            return None
        return (
            f"{name} no longer matches the content hash in audit entry {entry.seq}: it was "
            "edited in the database. Restore from a backup."
        )
