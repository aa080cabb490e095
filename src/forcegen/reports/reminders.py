"""Reminder files: a mail-merge CSV and ready-to-send e-mails (.eml, in one zip).

forcegen sends no mail: the coordinator's own mail system does, from these files. Each
e-mail is marked as unsent (`X-Unsent: 1`), so a mail program opens it as a draft to check,
address and send; the recipient is left for the coordinator, who knows each desk officer.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import EmailMessage

from forcegen.files.formula import neutralise

HEADER = (
    "participant_code",
    "participant_name",
    "status",
    "deadline",
    "link",
    "subject",
    "body",
)
_STATUS_WORDS = {
    "invited": "has not opened its invitation yet",
    "opened": "has opened the form but saved no answer yet",
    "draft": "has a draft that is not submitted yet",
}


@dataclass(frozen=True, slots=True)
class ReminderRow:
    """One reminder as the files hold it; `link` is empty when the invitee keeps its link."""

    participant_code: str
    participant_name: str
    status: str
    deadline: str
    round_title: str
    link: str

    @property
    def subject(self) -> str:
        return f"Reminder: {self.round_title} – answers due {self.deadline}"

    @property
    def body(self) -> str:
        where = (
            f"Please answer through this personal link:\n\n    {self.link}\n\n"
            "It replaces any link sent before. Do not forward it: whoever holds it can answer "
            "for your government."
            if self.link
            else "Please continue with the link you received with the invitation; if it is "
            "lost, reply to this message and we will send a new one."
        )
        return (
            f"Dear colleague,\n\nThe questionnaire round “{self.round_title}” closes on "
            f"{self.deadline}. Our records show that {self.participant_name} "
            f"{_STATUS_WORDS.get(self.status, 'has not submitted an answer yet')}.\n\n"
            f"{where}\n\nDrafts are saved as you type; an answer counts once it is submitted "
            "with the name and title of the official who attests it.\n\nWith thanks,\n"
            "The coordinating team\n"
        )


def mail_merge_csv(rows: Iterable[ReminderRow]) -> str:
    """One line per reminder, for a mail merge (UTF-8 with byte-order mark, formula-safe)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        cells = (
            row.participant_code,
            row.participant_name,
            row.status,
            row.deadline,
            row.link,
            row.subject,
            row.body,
        )
        writer.writerow([neutralise(cell) for cell in cells])
    return buffer.getvalue()


def eml_zip(rows: Iterable[ReminderRow]) -> bytes:
    """A zip of `reminder-<code>.eml` files, one draft e-mail per reminder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for row in rows:
            archive.writestr(f"reminder-{row.participant_code}.eml", _message(row).as_bytes())
    return buffer.getvalue()


def _message(row: ReminderRow) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = row.subject
    message["X-Unsent"] = "1"
    message["X-Forcegen-Participant"] = row.participant_code
    message.set_content(row.body)
    return message
