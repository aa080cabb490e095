"""The error hierarchy: every failure a user can cause or meet, each with what to do next.

ForcegenError
├── InvalidInputError          a value or file is malformed (names the field/place)
│   ├── UnknownParticipantError    a participant code that is not known
│   ├── ConditionError             a condition that does not parse or names unknown things
│   └── DataFileError              a packaged or imported file that does not validate
├── NotFoundError              a round, response, invitation, user... that does not exist
├── ConflictError              a save based on an old version (concurrent edit)
├── RuleViolationError         a valid request the rules forbid (closed round, duplicate...)
├── AuthenticationError        missing, wrong, expired or revoked credentials
├── PermissionDeniedError      authenticated, but outside one's role or scope
├── IntegrityError             stored data fails a check (e.g. the audit chain is broken)
└── StorageUnavailableError    the database cannot be reached or is not a forcegen database
"""


class ForcegenError(Exception):
    """Base class: the message says what happened, shows the value, and gives the next step."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInputError(ForcegenError):
    """A value supplied by a user or a file is malformed."""


class UnknownParticipantError(InvalidInputError):
    """A participant code that is neither an ISO 3166-1 alpha-3 state nor a known organisation."""


class ConditionError(InvalidInputError):
    """A condition that does not parse, or names a driver, participant or capability not known.

    `position` is the 0-based character offset of the problem in the condition text.
    """

    def __init__(self, message: str, *, text: str = "", position: int = 0) -> None:
        super().__init__(message)
        self.text = text
        self.position = position


class DataFileError(InvalidInputError):
    """A packaged or imported data file does not validate; the message names file and place."""


class NotFoundError(ForcegenError):
    """The thing asked for does not exist (or is not visible to the caller)."""


class ConflictError(ForcegenError):
    """A save was based on a version that is no longer the latest: nothing was overwritten."""


class RuleViolationError(ForcegenError):
    """A well-formed request that the rules forbid (a closed round, a second response...)."""


class AuthenticationError(ForcegenError):
    """Credentials are missing, wrong, expired or revoked."""


class PermissionDeniedError(ForcegenError):
    """The caller is authenticated but the role or scope does not allow this."""


class IntegrityError(ForcegenError):
    """Stored data fails an integrity check, such as a broken audit hash chain."""


class StorageUnavailableError(ForcegenError):
    """The database cannot be reached, or the file named is not a database."""
