"""Interviews from calendar invites (``jobtui import FILE.ics``, and the TUI's import).

Plan first (:func:`plan_invites`: nothing is written), then :func:`apply_invites` writes the
whole plan in one store transaction, or nothing (the TUI wraps it in an undoable change).

Each event becomes one step:

* an event whose UID an interview already has (on any application) **updates** it: time,
  length, place, interviewers, and the kind while it is still the default; an older copy
  (a lower SEQUENCE than the one stored) is skipped, and says so;
* a cancellation (METHOD:CANCEL, STATUS:CANCELLED) **cancels** it; one for an interview
  jobtui does not have is skipped;
* a newer copy (a higher SEQUENCE) that changes nothing one can see still **updates** the
  stored SEQUENCE ("no visible change"), so a later, older copy is judged against it;
* a copy with the same SEQUENCE as a cancelled interview (the original invite imported
  again, after a cancellation that kept the number) un-cancels it ("no longer
  cancelled"): with equal numbers, the copy imported last wins;
* any other event is **added** to its application: the one ``for_id`` names (for every
  event), else the one its people's email domains point to (the application's URL, its
  contacts' emails), else the one whose company the summary names. An open application wins
  over a closed one. An event that matches none or several goes to ``fallback_id`` when one
  is given (the TUI's "which application?" answer); without one, the plan is not
  :attr:`InvitePlan.ready`: it lists the candidates and nothing of the file is imported.

The organizer becomes a contact of the application: an existing contact with the same email
is linked, else a new one is made (at the application's company).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import tzinfo
from pathlib import Path
from urllib.parse import urlsplit

from jobtui.core import dates
from jobtui.core.model import Application, Contact, Interview, InterviewKind, Person, new_id
from jobtui.core.textsafe import shorten
from jobtui.db.store import Store
from jobtui.io.importing.ics import Invite, InviteError, read_invites

ADD, UPDATE, CANCEL, SKIP = "add", "update", "cancel", "skip"

# Email and web domains that say nothing about the employer: free mail, calendars and
# schedulers, applicant-tracking systems and job boards (a subdomain counts as its domain).
NOT_AN_EMPLOYER = frozenset(
    {
        # free mail
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk",
        "live.com", "msn.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de",
        "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
        "protonmail.com", "pm.me", "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de",
        "mail.com", "yandex.ru", "yandex.com", "zoho.com", "fastmail.com", "hey.com",
        "qq.com", "163.com", "orange.fr", "free.fr", "libero.it", "mail.ru",
        # calendars, meetings and schedulers
        "calendar.google.com", "calendly.com",
        "goodtime.io", "greenhouse-mail.io", "prelude.co", "modernloop.io",
        # applicant-tracking systems and job boards
        "greenhouse.io", "lever.co", "ashbyhq.com", "workable.com", "myworkdayjobs.com",
        "workday.com", "smartrecruiters.com", "bamboohr.com", "recruitee.com",
        "jobvite.com", "icims.com", "teamtailor.com", "personio.de", "personio.com",
        "breezy.hr", "applytojob.com", "jazzhr.com", "rippling.com", "join.com",
        "linkedin.com", "indeed.com", "glassdoor.com", "wellfound.com", "angel.co",
        "ycombinator.com", "stepstone.de", "xing.com", "otta.com",
        "welcometothejungle.com", "hired.com", "dice.com", "monster.com",
    }
)  # fmt: skip

# "Acme GmbH" is named "Acme" in a summary.
_LEGAL_SUFFIX = re.compile(
    r"[\s,]+(inc|llc|ltd|limited|gmbh|ag|se|sa|sas|bv|nv|plc|corp|corporation|co|oy|ab|as"
    r"|srl|spa|kg|ug)\.?$",
    re.IGNORECASE,
)
SHOWN_CHARS = 80  # a summary, name or place quoted in a result line


def unset_email_warning(config_path: Path | str) -> str:
    """What to say when ``[me] email`` is not set: without it the user's own address is
    taken for an interviewer, and its domain for the employer's."""
    return (
        "[me] email is not set: your own address counts as an interviewer, its domain for "
        f"matching (set email under [me] in {config_path})"
    )


class InviteFileError(ValueError):
    """An invite file that cannot be read: one line naming the file (and the line)."""


@dataclass(frozen=True)
class Candidate:
    """An application an invite could be for."""

    id: str
    label: str
    closed: bool

    def line(self) -> str:
        """ "1a2b3c4d  Acme — Dev (closed)"."""
        return f"{self.id[:8]}  {_one_line(self.label)}" + (" (closed)" if self.closed else "")


@dataclass(frozen=True)
class Unmatched:
    """An invite no application, or more than one, matches: ``candidates`` are those that
    match (``several``), else every application (open ones first) to choose from."""

    invite: Invite
    several: bool
    candidates: tuple[Candidate, ...]

    def line(self) -> str:
        """ "\"Technical interview\" (Thu 3 Dec 2026 14:00 CET) matches no application"."""
        what = f'"{_one_line(self.invite.summary) or "(no title)"}"'
        when = dates.format_when(self.invite.starts_at)
        if self.several:
            return f"{what} ({when}) matches {len(self.candidates)} applications"
        return f"{what} ({when}) matches no application"


@dataclass
class InviteStep:
    """What one event does: ``outcome`` is ADD, UPDATE, CANCEL or SKIP (then ``reason``).

    ``interview`` is the interview as it will be saved, ``before`` the stored one it
    changes; ``contact`` the organizer's contact, new (``new_contact``) or linked
    (``link``) to ``application``.
    """

    invite: Invite
    outcome: str
    application: Application | None = None
    interview: Interview | None = None
    before: Interview | None = None
    changes: tuple[str, ...] = ()
    reason: str = ""
    contact: Contact | None = None
    new_contact: bool = False
    link: bool = False

    def lines(self, *, done: bool) -> list[str]:
        """The result lines: "added interview Thu 3 Dec 2026 14:00 CET for Acme — Dev (id
        1a2b3c4d)", "updated ...: moved from X to Y", "cancelled ...", "skipped ...: why";
        ``done=False`` words them "would add" ("(new)" instead of an id: a dry run's id is
        not the one a later import makes), "would update"..."""
        verbs = {
            ADD: ("added", "would add"),
            UPDATE: ("updated", "would update"),
            CANCEL: ("cancelled", "would cancel"),
            SKIP: ("skipped", "would skip"),
        }
        verb = verbs[self.outcome][0 if done else 1]
        interview = self.interview or self.before
        if interview is None or self.application is None:
            what = f'"{_one_line(self.invite.summary) or "(no title)"}"'
            head = f"{verb} {what} ({dates.format_when(self.invite.starts_at)})"
        else:
            moved = self.before is not None and self.before.starts_at != interview.starts_at
            # "updated interview for X: moved from A to B" names the time once.
            when = "" if moved else f" {dates.format_when(interview.starts_at)}"
            known = done or self.outcome != ADD
            head = (
                f"{verb} interview{when} for {_one_line(self.application.label)}"
                f" ({f'id {interview.id[:8]}' if known else 'new'})"
            )
        if self.outcome == SKIP:
            head += f": {self.reason}"
        elif self.changes:
            head += ": " + "; ".join(self.changes)
        lines = [head]
        if self.contact is not None and self.application is not None:
            who = _one_line(str(Person(self.contact.name, self.contact.email)))
            if self.new_contact:
                act = "added contact" if done else "would add contact"
            else:
                act = "linked contact" if done else "would link contact"
            lines.append(f"  {act} {who} to {_one_line(self.application.label)}")
        lines += [f"  note: {_one_line(note, 200)}" for note in self.invite.notes]
        return lines


@dataclass
class InvitePlan:
    """What importing a file of invites does (or, from :func:`apply_invites`, did)."""

    name: str
    invites: tuple[Invite, ...]
    my_email: str = ""
    for_id: str | None = None
    fallback_id: str | None = None
    steps: list[InviteStep] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    applied: bool = False

    @property
    def ready(self) -> bool:
        """True when every event found its application (or needs none)."""
        return not self.unmatched

    @property
    def changes(self) -> list[InviteStep]:
        """The steps that write something."""
        return [s for s in self.steps if s.outcome != SKIP]

    def lines(self) -> list[str]:
        """One line per event (and its contact and notes), worded as done once applied."""
        return [line for step in self.steps for line in step.lines(done=self.applied)]

    def summary(self) -> str:
        """ "1 added, 1 updated, 0 cancelled, 1 skipped" (or "to add"... before applying)."""
        counts = {o: sum(1 for s in self.steps if s.outcome == o) for o in (ADD, UPDATE, CANCEL)}
        skipped = sum(1 for s in self.steps if s.outcome == SKIP)
        if self.applied:
            words = ("added", "updated", "cancelled", "skipped")
        else:
            words = ("to add", "to update", "to cancel", "to skip")
        numbers = (*counts.values(), skipped)
        return ", ".join(f"{n} {w}" for n, w in zip(numbers, words, strict=True))

    def reasons(self) -> str:
        """Why nothing is written: the skipped steps' reasons, each once ("already up to
        date"), or "no events in it"."""
        reasons = dict.fromkeys(step.reason for step in self.steps if step.outcome == SKIP)
        return "; ".join(reasons) or "no events in it"

    def candidates(self) -> list[Candidate]:
        """Every application the unmatched events could be for, each once, in order."""
        seen: dict[str, Candidate] = {}
        for miss in self.unmatched:
            for candidate in miss.candidates:
                seen.setdefault(candidate.id, candidate)
        return list(seen.values())


def read_invite_file(
    path: Path, *, my_email: str = "", local_tz: tzinfo | None = None
) -> list[Invite]:
    """The invites in the file at ``path``; InviteFileError (one line naming the file, and
    the line where the failing event begins when known) if it cannot be read."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InviteFileError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise InviteFileError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise InviteFileError(f"cannot read {path}: {exc.strerror}") from None
    try:
        return read_invites(data, my_email=my_email, local_tz=local_tz)
    except InviteError as err:
        where = f"{path}, line {err.line}" if err.line else str(path)
        raise InviteFileError(f"{where}: {err}") from None


def plan_invites(
    store: Store,
    invites: Sequence[Invite],
    *,
    name: str = "",
    my_email: str = "",
    for_id: str | None = None,
    fallback_id: str | None = None,
) -> InvitePlan:
    """What importing ``invites`` would do against ``store`` (nothing is written).

    ``for_id`` (an application's id or unique prefix) is the application every new event
    is for; ``fallback_id`` the one for the new events that match no application or
    several (the others go to the one they match). A wrong one raises the store's
    NotFoundError / AmbiguousIdError.
    """
    plan = InvitePlan(name, tuple(invites), my_email, for_id, fallback_id)
    _Planner(store, plan).place_all()
    return plan


def apply_invites(store: Store, plan: InvitePlan) -> InvitePlan:
    """Write a ready plan in ONE store transaction: every step lands, or none.

    The plan is made again against the store as it is now (a dry run or a preview may be
    old); a plan that is no longer ready raises ValueError and writes nothing. Returns the
    plan as applied.
    """
    with store.transaction():
        fresh = InvitePlan(plan.name, plan.invites, plan.my_email, plan.for_id, plan.fallback_id)
        _Planner(store, fresh, previous=plan).place_all()
        if not fresh.ready:
            raise ValueError(f"{plan.name}: {fresh.unmatched[0].line()}; nothing imported")
        for step in fresh.changes:
            _write(store, step)
    fresh.applied = True
    return fresh


def import_invites(
    store: Store,
    path: Path,
    *,
    my_email: str = "",
    for_id: str | None = None,
    dry_run: bool = False,
    local_tz: tzinfo | None = None,
) -> InvitePlan:
    """Read ``path``, plan, and (unless ``dry_run`` or the plan is not ready) apply it."""
    invites = read_invite_file(path, my_email=my_email, local_tz=local_tz)
    plan = plan_invites(store, invites, name=Path(path).name, my_email=my_email, for_id=for_id)
    if dry_run or not plan.ready:
        return plan
    if not plan.changes:  # every event skipped: done, with nothing to write
        plan.applied = True
        return plan
    return apply_invites(store, plan)


def _write(store: Store, step: InviteStep) -> None:
    if step.contact is not None and step.application is not None:
        if step.new_contact:
            store.save(step.contact)
        app = store.get_application(step.application.id)
        if step.contact.id not in app.contact_ids:
            app.contact_ids.append(step.contact.id)
            store.save(app)
    assert step.interview is not None
    if step.outcome == ADD:
        store.add_interview(step.interview)
    else:
        store.save(step.interview)


class _Planner:
    """Places the events one by one; later events see what earlier ones planned (an
    invite and its update in one file, two events from one organizer)."""

    def __init__(self, store: Store, plan: InvitePlan, previous: InvitePlan | None = None) -> None:
        self.plan = plan
        # A plan made again to be applied keeps the ids the preview showed.
        self.planned_ids: dict[str, str] = {}
        for step in previous.steps if previous is not None else ():
            if step.outcome == ADD and step.interview is not None:
                self.planned_ids.setdefault(step.invite.uid, step.interview.id)
            if step.new_contact and step.contact is not None:
                self.planned_ids.setdefault(_contact_key(step.contact), step.contact.id)
        self.apps = store.applications()
        self.apps_by_id = {app.id: app for app in self.apps}
        self.contacts = {c.id: c for c in store.contacts()}
        self.by_uid: dict[str, Interview] = {}
        for interview in store.interviews():
            if interview.uid:
                self.by_uid.setdefault(interview.uid, interview)
        me = plan.my_email.strip().casefold()
        self.me = me
        self.my_domain = me.rpartition("@")[2] if "@" in me else ""
        self.target = self._resolve(store, plan.for_id)
        self.fallback = self._resolve(store, plan.fallback_id)

    def _resolve(self, store: Store, app_id: str | None) -> Application | None:
        if not app_id:
            return None
        found = store.resolve(app_id, kinds=(Application,))
        assert isinstance(found, Application)
        return self.apps_by_id.get(found.id, found)

    def place_all(self) -> None:
        for invite in self.plan.invites:
            step = self._place(invite)
            if step is not None:
                self.plan.steps.append(step)

    def _place(self, invite: Invite) -> InviteStep | None:
        stored = self.by_uid.get(invite.uid)
        if stored is not None:
            return self._known(invite, stored)
        if invite.cancelled:
            return InviteStep(invite, SKIP, reason="a cancellation of an interview not in jobtui")
        app = self.target or self._match(invite)
        if isinstance(app, Unmatched):
            if self.fallback is None:
                self.plan.unmatched.append(app)
                return None
            app = self.fallback
        interview = Interview(
            id=self.planned_ids.get(invite.uid) or new_id(),
            application_id=app.id,
            starts_at=invite.starts_at,
            duration=invite.duration,
            kind=invite.kind,
            interviewers=_people(invite.interviewers),
            where=invite.where,
            notes=invite.message,
            uid=invite.uid,
            sequence=invite.sequence,
        )
        self.by_uid[invite.uid] = interview
        return self._with_contact(InviteStep(invite, ADD, app, interview), app)

    def _known(self, invite: Invite, stored: Interview) -> InviteStep:
        app = self.apps_by_id.get(stored.application_id)
        if invite.sequence < stored.sequence:
            reason = (
                f"an older copy of the invite (sequence {invite.sequence}; "
                f"the interview has {stored.sequence})"
            )
            return InviteStep(invite, SKIP, app, before=stored, reason=reason)
        updated = copy.deepcopy(stored)
        updated.sequence = invite.sequence
        if invite.cancelled:
            if stored.cancelled:
                return InviteStep(invite, SKIP, app, before=stored, reason="already cancelled")
            updated.cancelled = True
            self.by_uid[invite.uid] = updated
            return InviteStep(invite, CANCEL, app, updated, stored)
        changes = _update(updated, invite)
        if not changes and invite.sequence > stored.sequence:
            # Kept, so that a later, older copy is judged against the newer number.
            changes = [f"no visible change (sequence {stored.sequence} → {invite.sequence})"]
        if not changes:
            return InviteStep(invite, SKIP, app, before=stored, reason="already up to date")
        self.by_uid[invite.uid] = updated
        step = InviteStep(invite, UPDATE, app, updated, stored, tuple(changes))
        return self._with_contact(step, app) if app is not None else step

    def _with_contact(self, step: InviteStep, app: Application) -> InviteStep:
        person = step.invite.organizer
        if person is None or not (person.name.strip() or person.email.strip()):
            return step
        email = person.email.strip()
        known = _find_contact(self.contacts.values(), person, app)
        if known is not None:
            if known.id in app.contact_ids:
                return step
            app.contact_ids.append(known.id)  # the planner's copy: later events see it
            return replace(step, contact=known, link=True)
        contact = Contact(name=person.name.strip() or email, email=email, company=app.company)
        contact.id = self.planned_ids.get(_contact_key(contact)) or contact.id
        self.contacts[contact.id] = contact
        app.contact_ids.append(contact.id)
        return replace(step, contact=contact, new_contact=True, link=True)

    def _match(self, invite: Invite) -> Application | Unmatched:
        """The one application ``invite`` points to, else what it could be for."""
        domains = [d for d in invite.domains if _employer_domain(d, self.my_domain)]
        people = [invite.organizer, *invite.interviewers]
        emails = {
            p.email.strip().casefold() for p in people if p is not None and p.email.strip()
        } - {self.me, ""}
        by_email = [a for a in self.apps if self._email_points_to(a, domains, emails)]
        by_name = [a for a in self.apps if _names_company(invite.summary, a.company)]
        for closed in (False, True):
            for hits in (by_email, by_name):
                chosen = [a for a in hits if a.closed is closed]
                if len(chosen) == 1:
                    return chosen[0]
                if chosen:
                    return _unmatched(invite, chosen, several=True)
        everyone = sorted(self.apps, key=lambda a: a.closed)  # open ones first, stable
        return _unmatched(invite, everyone, several=False)

    def _email_points_to(self, app: Application, domains: list[str], emails: set[str]) -> bool:
        site = _site_domain(app.url)
        if site and any(_same_domain(d, site) for d in domains):
            return True
        for contact_id in app.contact_ids:
            contact = self.contacts.get(contact_id)
            if contact is None or not contact.email.strip():
                continue
            address = contact.email.strip().casefold()
            if address in emails:
                return True
            domain = address.rpartition("@")[2]
            if _employer_domain(domain, self.my_domain) and domain in domains:
                return True
        return False


def _unmatched(invite: Invite, apps: Iterable[Application], *, several: bool) -> Unmatched:
    candidates = tuple(Candidate(a.id, a.label, a.closed) for a in apps)
    return Unmatched(invite, several, candidates)


def _update(interview: Interview, invite: Invite) -> list[str]:
    """Bring ``interview`` in line with a newer copy of its invite; what changed, in words."""
    changes = []
    if interview.starts_at != invite.starts_at:
        before, after = dates.format_when(interview.starts_at), dates.format_when(invite.starts_at)
        changes.append(f"moved from {before} to {after}")
        interview.starts_at = invite.starts_at
    if interview.duration != invite.duration:
        changes.append(f"now {dates.format_duration(invite.duration)} long")
        interview.duration = invite.duration
    if invite.where and interview.where != invite.where:
        changes.append(f"where: {_one_line(invite.where)}")
        interview.where = invite.where
    people = _people(invite.interviewers)
    if people and people != interview.interviewers:
        changes.append(f"interviewers: {_one_line(', '.join(p.name for p in people))}")
        interview.interviewers = people
    if interview.kind is InterviewKind.OTHER and invite.kind is not InterviewKind.OTHER:
        changes.append(f"kind: {invite.kind.label}")
        interview.kind = invite.kind
    if interview.cancelled:
        changes.append("no longer cancelled")
        interview.cancelled = False
    return changes


def _people(people: Iterable[Person]) -> list[Person]:
    """Interviewers as an interview keeps them: one with no name is named by the email."""
    return [Person(p.name.strip() or p.email.strip(), p.email.strip()) for p in people]


def _contact_key(contact: Contact) -> str:
    return "contact:" + (contact.email.casefold() or contact.name.casefold())


def _find_contact(contacts: Iterable[Contact], person: Person, app: Application) -> Contact | None:
    email = person.email.strip().casefold()
    name = person.name.strip().casefold()
    for contact in contacts:
        if email and contact.email.strip().casefold() == email:
            return contact
    if email:
        return None
    for contact in contacts:  # no email: the same name among the application's contacts
        if contact.id in app.contact_ids and contact.name.strip().casefold() == name:
            return contact
    return None


def _employer_domain(domain: str, my_domain: str) -> bool:
    """Can an email at ``domain`` tell which employer invites? (Not free mail, not a
    scheduler, not the user's own domain.)"""
    if not domain or (my_domain and _same_domain(domain, my_domain)):
        return False
    return not any(domain == d or domain.endswith("." + d) for d in NOT_AN_EMPLOYER)


def _site_domain(url: str) -> str:
    """The company's domain from a posting's URL ("www." dropped); "" for an applicant-
    tracking system's or job board's host, or no URL."""
    try:
        host = (urlsplit(url.strip()).hostname or "").casefold()
    except ValueError:
        return ""
    host = host.removeprefix("www.")
    if not host or "." not in host or not _employer_domain(host, ""):
        return ""
    return host


def _same_domain(a: str, b: str) -> bool:
    """acme.example ~ careers.acme.example ~ eng.acme.example's parent."""
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def _plain(text: str) -> str:
    """Case- and accent-free: "Société Générale" -> "societe generale"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _names_company(summary: str, company: str) -> bool:
    """Does ``summary`` name ``company`` as whole words (case and accents aside)?"""
    text = _plain(summary)
    for name in {_plain(company).strip(), _plain(_LEGAL_SUFFIX.sub("", company)).strip()}:
        if len(name) >= 2 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            return True
    return False


def _one_line(text: str, limit: int = SHOWN_CHARS) -> str:
    return shorten(" ".join(text.split()), limit)
