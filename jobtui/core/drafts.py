"""Follow-up messages drafted from Jinja2 templates: packaged ones plus the user's own.

Templates are plain text (``*.txt.j2``). The first line may be a ``{# title: ... #}`` comment;
the first line of the rendered output is the subject ("Subject:" optional), the rest the body.
A user template in the config folder's ``templates/`` overrides a packaged one of the same name,
or adds a new one. Names starting with ``_`` are partials for ``{% include %}``, not listed.

Everything a template gets is plain data; an undefined variable is an error (StrictUndefined),
never a silent blank. The interview's four follow-up fields (:data:`MESSAGE_FIELDS`) are asked
for in words that start the sentence the packaged templates build around them, so that what
the user typed drops into the letter as it is. Any failure becomes a :class:`TemplateError`
naming the template, the line when known, and why. Nothing here imports Textual or TinyDB.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2

from jobtui import locations
from jobtui.config import Me, MessageSettings
from jobtui.core import dates
from jobtui.core.followup import FOLLOW_UP_KINDS, FollowUpKind
from jobtui.core.model import Application, Contact, Interview, Person, SentKind, Status
from jobtui.core.words import natural_join  # a template filter too

SUFFIX = ".txt.j2"

# With no follow-up due, the application's status says what there is to write.
_TEMPLATE_FOR_STATUS: dict[Status, str] = {
    Status.REJECTED: "keep_in_touch",
    Status.OFFER: "accept_offer",
    Status.ACCEPTED: "accept_offer",
    Status.WITHDRAWN: "withdraw",
    Status.GHOSTED: "check_in",
    Status.SCREENING: "check_in",
    Status.INTERVIEWING: "check_in",
    Status.APPLIED: "application_follow_up",
    Status.WISHLIST: "application_follow_up",
}

_TITLE = re.compile(r"^\s*\{#-?\s*title:\s*(.*?)\s*-?#\}")

# Leading words that are never proper nouns, lowercased when a phrase is used mid-sentence
# ("I liked The team's focus" reads wrong). Everything else keeps the case it was typed in.
_LOWER_FIRST_WORDS = frozenset(
    {
        *("a", "an", "the", "this", "that", "these", "those", "some", "all", "each", "every"),
        *("our", "your", "their", "my", "its", "his", "her", "both"),
        *("how", "what", "why", "when", "where", "which", "who", "whether", "if"),
        *("any", "several", "many", "much", "more", "most", "over", "almost", "nearly"),
        *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    }
)
_HONORIFICS = frozenset(
    {"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."}
)

# The templates that ask about other roles unless told otherwise (config's default).
_OTHER_ROLES = tuple(MessageSettings().other_roles)

_MONTHS = dates.MONTH_NAMES
_WEEKDAYS = dates.WEEKDAY_NAMES


@dataclass(frozen=True)
class MessageField:
    """One interview field a follow-up is drafted from, as the interview form asks for it.

    ``prompt`` is the start of the sentence the packaged templates build around the field
    (the form's and the composer's label), ``example`` something to write after it.
    """

    name: str
    prompt: str
    example: str


MESSAGE_FIELDS: tuple[MessageField, ...] = (
    MessageField("topics", "We talked about…", "how billing moved to event sourcing"),
    MessageField(
        "concerns",
        "I'd like to come back to…",
        "my Kubernetes experience: I ran our cluster upgrades for two years",
    ),
    MessageField(
        "strengths",
        "The most relevant thing I bring…",
        "five years of running Postgres at scale",
    ),
    MessageField("liked", "I liked…", "the blameless postmortems; that engineers pair daily"),
)


@dataclass(frozen=True)
class TemplateInfo:
    """One available template and where it comes from."""

    name: str  # "thank_you": the file name without .txt.j2
    source: str  # "packaged" or "user"
    path: Path
    title: str  # "Thank-you after an interview", or the name when the file has no title


@dataclass(frozen=True)
class Draft:
    """A rendered message: a subject line and a body, and the people its greeting names
    (whom it is written to: the mail goes to their addresses)."""

    template: str
    subject: str
    body: str
    greeted: tuple[Any, ...] = field(default=(), compare=False)  # not part of the message

    def text(self) -> str:
        """The whole message, as printed by ``jobtui render`` and copied by the TUI."""
        return f"Subject: {self.subject}\n\n{self.body}\n"


class TemplateError(Exception):
    """A template cannot be used: which template, which line (if known), and why."""

    def __init__(self, template: str, line: int | None, reason: str) -> None:
        self.template = template
        self.line = line
        # One line, so the CLI prints one line and the TUI one notice.
        self.reason = " ".join(reason.split()) or "unknown error"
        where = f'template "{template}"' + (f" line {line}" if line else "")
        super().__init__(f"{where}: {self.reason}")


# --------------------------------------------------------------------------
# Filters


def _name_of(person: Any) -> str:
    if person is None:
        return ""
    if isinstance(person, str):
        return person
    return str(getattr(person, "name", person) or "")


def first_name(person: Person | Contact | Me | str | None) -> str:
    """The first word of a name ("Ana Lima" -> "Ana"); "Dr. Ana Lima" -> "Dr. Lima"."""
    words = _name_of(person).split()
    if not words:
        return ""
    if len(words) > 1 and words[0].lower() in _HONORIFICS:
        return f"{words[0]} {words[-1]}"
    return words[0]


def first_names(people: Iterable[Any] | None) -> list[str]:
    """First names of people (Person, Contact or plain names), skipping blank ones."""
    names = (first_name(p) for p in people or ())
    return [n for n in names if n]


def long_date(value: date | datetime) -> str:
    """ "Tuesday 3 December" (English whatever the locale; an aware time on the local clock)."""
    day = dates.local_day(value)
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def relative_day(value: date | datetime, today: date | datetime) -> str:
    """How a person says when something was: "today", "yesterday", "on Tuesday",
    "on Tuesday 3 December" (further than a week away), with the year if it is not this one."""
    day, ref = dates.local_day(value), dates.local_day(today)
    offset = (day - ref).days
    if offset == 0:
        return "today"
    if offset == -1:
        return "yesterday"
    if offset == 1:
        return "tomorrow"
    if abs(offset) < 7:
        return f"on {_WEEKDAYS[day.weekday()]}"
    year = f" {day.year}" if day.year != ref.year else ""
    return f"on {long_date(day)}{year}"


_BULLET = re.compile(r"^(?:[-*•]|\d+[.)])\s+")


def lines(text: str | None) -> list[str]:
    """A multi-line field as a list: non-empty lines, stripped, "- "/"* "/"1. " bullets removed.

    Each line is one item: in the soft-wrapping editor, enter means "next point".
    """
    found = []
    for line in (text or "").splitlines():
        line = _BULLET.sub("", line.strip()).strip()
        if line:
            found.append(line)
    return found


def phrase(text: str | None) -> str:
    """Text to use inside a sentence: one line, no closing ".", ";" or ":", and a leading
    "The"/"Our"/"How"... lowercased. Other words keep their case (they may be names)."""
    joined = " ".join((text or "").split()).rstrip(".;:, ")
    first, _, rest = joined.partition(" ")
    if first.lower() in _LOWER_FIRST_WORDS and first[:1].isupper() and first[1:].islower():
        return " ".join(w for w in (first.lower(), rest) if w)
    return joined


def phrases(text: str | None) -> list[str]:
    """A field to be said in one sentence, as its items: one a line (see :func:`lines`), or
    one line split at its semicolons ("a; b"), each through :func:`phrase`.

    ``{{ interview.liked | phrases | natural_join }}``: "the postmortems, the rota and the pairing".
    """
    found = lines(text)
    if len(found) == 1:
        found = _split_at_semicolons(found[0])
    return [p for p in (phrase(item) for item in found) if p]


_SEMICOLON = re.compile(r";\s+")
_ENTITY_BEFORE = re.compile(r"&#?\w+$")  # "&amp;" is not a list


def _split_at_semicolons(line: str) -> list[str]:
    parts, start = [], 0
    for match in _SEMICOLON.finditer(line):
        if not _ENTITY_BEFORE.search(line, start, match.start()):
            parts.append(line[start : match.start()])
            start = match.end()
    parts.append(line[start:])
    return [part for part in parts if part.strip()]


# "a, b and c", not "Kafka, which I ran and tuned".
_LISTING = re.compile(r",(?!\s*(?:which|who|where|when|including)\b)[^,]*\band\s+\S", re.I)


def listing(text: str | None) -> bool:
    """Whether one line names several things, "a, b and c": the sentence says "things ... are".

    (A template test: ``{% if strengths[0] is listing %}``.)"""
    return bool(_LISTING.search(" ".join((text or "").split())))


def sentence(text: str | None) -> str:
    """Text as a sentence: one line that ends with ".", "!", "?" (or "…"); a "." is added."""
    joined = " ".join((text or "").split())
    if not joined or joined[-1] in ".!?…":
        return joined
    return joined + "."


def greeted_people(*groups: Any) -> list[Any]:
    """The people a greeting names: the first group (a person or a list of people) with a
    name in it; [] if none has."""
    for group in groups:
        if group is None:
            continue
        people = group if isinstance(group, list | tuple) else [group]
        if first_names(people):
            return [p for p in people if first_name(p)]
    return []


def greeting(*groups: Any) -> str:
    """ "Hi Ana," / "Hi Ana and Bo," for the first non-empty group (a person or a list of
    people), else "Hello,". ``greeting(interviewers, contact)``."""
    names = first_names(greeted_people(*groups))
    return f"Hi {natural_join(names)}," if names else "Hello,"


FILTERS = {
    "first_name": first_name,
    "first_names": first_names,
    "long_date": long_date,
    "relative_day": relative_day,
    "natural_join": natural_join,
    "lines": lines,
    "phrase": phrase,
    "phrases": phrases,
    "sentence": sentence,
}


# --------------------------------------------------------------------------
# Finding templates


def _title_of(path: Path, name: str) -> str:
    try:
        with path.open(encoding="utf-8") as handle:
            first = handle.readline()
    except (OSError, UnicodeDecodeError):
        return name
    match = _TITLE.match(first)
    return match.group(1) if match and match.group(1) else name


def _templates_in(folder: Path | None, source: str) -> dict[str, TemplateInfo]:
    found: dict[str, TemplateInfo] = {}
    if folder is None or not folder.is_dir():
        return found
    for path in folder.glob(f"*{SUFFIX}"):
        name = path.name[: -len(SUFFIX)]
        if not name or name.startswith(("_", ".")) or not path.is_file():
            continue
        found[name] = TemplateInfo(name, source, path, _title_of(path, name))
    return found


def _user_dir(user_dir: Path | None) -> Path:
    return locations.user_templates_dir() if user_dir is None else user_dir


def list_templates(user_dir: Path | None = None) -> list[TemplateInfo]:
    """Every usable template, sorted by name; a user's file overrides a packaged one by name."""
    merged = _templates_in(locations.packaged_templates_dir(), "packaged")
    merged.update(_templates_in(_user_dir(user_dir), "user"))
    return [merged[name] for name in sorted(merged)]


def template_name(name: str) -> str:
    """ "thank_you.txt.j2" or "thank_you" -> "thank_you"."""
    name = name.strip()
    return name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name


def environment(user_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment: user templates first, then packaged; plain text, strict.

    One environment per pair of folders is kept: it caches compiled templates (compiling
    cost ~50 ms a render) and its loaders check each file's mtime, so edits still show.
    """
    return _environment(str(_user_dir(user_dir)), str(locations.packaged_templates_dir()))


@functools.lru_cache(maxsize=8)
def _environment(*folders: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(folder, encoding="utf-8") for folder in folders]
        ),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain-text email: "<b>&" stays "<b>&"
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.tests["listing"] = listing
    env.globals["greeting"] = greeting
    return env


# --------------------------------------------------------------------------
# Context and rendering


def build_context(
    app: Application,
    interview: Interview | None,
    contacts: Sequence[Contact],
    me: Me,
    today: date,
) -> dict[str, Any]:
    """The variables every template gets.

    ``application``, ``interview`` (or None), ``interviewers`` (the interview's people, [] if
    none), ``contact`` (the first contact, or None), ``contacts``, ``me`` (name, email,
    signature) and ``today`` (a date).
    """
    return {
        "application": app,
        "interview": interview,
        "interviewers": list(interview.interviewers) if interview is not None else [],
        "contact": contacts[0] if contacts else None,
        "contacts": list(contacts),
        "me": me,
        "today": dates.local_day(today),
    }


def _template_line(tb: types.TracebackType | None, paths: Mapping[str, str]) -> tuple[str, int]:
    """The deepest traceback frame that runs a template file: (template name, line).

    Jinja compiles a template to code whose co_filename is the template's path and rewrites
    the traceback so those frames carry template line numbers."""
    found = ("", 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename in paths:
            found = (paths[filename], tb.tb_lineno)
        tb = tb.tb_next
    return found


def _split_draft(name: str, rendered: str) -> Draft:
    text = "\n".join(line.rstrip() for line in rendered.splitlines())
    text = text.lstrip("\n")
    subject, _, body = text.partition("\n")
    subject = subject.strip()
    if subject[:8].lower() == "subject:":
        subject = subject[8:].strip()
    body = re.sub(r"\n{3,}", "\n\n", body).strip("\n")
    return Draft(template=name, subject=subject, body=body)


def render(
    name: str,
    context: Mapping[str, Any],
    *,
    user_dir: Path | None = None,
    other_roles: Collection[str] = _OTHER_ROLES,
) -> Draft:
    """Render template ``name`` (with or without .txt.j2) into a :class:`Draft`.

    The template also gets ``other_roles``: true when ``name`` is one of ``other_roles`` (the
    config's ``[messages] other_roles``), so that it adds its paragraph asking to hear about
    other roles at the company.

    Raises :class:`TemplateError` for an unknown name (listing the available ones), a syntax
    error (with its line), an undefined variable or any other failure while rendering.
    """
    name = template_name(name)
    wanted = {template_name(listed) for listed in other_roles}
    available = list_templates(user_dir)
    by_name = {info.name: info for info in available}
    if name not in by_name:
        known = ", ".join(by_name) or "none"
        raise TemplateError(name, None, f"no such template (available: {known})")
    # Map every template file to its name, so an error inside an {% include %}d partial
    # is reported against the file it is in.
    paths = {str(info.path): info.name for info in available}
    for folder in (_user_dir(user_dir), locations.packaged_templates_dir()):
        if folder.is_dir():
            for path in folder.glob(f"*{SUFFIX}"):
                paths.setdefault(str(path), path.name[: -len(SUFFIX)])
    env = environment(user_dir)
    greeted: list[Any] = []

    def greeting_noted(*groups: Any) -> str:
        # Whom the letter is written to is whom it greets: noted for the mail's To.
        greeted[:] = greeted_people(*groups)
        return greeting(*groups)

    variables = {**context, "other_roles": name in wanted, "greeting": greeting_noted}
    try:
        template = env.get_template(by_name[name].path.name)
        rendered = template.render(variables)
    except jinja2.TemplateSyntaxError as exc:
        where = template_name(Path(exc.filename).name) if exc.filename else name
        raise TemplateError(where, exc.lineno, exc.message or str(exc)) from None
    except jinja2.TemplateNotFound as exc:
        failing, line = _template_line(exc.__traceback__, paths)
        raise TemplateError(failing or name, line or None, f"no template {exc.name}") from None
    except UnicodeDecodeError:
        raise TemplateError(name, None, "is not UTF-8 text") from None
    except Exception as exc:
        failing, line = _template_line(exc.__traceback__, paths)
        reason = str(exc) if str(exc) else type(exc).__name__
        if not isinstance(exc, jinja2.UndefinedError | jinja2.TemplateError) and str(exc):
            reason = f"{type(exc).__name__}: {exc}"
        raise TemplateError(failing or name, line or None, reason) from None
    return dataclasses.replace(_split_draft(name, rendered), greeted=tuple(greeted))


def suggested_template(
    app: Application, kind: FollowUpKind | str | None, interview: Interview | None = None
) -> str:
    """The template that fits what is owed.

    A due follow-up decides: thank-you -> thank_you, check-in -> check_in, after applying ->
    application_follow_up, ghosted -> check_in (one last polite nudge). With nothing due, the
    status decides: rejected -> keep_in_touch, offer/accepted -> accept_offer, withdrawn ->
    withdraw, ghosted/screening/interviewing -> check_in, applied/wishlist ->
    application_follow_up; but an interview given with no thank-you logged -> thank_you.
    """
    if kind is not None and str(kind) in FollowUpKind._value2member_map_:
        return FollowUpKind(kind).info.template
    if app.status.closed or app.status == Status.OFFER:
        return _TEMPLATE_FOR_STATUS[app.status]
    if interview is not None and interview.thank_you_sent_at is None:
        return "thank_you"
    return _TEMPLATE_FOR_STATUS.get(app.status, "check_in")


def sent_kind_for_template(name: str) -> SentKind:
    """What "mark sent" logs for a draft of this template (OTHER for the rest)."""
    name = template_name(name)
    for info in FOLLOW_UP_KINDS.values():
        if info.template == name:
            return info.sent_kind
    return SentKind.OTHER
