"""A message on its way out: who it goes to, its subject and its body.

The composer's draft is one text, ``Subject: ...``, a blank line, then the body (see
``drafts.Draft.text``). :func:`split_message` reads it back, :func:`addresses` says who it
goes to. The mail hand-over and the sent log both start from an :class:`Outgoing`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jobtui.core.model import Contact, Interview
from jobtui.core.textsafe import strip_controls

SUBJECT_PREFIX = "Subject:"


@dataclass(frozen=True)
class Outgoing:
    """A message to hand to a mail program or to log as sent."""

    to: tuple[str, ...]  # email addresses, in order, no duplicates
    subject: str
    body: str

    @property
    def names(self) -> str:
        """The recipients for the sent log and messages: "ana@x.example, bo@y.example"."""
        return ", ".join(self.to)


def split_message(text: str) -> tuple[str, str]:
    """(subject, body) of a draft. The first line is the subject when it starts with
    "Subject:"; otherwise there is no subject and all of it is the body. Blank lines
    between the two are dropped, and trailing white space at the very end."""
    first, newline, rest = text.partition("\n")
    if not first.lower().startswith(SUBJECT_PREFIX.lower()):
        return "", text.strip("\n").rstrip()
    subject = first[len(SUBJECT_PREFIX) :].strip()
    return subject, rest.strip("\n").rstrip() if newline else ""


def _unique(found: Iterable[str]) -> tuple[str, ...]:
    """Addresses as a mail program may take them: one line each, no control character (a
    stored one is dropped, as in the text), no blanks, no duplicates (ignoring case)."""
    seen: dict[str, None] = {}
    for address in found:
        address = " ".join(strip_controls(address).split())
        if address and address.lower() not in {a.lower() for a in seen}:
            seen[address] = None
    return tuple(seen)


def addresses(
    interview: Interview | None, contacts: Sequence[Contact], greeted: Sequence[Any] = ()
) -> tuple[str, ...]:
    """Who a message goes to: the people its greeting names (``greeted``, from
    ``drafts.Draft.greeted``: a check-in greets the recruiter, a thank-you the interviewers)
    when any has an email; else the interviewers' emails; else the application's contacts';
    () when nobody has an address."""
    found = _unique(str(getattr(p, "email", "") or "") for p in greeted)
    if found:
        return found
    if interview is not None:
        found = _unique(p.email for p in interview.interviewers)
        if found:
            return found
    return _unique(c.email for c in contacts)


def outgoing(
    text: str,
    interview: Interview | None,
    contacts: Sequence[Contact],
    greeted: Sequence[Any] = (),
) -> Outgoing:
    """The draft ``text`` about ``interview`` (None: the application) as a message, to the
    people it greets (see :func:`addresses`)."""
    subject, body = split_message(text)
    return Outgoing(addresses(interview, contacts, greeted), subject, body)
