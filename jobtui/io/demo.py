"""A realistic demo job search, for `jobtui --demo`, screenshots and trying things out.

Everything is dated relative to a given "now" (business days back, whole minutes, interviews
at office hours in :func:`jobtui.core.dates.local_tz`), and every id is a ``uuid5`` of a fixed name,
so the same "now" always gives exactly the same data.

The story, with the default follow-up rules:

* Northwind Analytics, interviewing: a panel ended a few hours ago -> thank-you due now.
* Copperleaf Robotics, interviewing: a technical round two days ago, no thank-you -> overdue.
* Lumen Health, interviewing: thank-yous sent for two rounds, the final is next working day.
* Quillstack, screening: they said they would decide by a date that has passed -> check in.
* Tidewater Bank, offer: received a few days ago, with an answer deadline.
* Mosaic Learning, applied 9 business days ago, no reply -> follow up.
* Saltbox Software, applied 2 days ago -> nothing to do yet.
* Parcelwise, applied, two follow-ups unanswered -> "mark it ghosted?".
* Kestrel Security, wishlist. Fernhill Games rejected, Orbital Freight withdrawn,
  Blue Heron Studio ghosted: closed, nothing to do.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from dateutil import tz

from jobtui import locations
from jobtui.core import dates
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    InterviewKind,
    Person,
    SentFollowUp,
    SentKind,
    Status,
)
from jobtui.db.store import Store

__all__ = [
    "DEMO_NAMESPACE",
    "DemoFolder",
    "demo_environment",
    "demo_id",
    "make_demo_folder",
    "open_demo_store",
    "populate_demo",
]

# Ids are uuid5s of a name in this namespace, so every demo has the same ids.
DEMO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com/jobtui/demo")

DEMO_FILE_NAME = "jobtui.json"


def demo_id(name: str) -> str:
    """The fixed id of a demo record ("application/northwind", "interview/nw-panel", ...)."""
    return str(uuid.uuid5(DEMO_NAMESPACE, name))


@dataclass(frozen=True)
class _Calendar:
    """Story times relative to "now": business days back, at a wall-clock time, local zone."""

    now: datetime

    @classmethod
    def at_now(cls, now: datetime) -> _Calendar:
        local = now.astimezone(dates.local_tz()).replace(second=0, microsecond=0)
        return cls(local)

    @property
    def today(self) -> date:
        return self.now.date()

    def day(self, business_days: int) -> date:
        """The day that many business days from today (negative: back)."""
        return dates.add_business_days(self.today, business_days)

    def at(self, business_days: int, hour: int, minute: int = 0) -> datetime:
        """That business day at a local wall-clock time."""
        return self.on(self.day(business_days), hour, minute)

    def on(self, day: date, hour: int, minute: int = 0) -> datetime:
        moment = datetime.combine(day, time(hour, minute), tzinfo=self.now.tzinfo)
        return tz.resolve_imaginary(moment)

    def next_weekday(self) -> date:
        """The first Monday-to-Friday day after today (tomorrow, or Monday at a weekend)."""
        day = self.today + timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return day

    def just_ended(self, duration: timedelta) -> datetime:
        """The start of an office-hours interview that ended 1 to 22 hours ago.

        Starts on a whole hour from 9:00, ends by 17:30; a weekday if there is one in that
        window, and preferably one that ended at least two hours ago (the latest such).
        """
        best: tuple[bool, bool, datetime] | None = None
        for back in range(3):
            day = self.today - timedelta(days=back)
            for hour in range(9, 17):
                start = self.on(day, hour)
                end = start + duration
                if end.time() > time(17, 30) or end.date() != day:
                    continue
                ago = self.now - end
                if not timedelta(hours=1) <= ago <= timedelta(hours=22):
                    continue
                key = (day.weekday() < 5, ago >= timedelta(hours=2), start)
                if best is None or key > best:
                    best = key
        assert best is not None, "a 20-hour window always holds an office-hours slot"
        return best[2]


def _application(
    key: str,
    company: str,
    role: str,
    history: list[tuple[Status, datetime]],
    **fields: object,
) -> Application:
    app = Application(company=company, role=role, id=demo_id(f"application/{key}"), **fields)
    for status, at in history:
        app.set_status(status, at)  # also sets applied_on from the "applied" step
    app.created_at = history[0][1]
    return app


def _interview(
    cal: _Calendar,
    key: str,
    app: Application,
    starts_at: datetime,
    minutes: int,
    kind: InterviewKind,
    interviewers: list[Person],
    **fields: object,
) -> Interview:
    # Scheduled a few business days ahead, late in the afternoon (never after "now").
    scheduled = cal.on(dates.add_business_days(starts_at.date(), -3), 17, 20)
    return Interview(
        application_id=app.id,
        starts_at=starts_at,
        id=demo_id(f"interview/{key}"),
        duration=timedelta(minutes=minutes),
        kind=kind,
        interviewers=interviewers,
        created_at=min(scheduled, cal.now),
        **fields,
    )


def _sent(
    key: str,
    kind: SentKind,
    at: datetime,
    app: Application,
    interview: Interview | None = None,
    to: str = "",
    channel: str = "email",
) -> SentFollowUp:
    return SentFollowUp(
        kind=kind,
        at=at,
        application_id=app.id,
        interview_id=interview.id if interview else None,
        to=to,
        channel=channel,
        id=demo_id(f"sent/{key}"),
    )


def populate_demo(store: Store, now: datetime) -> None:
    """Fill an empty store with a realistic job search, dated relative to `now`.

    One save. Every record has a fixed id, so populating again replaces the demo records.
    """
    cal = _Calendar.at_now(now)
    fmt = dates.format_day

    # -- contacts ------------------------------------------------------------
    jana = Contact(
        name="Jana Albers",
        id=demo_id("contact/jana-albers"),
        title="Technical Recruiter",
        company="Northwind Analytics",
        email="jana.albers@northwind.example",
        url="https://example.com/in/jana-albers",
        notes="Very responsive. Prefers a quick call over email for scheduling.",
        created_at=cal.at(-20, 18, 10),
    )
    tomasz = Contact(
        name="Tomasz Wren",
        id=demo_id("contact/tomasz-wren"),
        title="Engineering Manager, Data Platform",
        company="Northwind Analytics",
        email="tomasz.wren@northwind.example",
        notes=(
            "Hiring manager. Cares about tests and boring, reliable pipelines.\n"
            "Ran the technical round; will be my manager if it works out."
        ),
        created_at=cal.at(-9, 15, 30),
    )
    priya = Contact(
        name="Priya Natarajan",
        id=demo_id("contact/priya-natarajan"),
        title="Talent Partner",
        company="Lumen Health",
        email="priya.natarajan@lumenhealth.example",
        url="https://example.com/in/priya-natarajan",
        notes=(
            "Sends a prep pack before every round. Said the final is "
            '"mostly about how you think, not trivia".'
        ),
        created_at=cal.at(-10, 14, 40),
    )
    felix = Contact(
        name="Felix Brandt",
        id=demo_id("contact/felix-brandt"),
        title="Staff Engineer, Payments",
        company="Tidewater Bank",
        email="felix.brandt@tidewater.example",
        notes=(
            "Former teammate at Quayside (2019-2022). Referred me to Tidewater.\n"
            "Owe him dinner whatever happens."
        ),
        created_at=cal.at(-31, 19, 0),
    )
    contacts = [jana, tomasz, priya, felix]

    # -- applications --------------------------------------------------------
    northwind = _application(
        "northwind",
        "Northwind Analytics",
        "Senior Data Engineer",
        [
            (Status.APPLIED, cal.at(-20, 18, 30)),
            (Status.SCREENING, cal.at(-17, 9, 45)),
            (Status.INTERVIEWING, cal.at(-13, 11, 20)),
        ],
        location="Berlin",
        url="https://example.com/jobs/northwind-analytics/senior-data-engineer",
        source="LinkedIn (recruiter reached out)",
        salary_min=75_000,
        salary_max=90_000,
        salary_currency="EUR",
        tags=["data", "python", "berlin", "favourite"],
        contact_ids=[jana.id, tomasz.id],
        notes=(
            "## Why this one\n"
            "- Small data platform team (6 people) that owns ingestion end to end\n"
            "- Dagster + Postgres + dbt; they want someone to own data-quality checks\n"
            "- Two office days a week, and the office is 20 minutes away by bike\n"
            "\n"
            "## Process\n"
            "1. Recruiter call with Jana (done)\n"
            "2. Technical with Tomasz (done)\n"
            "3. Panel with the team: system design + pairing (done)\n"
            "4. Final chat with the VP Data\n"
            "\n"
            "## Questions still to ask\n"
            "- How is on-call split between the six of them?\n"
            "- Why is the role open: growth or someone leaving?\n"
        ),
    )
    copperleaf = _application(
        "copperleaf",
        "Copperleaf Robotics",
        "Software Engineer, Fleet Tools",
        [
            (Status.APPLIED, cal.at(-16, 21, 0)),
            (Status.SCREENING, cal.at(-12, 13, 10)),
            (Status.INTERVIEWING, cal.at(-10, 9, 50)),
        ],
        location="Munich (hybrid)",
        url="https://example.com/careers/copperleaf-robotics/fleet-tools",
        source="Company site",
        salary_min=72_000,
        salary_max=85_000,
        salary_currency="EUR",
        tags=["robotics", "python", "hybrid"],
        notes=(
            "## About\n"
            "Warehouse robots. The Fleet Tools team builds the dashboards and APIs that\n"
            "operators use to watch ~400 robots per site.\n"
            "\n"
            "## Notes\n"
            "- Stack: Python (FastAPI), TimescaleDB, React on the front end\n"
            "- Munich office two days a week; they pay for the train once a month\n"
            "- Reviews: good engineering managers, some crunch before site launches\n"
        ),
    )
    lumen = _application(
        "lumen",
        "Lumen Health",
        "Backend Engineer, Patient Records",
        [
            (Status.APPLIED, cal.at(-14, 20, 0)),
            (Status.SCREENING, cal.at(-10, 14, 30)),
            (Status.INTERVIEWING, cal.at(-7, 10, 15)),
        ],
        location="London (hybrid)",
        url="https://example.com/jobs/lumen-health/backend-engineer-patient-records",
        source="LinkedIn",
        salary_min=70_000,
        salary_max=82_000,
        salary_currency="GBP",
        tags=["healthtech", "python", "london", "relocation"],
        contact_ids=[priya.id],
        notes=(
            "## About\n"
            "Remote monitoring for heart patients after surgery; clinics and hospitals\n"
            "as customers.\n"
            "\n"
            "## Logistics\n"
            "- Hybrid, two days a week in the London office\n"
            "- Relocation package and visa sponsorship offered\n"
            "- Loop: screen, technical, final (values + system design with the CTO)\n"
            "\n"
            "## Prep for the final\n"
            "- Re-read their engineering post on audit logs for patient data\n"
            "- Have the data-retention story from Quayside ready\n"
            "- Ask: who is on call for clinics at night? How big is the platform team?\n"
        ),
    )
    quillstack = _application(
        "quillstack",
        "Quillstack",
        "Platform Engineer",
        [
            (Status.APPLIED, cal.at(-12, 19, 30)),
            (Status.SCREENING, cal.at(-8, 11, 0)),
        ],
        location="Berlin",
        url="https://example.com/careers/quillstack/platform-engineer",
        source="Company site",
        salary_min=78_000,
        salary_max=92_000,
        salary_currency="EUR",
        tags=["platform", "kubernetes", "berlin"],
        notes=(
            "## About\n"
            "Developer-tools startup (Series B, ~120 people). The platform team runs\n"
            "Kubernetes for 40 product engineers.\n"
            "\n"
            "## After the recruiter call\n"
            "- Next step would be a paid take-home (4h) and a team interview\n"
            f"- Moritz said they would pick the shortlist by {fmt(cal.day(-2))}\n"
            "- Nothing since: check in politely, mention the Terraform module I shared\n"
        ),
    )
    tidewater = _application(
        "tidewater",
        "Tidewater Bank",
        "Senior Python Engineer, Payments",
        [
            (Status.APPLIED, cal.at(-30, 12, 0)),
            (Status.SCREENING, cal.at(-26, 10, 30)),
            (Status.INTERVIEWING, cal.at(-23, 15, 0)),
            (Status.OFFER, cal.at(-3, 16, 30)),
        ],
        location="Amsterdam (hybrid)",
        url="https://example.com/jobs/tidewater-bank/senior-python-engineer-payments",
        source="Referral (Felix Brandt)",
        salary_min=85_000,
        salary_max=98_000,
        salary_currency="EUR",
        tags=["fintech", "python", "payments", "referral"],
        contact_ids=[felix.id],
        notes=(
            f"## Offer (received {fmt(cal.day(-3))})\n"
            "- Base €92,000 + 10% bonus target, 30 days of holiday\n"
            "- Start date flexible; relocation budget €5,000\n"
            f"- Answer by **{fmt(cal.day(4))}**\n"
            "\n"
            "## Weighing it\n"
            "- For: best pay so far, Felix's team, payments at real scale\n"
            "- Against: three office days a week means moving to Amsterdam\n"
            "- Ask: two office days for the first six months?\n"
        ),
    )
    mosaic = _application(
        "mosaic",
        "Mosaic Learning",
        "Backend Engineer (Python)",
        [
            (Status.WISHLIST, cal.at(-14, 12, 30)),
            (Status.APPLIED, cal.at(-9, 21, 10)),
        ],
        location="Lisbon",
        url="https://example.com/careers/mosaic-learning/backend-engineer",
        source="Company site",
        salary_min=48_000,
        salary_max=58_000,
        salary_currency="EUR",
        tags=["edtech", "python", "lisbon", "relocation"],
        notes=(
            "## About\n"
            "Language-learning app for schools (~2M students); small backend team in Lisbon.\n"
            "\n"
            "## Application\n"
            "- Resume + cover letter through their careers page\n"
            "- Cover letter angle: my tutoring-platform side project\n"
            "- No reply yet, and the job post is still up\n"
            "\n"
            "## Follow-up idea\n"
            "A short note to the careers inbox that mentions their spring release post.\n"
        ),
    )
    saltbox = _application(
        "saltbox",
        "Saltbox Software",
        "Python Developer, Integrations",
        [(Status.APPLIED, cal.at(-2, 19, 45))],
        location="Remote (EU)",
        url="https://example.com/jobs/saltbox-software/python-developer-integrations",
        source="LinkedIn",
        salary_min=65_000,
        salary_max=78_000,
        salary_currency="EUR",
        tags=["saas", "python", "remote"],
        notes=(
            "## Application\n"
            "- Applied on LinkedIn with the integrations-focused resume\n"
            "- The post says they answer everyone within two weeks\n"
            "\n"
            "## Why\n"
            "- Fully remote within EU time zones\n"
            "- Trialling a four-day week this year\n"
        ),
    )
    parcelwise = _application(
        "parcelwise",
        "Parcelwise",
        "Senior Software Engineer, Delivery APIs",
        [(Status.APPLIED, cal.at(-26, 20, 30))],
        location="Remote (EU)",
        url="https://example.com/jobs/parcelwise/senior-software-engineer-delivery-apis",
        source="LinkedIn",
        salary_min=70_000,
        salary_max=82_000,
        salary_currency="EUR",
        tags=["logistics", "api", "remote"],
        notes=(
            "## Status\n"
            "- Applied via LinkedIn (resume + a short note on the carrier-API work)\n"
            "- Followed up by email, then messaged the engineering manager: no reply\n"
            "\n"
            "## Next\n"
            "- If nothing by Friday, mark it ghosted and move on\n"
        ),
    )
    kestrel = _application(
        "kestrel",
        "Kestrel Security",
        "Senior Backend Engineer, Detection Platform",
        [(Status.WISHLIST, cal.at(-5, 20, 10))],
        location="Remote (EU)",
        url="https://example.com/careers/kestrel-security/senior-backend-engineer",
        source="Company site",
        salary_min=85_000,
        salary_max=100_000,
        salary_currency="EUR",
        tags=["security", "remote", "stretch"],
        notes=(
            "## Before applying\n"
            "- Brush up on Go: the detection pipeline is Go + Python\n"
            "- Find someone who works there (a referral beats a cold application)\n"
            "- Lead the resume with the Kafka pipeline and the incident-response work\n"
            "\n"
            "## Why it's interesting\n"
            "- Remote across the EU, async culture, written RFCs\n"
            "- Hard problems: billions of security events a day\n"
        ),
    )
    fernhill = _application(
        "fernhill",
        "Fernhill Games",
        "Backend Engineer, Player Services",
        [
            (Status.APPLIED, cal.at(-22, 19, 0)),
            (Status.SCREENING, cal.at(-19, 10, 0)),
            (Status.INTERVIEWING, cal.at(-16, 9, 30)),
            (Status.REJECTED, cal.at(-9, 14, 45)),
        ],
        location="Remote (EU)",
        url="https://example.com/jobs/fernhill-games/backend-engineer-player-services",
        source="LinkedIn",
        salary_min=60_000,
        salary_max=72_000,
        salary_currency="EUR",
        tags=["games", "remote"],
        notes=(
            "## Outcome\n"
            "Rejected after the technical round (a kind email from Ruth).\n"
            "\n"
            "## Their feedback\n"
            "- Strong on system design and testing\n"
            "- They wanted more C# and game-server experience\n"
            "\n"
            "## Lesson\n"
            "- Ask about the language mix in the first call, not in round two\n"
        ),
    )
    orbital = _application(
        "orbital",
        "Orbital Freight",
        "Backend Engineer",
        [
            (Status.APPLIED, cal.at(-20, 20, 15)),
            (Status.SCREENING, cal.at(-16, 11, 30)),
            (Status.WITHDRAWN, cal.at(-14, 18, 5)),
        ],
        location="Hamburg",
        url="https://example.com/careers/orbital-freight/backend-engineer",
        source="Company site",
        salary_min=68_000,
        salary_max=80_000,
        salary_currency="EUR",
        tags=["logistics", "on-site"],
        notes=(
            "## Why I withdrew\n"
            "- Four office days a week in Hamburg, not hybrid as the post said\n"
            "- On call one week in three, unpaid\n"
            "- Sent a polite note; left the door open for a remote role later\n"
        ),
    )
    blue_heron = _application(
        "blue-heron",
        "Blue Heron Studio",
        "Full-stack Developer (Django)",
        [
            (Status.APPLIED, cal.at(-40, 21, 30)),
            (Status.GHOSTED, cal.at(-12, 10, 5)),
        ],
        location="Berlin",
        url="https://example.com/jobs/blue-heron-studio/full-stack-developer",
        source="Company site",
        salary_min=58_000,
        salary_max=66_000,
        salary_currency="EUR",
        tags=["agency", "django", "berlin"],
        notes=(
            "## Timeline\n"
            "- Applied through their site, then two follow-ups to the hello@ inbox\n"
            "- Not a word back; marked ghosted and stopped chasing\n"
            "\n"
            "## If they ever reply\n"
            "- Only interesting if the role is mostly backend\n"
        ),
    )
    applications = [
        blue_heron,
        tidewater,
        parcelwise,
        fernhill,
        northwind,
        orbital,
        copperleaf,
        lumen,
        mosaic,
        quillstack,
        kestrel,
        saltbox,
    ]

    # -- interviews ----------------------------------------------------------
    nw_screen = _interview(
        cal,
        "nw-screen",
        northwind,
        cal.at(-15, 10, 0),
        30,
        InterviewKind.PHONE_SCREEN,
        [Person("Jana Albers", jana.email)],
        where="Phone (Jana calls me)",
        notes="Salary band confirmed at 75-90k. Hybrid: Tuesdays and Thursdays in the office.",
        outcome="Through to the technical round",
    )
    nw_tech = _interview(
        cal,
        "nw-tech",
        northwind,
        cal.at(-9, 14, 0),
        60,
        InterviewKind.TECHNICAL,
        [Person("Tomasz Wren", tomasz.email)],
        where="https://meet.example.com/nwa-tech-7315",
        notes=(
            "Live SQL (window functions), then a walk through my take-home pipeline design.\n"
            "Went well; we ran five minutes over talking about backfills."
        ),
        outcome="Invited to the team panel",
    )
    nw_panel = _interview(
        cal,
        "nw-panel",
        northwind,
        cal.just_ended(timedelta(minutes=90)),
        90,
        InterviewKind.PANEL,
        [
            Person("Tomasz Wren", tomasz.email),
            Person("Lea Hoffmann", "lea.hoffmann@northwind.example"),
            Person("Arjun Mehta", "arjun.mehta@northwind.example"),
        ],
        where="Northwind office: 3rd floor, room Tempelhof",
        notes=(
            "System design on late-arriving billing events, then 30 minutes pairing on a\n"
            "dbt model with Lea. Coffee with the team afterwards."
        ),
        topics=(
            "- Ingesting late-arriving billing events: watermarks, backfills, idempotent loads\n"
            "- How they test dbt models today (mostly by hand) and where automated checks fit\n"
            "- Their plan to move the nightly batch to hourly by Q2"
        ),
        concerns=(
            "Arjun asked whether I have enough analytics-engineering experience, "
            "since my last role was mostly backend.\n"
            "At Quayside I built and owned the finance dbt project (40+ models) for a year "
            "and ran the weekly metrics review with the analysts; happy to share the write-up."
        ),
        strengths=(
            "- Cut the nightly pipeline from 3h10 to 40 minutes by making loads incremental\n"
            "- Introduced data contracts between four producer teams: no broken dashboards since\n"
            "- Mentored two juniors through their first on-call rotations"
        ),
        liked=(
            "- Lea's honest answer about the tech debt in the billing pipeline\n"
            "- Friday afternoons are blocked for learning\n"
            "- The team talks to analysts every day, not through tickets"
        ),
    )
    cl_call = _interview(
        cal,
        "cl-call",
        copperleaf,
        cal.at(-11, 16, 0),
        30,
        InterviewKind.PHONE_SCREEN,
        [Person("Sophie Reiter", "sophie.reiter@copperleaf.example")],
        where="Phone",
        notes="Relaxed call about the team and the Munich office. Hybrid is really 2 days.",
        outcome="Invited to the technical interview",
    )
    cl_tech = _interview(
        cal,
        "cl-tech",
        copperleaf,
        cal.at(-2, 14, 0),
        60,
        InterviewKind.TECHNICAL,
        [
            Person("Marta Kowalczyk", "marta.kowalczyk@copperleaf.example"),
            Person("Daniel Osei", "daniel.osei@copperleaf.example"),
        ],
        where="https://meet.example.com/cpl-fleet-4821",
        notes=(
            "Designed an API that streams robot telemetry to the operator dashboard, then\n"
            "debugged a slow TimescaleDB query together. Marta manages Fleet Tools."
        ),
        topics=(
            "- Backpressure when every robot on a site reconnects after a network drop\n"
            "- Downsampling telemetry for the 30-day view (continuous aggregates)\n"
            "- How alerts reach site operators today (a shared email inbox)"
        ),
        concerns=(
            "Daniel wondered if I'd be bored without hands-on robotics work.\n"
            "What I enjoy is tooling people rely on every shift, and the operator dashboard "
            "is exactly that; I'd like to shadow a site visit in my first month."
        ),
        strengths=(
            "- Built the event-streaming backbone at Quayside (Kafka, ~2k msg/s) with replay\n"
            "- Ran the Postgres to TimescaleDB migration for our metrics store\n"
            "- I write the runbooks people actually use at 3am"
        ),
        liked=(
            "- Marta showed the real operator dashboard, warts and all\n"
            "- Engineers visit customer sites every quarter\n"
            "- No puzzles: the debugging exercise felt like real work"
        ),
    )
    lh_screen = _interview(
        cal,
        "lh-screen",
        lumen,
        cal.at(-8, 10, 0),
        30,
        InterviewKind.PHONE_SCREEN,
        [Person("Priya Natarajan", priya.email)],
        where="https://meet.example.com/lumen-intro-0412",
        notes="Priya walked through the loop and the relocation package. Visa is no problem.",
        outcome="Through to the technical",
    )
    lh_tech = _interview(
        cal,
        "lh-tech",
        lumen,
        cal.at(-4, 13, 0),
        90,
        InterviewKind.TECHNICAL,
        [
            Person("Owen Price", "owen.price@lumenhealth.example"),
            Person("Hannah Clarke", "hannah.clarke@lumenhealth.example"),
        ],
        where="https://meet.example.com/lumen-tech-2290",
        notes=(
            "Pairing in their real repo: added cursor pagination to a patient-observations\n"
            "endpoint. Owen was very kind about my typos."
        ),
        topics=(
            "- Cursor vs offset pagination for observation histories\n"
            "- Audit logging of every read of patient data"
        ),
        strengths="- The GDPR retention job I built at Quayside\n- Calm, test-first pairing",
        liked="- They let me use my own editor\n- Clinicians sit with the engineers weekly",
        outcome="Invited to the final round",
    )
    lh_final = _interview(
        cal,
        "lh-final",
        lumen,
        cal.on(cal.next_weekday(), 11, 0),
        90,
        InterviewKind.FINAL,
        [
            Person("Hannah Clarke", "hannah.clarke@lumenhealth.example"),
            Person("Amara Okafor", "amara.okafor@lumenhealth.example"),
        ],
        where="https://meet.example.com/lumen-final-5507",
        notes=(
            "Values interview (45 min), then system design with Amara (CTO): alerting on\n"
            "abnormal heart-rate readings. Bring questions; camera on. 10:00 London time."
        ),
    )
    qs_screen = _interview(
        cal,
        "qs-screen",
        quillstack,
        cal.at(-6, 10, 0),
        45,
        InterviewKind.PHONE_SCREEN,
        [Person("Moritz Engel", "moritz.engel@quillstack.example")],
        where="https://meet.example.com/qs-intro-1184",
        notes=(
            "Friendly and fast. They care most about Terraform and Kubernetes depth; I was\n"
            "honest that I've used Kubernetes a lot but never run the clusters myself."
        ),
        topics="- The take-home (paid, 4h)\n- Their move from Helm charts to a platform API",
        decide_by=cal.day(-2),
    )
    tw_screen = _interview(
        cal,
        "tw-screen",
        tidewater,
        cal.at(-24, 11, 0),
        30,
        InterviewKind.PHONE_SCREEN,
        [Person("Noor van Dijk", "noor.vandijk@tidewater.example")],
        where="Phone",
        notes="Felix's referral got me straight to the recruiter. Band 85-98k.",
        outcome="Through to the technical",
    )
    tw_tech = _interview(
        cal,
        "tw-tech",
        tidewater,
        cal.at(-19, 14, 0),
        90,
        InterviewKind.TECHNICAL,
        [
            Person("Sven Jansen", "sven.jansen@tidewater.example"),
            Person("Ilse de Vries", "ilse.devries@tidewater.example"),
        ],
        where="https://meet.example.com/tw-tech-3361",
        notes="Idempotent payment retries and a code review of a settlement job. Tough but fair.",
        outcome="Invited to the final day",
    )
    tw_final = _interview(
        cal,
        "tw-final",
        tidewater,
        cal.at(-13, 10, 0),
        120,
        InterviewKind.FINAL,
        [
            Person("Ilse de Vries", "ilse.devries@tidewater.example"),
            Person("Ruben Smit", "ruben.smit@tidewater.example"),
        ],
        where="Tidewater office, Amsterdam: 12th floor, room Amstel",
        notes="System design (ledger service), then lunch with the team and a chat with Ruben.",
        topics="- Double-entry ledger design\n- How they run incident reviews",
        liked="- Blameless incident reviews, written up for the whole company",
        outcome="Offer",
    )
    fh_screen = _interview(
        cal,
        "fh-screen",
        fernhill,
        cal.at(-17, 15, 0),
        30,
        InterviewKind.PHONE_SCREEN,
        [Person("Ruth Adeyemi", "ruth.adeyemi@fernhill.example")],
        where="Phone",
        outcome="Through to the technical",
    )
    fh_tech = _interview(
        cal,
        "fh-tech",
        fernhill,
        cal.at(-13, 11, 0),
        60,
        InterviewKind.TECHNICAL,
        [Person("Mikko Lahti", "mikko.lahti@fernhill.example")],
        where="https://meet.example.com/fh-tech-9052",
        notes="Matchmaking-service design; many questions about their C# game servers.",
        outcome="Rejected: they went with someone with more C# game-server experience",
    )
    ob_screen = _interview(
        cal,
        "ob-screen",
        orbital,
        cal.at(-15, 9, 30),
        30,
        InterviewKind.PHONE_SCREEN,
        [Person("Katrin Vogel", "katrin.vogel@orbitalfreight.example")],
        where="Phone",
        notes="Learned about the office days and the on-call rota. Not for me.",
        outcome="I withdrew",
    )
    interviews = [
        nw_screen,
        nw_tech,
        nw_panel,
        cl_call,
        cl_tech,
        lh_screen,
        lh_tech,
        lh_final,
        qs_screen,
        tw_screen,
        tw_tech,
        tw_final,
        fh_screen,
        fh_tech,
        ob_screen,
    ]

    # -- the follow-up log -----------------------------------------------------
    thank_yous = [
        _sent("nw-screen-thanks", SentKind.THANK_YOU, cal.at(-15, 11, 5), northwind, nw_screen),
        _sent("nw-tech-thanks", SentKind.THANK_YOU, cal.at(-9, 17, 40), northwind, nw_tech),
        _sent("cl-call-thanks", SentKind.THANK_YOU, cal.at(-11, 17, 10), copperleaf, cl_call),
        _sent("lh-screen-thanks", SentKind.THANK_YOU, cal.at(-8, 15, 40), lumen, lh_screen),
        _sent("lh-tech-thanks", SentKind.THANK_YOU, cal.at(-4, 18, 20), lumen, lh_tech),
        _sent("qs-screen-thanks", SentKind.THANK_YOU, cal.at(-6, 12, 15), quillstack, qs_screen),
        _sent("tw-tech-thanks", SentKind.THANK_YOU, cal.at(-19, 17, 30), tidewater, tw_tech),
        _sent("tw-final-thanks", SentKind.THANK_YOU, cal.at(-13, 18, 0), tidewater, tw_final),
        _sent("fh-tech-thanks", SentKind.THANK_YOU, cal.at(-13, 16, 20), fernhill, fh_tech),
    ]
    by_id = {interview.id: interview for interview in interviews}
    for entry in thank_yous:
        entry.to = ", ".join(p.email for p in by_id[entry.interview_id].interviewers)
    other_sent = [
        _sent(
            "parcelwise-1",
            SentKind.APPLICATION_FOLLOW_UP,
            cal.at(-17, 9, 40),
            parcelwise,
            to="careers@parcelwise.example",
        ),
        _sent(
            "parcelwise-2",
            SentKind.APPLICATION_FOLLOW_UP,
            cal.at(-9, 9, 15),
            parcelwise,
            to="Jonas Ek (Engineering Manager)",
            channel="LinkedIn",
        ),
        _sent(
            "blue-heron-1",
            SentKind.APPLICATION_FOLLOW_UP,
            cal.at(-31, 9, 20),
            blue_heron,
            to="hello@blueheron.example",
        ),
        _sent(
            "blue-heron-2",
            SentKind.APPLICATION_FOLLOW_UP,
            cal.at(-22, 9, 5),
            blue_heron,
            to="hello@blueheron.example",
        ),
    ]

    # Every record is stamped as saved "now" (the store's clock gives updated_at).
    clock = store.clock
    store.clock = lambda: cal.now
    try:
        with store.transaction():
            for record in [*contacts, *applications, *interviews]:
                store.save(record)
            for entry in thank_yous:
                store.log_sent(entry, thank_you_interview=by_id[entry.interview_id])
            for entry in other_sent:
                store.log_sent(entry)
    finally:
        store.clock = clock


@dataclass(frozen=True)
class DemoFolder:
    """The throwaway folder a demo runs in: its database, settings, drafts and temp files.

    While :func:`demo_environment` is active, every path jobtui uses (``jobtui.locations``)
    points in here, so nothing a demo does (a draft saved, a theme picked, a backup taken,
    a note opened in $EDITOR) lands beside the user's real data, and the help names these.
    """

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DEMO_FILE_NAME

    @property
    def config_dir(self) -> Path:
        """A copy of the user's settings (config.toml, templates, state.json)."""
        return self.root / "config"

    @property
    def drafts_dir(self) -> Path:
        return self.root / "drafts"

    @property
    def temp_dir(self) -> Path:
        return self.root / "tmp"

    def environment(self) -> dict[str, str]:
        """The variables that point jobtui (and programs it starts) into the folder."""
        return {
            locations.DB_ENV: str(self.database),
            locations.CONFIG_DIR_ENV: str(self.config_dir),
            locations.DRAFTS_DIR_ENV: str(self.drafts_dir),
            "TMPDIR": str(self.temp_dir),
        }


_SETTINGS = ("config.toml", "state.json", "templates")


def make_demo_folder() -> DemoFolder:
    """A new temp folder for a demo, holding a copy of the user's settings (read, never
    written: the demo keeps the user's keys, templates and theme, and changes only its copy)."""
    folder = DemoFolder(Path(tempfile.mkdtemp(prefix="jobtui-demo-")))
    source = locations.config_dir()
    folder.config_dir.mkdir(mode=0o700)
    folder.temp_dir.mkdir(mode=0o700)
    for name in _SETTINGS:
        original = source / name
        try:
            if original.is_dir():
                shutil.copytree(original, folder.config_dir / name)
            elif original.is_file():
                shutil.copyfile(original, folder.config_dir / name)
        except OSError:
            continue  # an unreadable setting: the demo runs on the defaults for it
    return folder


@contextlib.contextmanager
def demo_environment(folder: DemoFolder) -> Iterator[DemoFolder]:
    """Point every jobtui path (and $TMPDIR, for $EDITOR and friends) into ``folder`` while
    the block runs; restore them after."""
    saved = {name: os.environ.get(name) for name in folder.environment()}
    saved_tempdir = tempfile.tempdir
    os.environ.update(folder.environment())
    tempfile.tempdir = str(folder.temp_dir)
    try:
        yield folder
    finally:
        tempfile.tempdir = saved_tempdir
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def open_demo_store(now: datetime, folder: DemoFolder | None = None) -> tuple[Store, Path]:
    """A fresh demo database in ``folder`` (default: a new temp folder, which the caller
    may delete); returns the store and the folder.

    The store keeps the real clock, so changes made while trying the demo get real
    timestamps; the demo itself is dated relative to ``now``.
    """
    if folder is None:
        folder = DemoFolder(Path(tempfile.mkdtemp(prefix="jobtui-demo-")))
    store = Store(folder.database)
    try:
        populate_demo(store, now)
    except BaseException:
        store.close()
        raise
    return store, folder.root
