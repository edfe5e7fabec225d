"""The demo job search as data: one story per application, dated relative to "now".

The stories, with the default follow-up rules:

* Northwind Analytics, interviewing: a panel ended a few hours ago -> thank-you due now.
* Copperleaf Robotics, interviewing: a technical round two days ago, no thank-you -> overdue.
* Lumen Health, interviewing: thank-yous sent for two rounds, the final is next working day.
* Quillstack, screening: they said they would decide by a date that has passed -> check in.
* Tidewater Bank, offer: received a few days ago, with an answer deadline.
* Brightwell Energy, offer: the second one to compare with it (`O`), same currency.
* Mosaic Learning, applied 9 business days ago, no reply -> follow up.
* Saltbox Software, applied 2 days ago -> nothing to do yet.
* Parcelwise, applied, two follow-ups unanswered -> "mark it ghosted?".
* Kestrel Security, wishlist. Fernhill Games rejected, Orbital Freight withdrawn,
  Blue Heron Studio ghosted: closed, nothing to do.

A new story is one more :class:`~.schema.Story` in :data:`STORIES`; its records get fixed ids
from its keys ("application/<key>", "interview/<key>", ...).
"""

from __future__ import annotations

from jobtui.core.model import InterviewKind, Person, Status
from jobtui.io.demo.schema import (
    At,
    ContactStory,
    Day,
    FollowUpSent,
    InterviewStory,
    JustEnded,
    NextWeekday,
    OfferStory,
    Story,
    TaskStory,
)

NORTHWIND = Story(
    key="northwind",
    company="Northwind Analytics",
    role="Senior Data Engineer",
    history=(
        (Status.APPLIED, At(-20, 18, 30)),
        (Status.SCREENING, At(-17, 9, 45)),
        (Status.INTERVIEWING, At(-13, 11, 20)),
    ),
    location="Berlin",
    url="https://example.com/jobs/northwind-analytics/senior-data-engineer",
    source="LinkedIn (recruiter reached out)",
    salary=(75_000, 90_000, "EUR"),
    tags=("data", "python", "berlin", "favourite"),
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
    contacts=(
        ContactStory(
            key="jana-albers",
            name="Jana Albers",
            title="Technical Recruiter",
            email="jana.albers@northwind.example",
            url="https://example.com/in/jana-albers",
            notes="Very responsive. Prefers a quick call over email for scheduling.",
            met=At(-20, 18, 10),
        ),
        ContactStory(
            key="tomasz-wren",
            name="Tomasz Wren",
            title="Engineering Manager, Data Platform",
            email="tomasz.wren@northwind.example",
            notes=(
                "Hiring manager. Cares about tests and boring, reliable pipelines.\n"
                "Ran the technical round; will be my manager if it works out."
            ),
            met=At(-9, 15, 30),
        ),
    ),
    interviews=(
        InterviewStory(
            key="nw-screen",
            starts=At(-15, 10, 0),
            minutes=30,
            kind=InterviewKind.PHONE_SCREEN,
            interviewers=("jana-albers",),
            where="Phone (Jana calls me)",
            notes=(
                "Salary band confirmed at 75-90k. Hybrid: Tuesdays and Thursdays in the office."
            ),
            outcome="Through to the technical round",
            thanked=At(-15, 11, 5),
        ),
        InterviewStory(
            key="nw-tech",
            starts=At(-9, 14, 0),
            minutes=60,
            kind=InterviewKind.TECHNICAL,
            interviewers=("tomasz-wren",),
            where="https://meet.example.com/nwa-tech-7315",
            notes=(
                "Live SQL (window functions), then a walk through my take-home pipeline design.\n"
                "Went well; we ran five minutes over talking about backfills."
            ),
            outcome="Invited to the team panel",
            thanked=At(-9, 17, 40),
        ),
        InterviewStory(
            key="nw-panel",
            starts=JustEnded(),
            minutes=90,
            kind=InterviewKind.PANEL,
            interviewers=(
                "tomasz-wren",
                Person("Lea Hoffmann", "lea.hoffmann@northwind.example"),
                Person("Arjun Mehta", "arjun.mehta@northwind.example"),
            ),
            where="Northwind office: 3rd floor, room Tempelhof",
            notes=(
                "System design on late-arriving billing events, then 30 minutes pairing on a\n"
                "dbt model with Lea. Coffee with the team afterwards."
            ),
            topics=(
                "- ingesting late-arriving billing events (watermarks, backfills, "
                "idempotent loads)\n"
                "- how you test dbt models today and where automated checks fit\n"
                "- your plan to move the nightly batch to hourly by Q2"
            ),
            concerns=(
                "Arjun's question about my analytics-engineering experience: at Quayside I "
                "built and owned the finance dbt project (40+ models) for a year and ran the "
                "weekly metrics review with the analysts, and I'm happy to share the write-up"
            ),
            strengths=(
                "- Cut the nightly pipeline from 3h10 to 40 minutes by making loads incremental\n"
                "- Introduced data contracts between four producer teams: no broken dashboards "
                "since\n"
                "- Mentored two juniors through their first on-call rotations"
            ),
            liked=(
                "- Lea's honest answer about the tech debt in the billing pipeline\n"
                "- Friday afternoons kept for learning\n"
                "- that the team talks with analysts every day rather than through tickets"
            ),
        ),
    ),
)

COPPERLEAF = Story(
    key="copperleaf",
    company="Copperleaf Robotics",
    role="Software Engineer, Fleet Tools",
    history=(
        (Status.APPLIED, At(-16, 21, 0)),
        (Status.SCREENING, At(-12, 13, 10)),
        (Status.INTERVIEWING, At(-10, 9, 50)),
    ),
    location="Munich (hybrid)",
    url="https://example.com/careers/copperleaf-robotics/fleet-tools",
    source="Company site",
    salary=(72_000, 85_000, "EUR"),
    tags=("robotics", "python", "hybrid"),
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
    posting=(
        "Full-time · posted {day -17}\n"
        "\n"
        "## Software Engineer, Fleet Tools\n"
        "\n"
        "Our robots move a million parcels a day. Fleet Tools is how the people on site "
        "see them: live maps, alerts, and the APIs behind them.\n"
        "\n"
        "## What you will do\n"
        "\n"
        "- Build the services behind the operators' dashboards (Python, FastAPI)\n"
        "- Keep a week of telemetry from 400 robots per site queryable in seconds "
        "(TimescaleDB)\n"
        "- Work with the site teams on what they need at 3 a.m.\n"
        "\n"
        "## What you bring\n"
        "\n"
        "- 3+ years of backend work in Python\n"
        "- SQL you are proud of, and some time-series experience\n"
        "- Curiosity about hardware (no robotics background needed)\n"
        "\n"
        "## Nice to have\n"
        "\n"
        "- React, or the wish to learn enough of it\n"
        "- On-call experience\n"
        "\n"
        "Munich office two days a week. [How we hire](https://example.com/careers/copperleaf-robotics/how-we-hire)\n"
    ),
    interviews=(
        InterviewStory(
            key="cl-call",
            starts=At(-11, 16, 0),
            minutes=30,
            kind=InterviewKind.PHONE_SCREEN,
            interviewers=(Person("Sophie Reiter", "sophie.reiter@copperleaf.example"),),
            where="Phone",
            notes="Relaxed call about the team and the Munich office. Hybrid is really 2 days.",
            outcome="Invited to the technical interview",
            thanked=At(-11, 17, 10),
        ),
        InterviewStory(
            key="cl-tech",
            starts=At(-2, 14, 0),
            minutes=60,
            kind=InterviewKind.TECHNICAL,
            interviewers=(
                Person("Marta Kowalczyk", "marta.kowalczyk@copperleaf.example"),
                Person("Daniel Osei", "daniel.osei@copperleaf.example"),
            ),
            where="https://meet.example.com/cpl-fleet-4821",
            notes=(
                "Designed an API that streams robot telemetry to the operator dashboard, then\n"
                "debugged a slow TimescaleDB query together. Marta manages Fleet Tools."
            ),
            topics=(
                "- backpressure when every robot on a site reconnects after a network drop\n"
                "- downsampling telemetry for the 30-day view (continuous aggregates)\n"
                "- how alerts reach site operators today"
            ),
            concerns=(
                "whether I'd miss hands-on robotics work: what I enjoy is tooling people rely "
                "on every shift, and the operator dashboard is exactly that (I'd like to shadow "
                "a site visit in my first month)"
            ),
            strengths=(
                "- Built the event-streaming backbone at Quayside (Kafka, ~2k msg/s) with replay\n"
                "- Ran the Postgres to TimescaleDB migration for our metrics store\n"
                "- I write the runbooks people actually use at 3am"
            ),
            liked=(
                "- seeing the real operator dashboard (warts and all)\n"
                "- that engineers visit customer sites every quarter\n"
                "- a debugging exercise that felt like real work"
            ),
        ),
    ),
)

LUMEN = Story(
    key="lumen",
    company="Lumen Health",
    role="Backend Engineer, Patient Records",
    history=(
        (Status.APPLIED, At(-14, 20, 0)),
        (Status.SCREENING, At(-10, 14, 30)),
        (Status.INTERVIEWING, At(-7, 10, 15)),
    ),
    location="London (hybrid)",
    url="https://example.com/jobs/lumen-health/backend-engineer-patient-records",
    source="LinkedIn",
    salary=(70_000, 82_000, "GBP"),
    tags=("healthtech", "python", "london", "relocation"),
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
    tasks=(
        TaskStory("Take-home: build the ETL for the vitals feed (with tests)", due=At(2, 17, 0)),
        TaskStory("Send Priya the two references", due=At(-1, 12, 0), done=At(-1, 9, 30)),
    ),
    contacts=(
        ContactStory(
            key="priya-natarajan",
            name="Priya Natarajan",
            title="Talent Partner",
            email="priya.natarajan@lumenhealth.example",
            url="https://example.com/in/priya-natarajan",
            notes=(
                "Sends a prep pack before every round. Said the final is "
                '"mostly about how you think, not trivia".'
            ),
            met=At(-10, 14, 40),
        ),
    ),
    interviews=(
        InterviewStory(
            key="lh-screen",
            starts=At(-8, 10, 0),
            minutes=30,
            kind=InterviewKind.PHONE_SCREEN,
            interviewers=("priya-natarajan",),
            where="https://meet.example.com/lumen-intro-0412",
            notes=("Priya walked through the loop and the relocation package. Visa is no problem."),
            outcome="Through to the technical",
            thanked=At(-8, 15, 40),
        ),
        InterviewStory(
            key="lh-tech",
            starts=At(-4, 13, 0),
            minutes=90,
            kind=InterviewKind.TECHNICAL,
            interviewers=(
                Person("Owen Price", "owen.price@lumenhealth.example"),
                Person("Hannah Clarke", "hannah.clarke@lumenhealth.example"),
            ),
            where="https://meet.example.com/lumen-tech-2290",
            notes=(
                "Pairing in their real repo: added cursor pagination to a patient-observations\n"
                "endpoint. Owen was very kind about my typos."
            ),
            topics=(
                "- cursor vs offset pagination for observation histories\n"
                "- audit logging of every read of patient data"
            ),
            strengths="- The GDPR retention job I built at Quayside\n- Calm, test-first pairing",
            liked=(
                "- that I could use my own editor\n"
                "- that clinicians sit with the engineers every week"
            ),
            outcome="Invited to the final round",
            thanked=At(-4, 18, 20),
        ),
        InterviewStory(
            key="lh-final",
            starts=NextWeekday(11, 0),
            minutes=90,
            kind=InterviewKind.FINAL,
            interviewers=(
                Person("Hannah Clarke", "hannah.clarke@lumenhealth.example"),
                Person("Amara Okafor", "amara.okafor@lumenhealth.example"),
            ),
            where="https://meet.example.com/lumen-final-5507",
            notes=(
                "Values interview (45 min), then system design with Amara (CTO): alerting on\n"
                "abnormal heart-rate readings. Bring questions; camera on. 10:00 London time."
            ),
        ),
    ),
)

QUILLSTACK = Story(
    key="quillstack",
    company="Quillstack",
    role="Platform Engineer",
    history=(
        (Status.APPLIED, At(-12, 19, 30)),
        (Status.SCREENING, At(-8, 11, 0)),
    ),
    location="Berlin",
    url="https://example.com/careers/quillstack/platform-engineer",
    source="Company site",
    salary=(78_000, 92_000, "EUR"),
    tags=("platform", "kubernetes", "berlin"),
    notes=(
        "## About\n"
        "Developer-tools startup (Series B, ~120 people). The platform team runs\n"
        "Kubernetes for 40 product engineers.\n"
        "\n"
        "## After the recruiter call\n"
        "- Next step would be a paid take-home (4h) and a team interview\n"
        "- Moritz said they would pick the shortlist by {day -2}\n"
        "- Nothing since: check in politely, mention the Terraform module I shared\n"
    ),
    interviews=(
        InterviewStory(
            key="qs-screen",
            starts=At(-6, 10, 0),
            minutes=45,
            kind=InterviewKind.PHONE_SCREEN,
            interviewers=(Person("Moritz Engel", "moritz.engel@quillstack.example"),),
            where="https://meet.example.com/qs-intro-1184",
            notes=(
                "Friendly and fast. They care most about Terraform and Kubernetes depth; I was\n"
                "honest that I've used Kubernetes a lot but never run the clusters myself."
            ),
            topics="- the take-home (paid, 4h)\n- your move from Helm charts to a platform API",
            decide_by=Day(-2),
            thanked=At(-6, 12, 15),
        ),
    ),
)

TIDEWATER = Story(
    key="tidewater",
    company="Tidewater Bank",
    role="Senior Python Engineer, Payments",
    history=(
        (Status.APPLIED, At(-30, 12, 0)),
        (Status.SCREENING, At(-26, 10, 30)),
        (Status.INTERVIEWING, At(-23, 15, 0)),
        (Status.OFFER, At(-3, 16, 30)),
    ),
    location="Amsterdam (hybrid)",
    url="https://example.com/jobs/tidewater-bank/senior-python-engineer-payments",
    source="Referral (Felix Brandt)",
    salary=(85_000, 98_000, "EUR"),
    tags=("fintech", "python", "payments", "referral"),
    notes=(
        "## Offer (received {day -3})\n"
        "- Base €92,000 + 10% bonus target, 30 days of holiday\n"
        "- Start date flexible; relocation budget €5,000\n"
        "- Answer by **{day +4}**\n"
        "\n"
        "## Weighing it\n"
        "- For: best pay so far, Felix's team, payments at real scale\n"
        "- Against: three office days a week means moving to Amsterdam\n"
        "- Ask: two office days for the first six months?\n"
    ),
    contacts=(
        ContactStory(
            key="felix-brandt",
            name="Felix Brandt",
            title="Staff Engineer, Payments",
            email="felix.brandt@tidewater.example",
            notes=(
                "Former teammate at Quayside (2019-2022). Referred me to Tidewater.\n"
                "Owe him dinner whatever happens."
            ),
            met=At(-31, 19, 0),
        ),
    ),
    interviews=(
        InterviewStory(
            key="tw-screen",
            starts=At(-24, 11, 0),
            minutes=30,
            kind=InterviewKind.PHONE_SCREEN,
            interviewers=(Person("Noor van Dijk", "noor.vandijk@tidewater.example"),),
            where="Phone",
            notes="Felix's referral got me straight to the recruiter. Band 85-98k.",
            outcome="Through to the technical",
        ),
        InterviewStory(
            key="tw-tech",
            starts=At(-19, 14, 0),
            minutes=90,
            kind=InterviewKind.TECHNICAL,
            interviewers=(
                Person("Sven Jansen", "sven.jansen@tidewater.example"),
                Person("Ilse de Vries", "ilse.devries@tidewater.example"),
            ),
            where="https://meet.example.com/tw-tech-3361",
            notes=(
                "Idempotent payment retries and a code review of a settlement job. Tough but fair."
            ),
            outcome="Invited to the final day",
            thanked=At(-19, 17, 30),
        ),
        InterviewStory(
            key="tw-final",
            starts=At(-13, 10, 0),
            minutes=120,
            kind=InterviewKind.FINAL,
            interviewers=(
                Person("Ilse de Vries", "ilse.devries@tidewater.example"),
                Person("Ruben Smit", "ruben.smit@tidewater.example"),
            ),
            where="Tidewater office, Amsterdam: 12th floor, room Amstel",
            notes=(
                "System design (ledger service), then lunch with the team and a chat with Ruben."
            ),
            topics="- double-entry ledger design\n- how you run incident reviews",
            liked="blameless incident reviews, written up for the whole company",
            outcome="Offer",
            thanked=At(-13, 18, 0),
        ),
    ),
    offer=OfferStory(
        base=92_000,
        bonus=9_200,
        currency="EUR",
        answer_by=At(4, 17, 0),
        notes=(
            "Bonus is a 10% target, paid in March. 30 days of holiday; relocation budget "
            "€5,000 (paid against receipts). Three office days a week in Amsterdam."
        ),
    ),
)

BRIGHTWELL = Story(
    key="brightwell",
    company="Brightwell Energy",
    role="Senior Backend Engineer, Grid Data",
    history=(
        (Status.APPLIED, At(-27, 13, 15)),
        (Status.SCREENING, At(-24, 9, 30)),
        (Status.INTERVIEWING, At(-20, 16, 0)),
        (Status.OFFER, At(-2, 11, 45)),
    ),
    location="Berlin (remote-first)",
    url="https://example.com/jobs/brightwell-energy/senior-backend-engineer-grid-data",
    source="Company site",
    salary=(80_000, 95_000, "EUR"),
    tags=("energy", "python", "remote", "startup"),
    notes=(
        "## Offer (received {day -2})\n"
        "- Base €86,000, €6,000 sign-on, options worth about €40,000 over four years\n"
        '- No answer date: Hanna said "take the time you need"\n'
        "\n"
        "## Weighing it\n"
        "- For: remote-first, grid data at scale, a team that writes things down\n"
        "- Against: the options are only worth something if they sell or list\n"
        "- Compare it with Tidewater side by side before answering either\n"
    ),
    interviews=(
        InterviewStory(
            key="bw-screen",
            starts=At(-22, 14, 0),
            minutes=30,
            kind=InterviewKind.PHONE_SCREEN,
            interviewers=(Person("Hanna Vogel", "hanna.vogel@brightwell.example"),),
            where="https://meet.example.com/bw-intro-2207",
            notes="Hanna runs hiring for the platform group. Band 80-95k plus options.",
            outcome="Through to the team day",
            thanked=At(-22, 16, 30),
        ),
        InterviewStory(
            key="bw-team",
            starts=At(-8, 10, 0),
            minutes=150,
            kind=InterviewKind.FINAL,
            interviewers=(
                Person("Lars Petersen", "lars.petersen@brightwell.example"),
                Person("Mira Okafor", "mira.okafor@brightwell.example"),
            ),
            where="https://meet.example.com/bw-team-5120",
            notes="Design of a meter-reading ingestion pipeline, then a chat with the CTO.",
            topics="- late and duplicated meter readings\n- how the on-call rota works",
            liked="they showed their real incident log",
            outcome="Offer",
            thanked=At(-8, 16, 0),
        ),
    ),
    offer=OfferStory(
        base=86_000,
        sign_on=6_000,
        equity=40_000,
        vesting_years=4,
        currency="EUR",
        notes=(
            "Equity is stock options, one-year cliff, then monthly. Fully remote within "
            "Germany, one team week a quarter in Berlin. 28 days of holiday; €1,500 a year "
            "for learning."
        ),
    ),
)

MOSAIC = Story(
    key="mosaic",
    company="Mosaic Learning",
    role="Backend Engineer (Python)",
    history=(
        (Status.WISHLIST, At(-14, 12, 30)),
        (Status.APPLIED, At(-9, 21, 10)),
    ),
    location="Lisbon",
    url="https://example.com/careers/mosaic-learning/backend-engineer",
    source="Company site",
    salary=(48_000, 58_000, "EUR"),
    tags=("edtech", "python", "lisbon", "relocation"),
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

SALTBOX = Story(
    key="saltbox",
    company="Saltbox Software",
    role="Python Developer, Integrations",
    history=((Status.APPLIED, At(-2, 19, 45)),),
    location="Remote (EU)",
    url="https://example.com/jobs/saltbox-software/python-developer-integrations",
    source="LinkedIn",
    salary=(65_000, 78_000, "EUR"),
    tags=("saas", "python", "remote"),
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

PARCELWISE = Story(
    key="parcelwise",
    company="Parcelwise",
    role="Senior Software Engineer, Delivery APIs",
    history=((Status.APPLIED, At(-26, 20, 30)),),
    location="Remote (EU)",
    url="https://example.com/jobs/parcelwise/senior-software-engineer-delivery-apis",
    source="LinkedIn",
    salary=(70_000, 82_000, "EUR"),
    tags=("logistics", "api", "remote"),
    notes=(
        "## Status\n"
        "- Applied via LinkedIn (resume + a short note on the carrier-API work)\n"
        "- Followed up by email, then messaged the engineering manager: no reply\n"
        "\n"
        "## Next\n"
        "- If nothing by Friday, mark it ghosted and move on\n"
    ),
    followed_up=(
        FollowUpSent(
            "parcelwise-1",
            At(-17, 9, 40),
            to="careers@parcelwise.example",
            subject="Following up — Senior Software Engineer, Delivery APIs",
            body=(
                "Hello,\n"
                "\n"
                "I applied for the Senior Software Engineer, Delivery APIs role last week and "
                "wanted to check where things stand. I built the carrier integrations at my "
                "current company (twelve carriers behind one API), which sounds close to what "
                "your delivery team does.\n"
                "\n"
                "I'd be glad to tell you more whenever it suits you.\n"
                "\n"
                "Best regards,\n"
                "Sam Rivera"
            ),
        ),
        FollowUpSent(
            "parcelwise-2",
            At(-9, 9, 15),
            to="Jonas Ek (Engineering Manager)",
            channel="LinkedIn",
        ),
    ),
)

KESTREL = Story(
    key="kestrel",
    company="Kestrel Security",
    role="Senior Backend Engineer, Detection Platform",
    history=((Status.WISHLIST, At(-5, 20, 10)),),
    location="Remote (EU)",
    url="https://example.com/careers/kestrel-security/senior-backend-engineer",
    source="Company site",
    salary=(85_000, 100_000, "EUR"),
    tags=("security", "remote", "stretch"),
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
    deadline=At(6, 23, 59),
    tasks=(TaskStory("Ask Lena at the meetup for a referral"),),
)

FERNHILL = Story(
    key="fernhill",
    company="Fernhill Games",
    role="Backend Engineer, Player Services",
    history=(
        (Status.APPLIED, At(-22, 19, 0)),
        (Status.SCREENING, At(-19, 10, 0)),
        (Status.INTERVIEWING, At(-16, 9, 30)),
        (Status.REJECTED, At(-9, 14, 45)),
    ),
    location="Remote (EU)",
    url="https://example.com/jobs/fernhill-games/backend-engineer-player-services",
    source="LinkedIn",
    salary=(60_000, 72_000, "EUR"),
    tags=("games", "remote"),
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
    interviews=(
        InterviewStory(
            key="fh-screen",
            starts=At(-17, 15, 0),
            minutes=30,
            kind=InterviewKind.PHONE_SCREEN,
            interviewers=(Person("Ruth Adeyemi", "ruth.adeyemi@fernhill.example"),),
            where="Phone",
            outcome="Through to the technical",
        ),
        InterviewStory(
            key="fh-tech",
            starts=At(-13, 11, 0),
            minutes=60,
            kind=InterviewKind.TECHNICAL,
            interviewers=(Person("Mikko Lahti", "mikko.lahti@fernhill.example"),),
            where="https://meet.example.com/fh-tech-9052",
            notes="Matchmaking-service design; many questions about their C# game servers.",
            outcome="Rejected: they went with someone with more C# game-server experience",
            thanked=At(-13, 16, 20),
        ),
    ),
)

ORBITAL = Story(
    key="orbital",
    company="Orbital Freight",
    role="Backend Engineer",
    history=(
        (Status.APPLIED, At(-20, 20, 15)),
        (Status.SCREENING, At(-16, 11, 30)),
        (Status.WITHDRAWN, At(-14, 18, 5)),
    ),
    location="Hamburg",
    url="https://example.com/careers/orbital-freight/backend-engineer",
    source="Company site",
    salary=(68_000, 80_000, "EUR"),
    tags=("logistics", "on-site"),
    notes=(
        "## Why I withdrew\n"
        "- Four office days a week in Hamburg, not hybrid as the post said\n"
        "- On call one week in three, unpaid\n"
        "- Sent a polite note; left the door open for a remote role later\n"
    ),
    interviews=(
        InterviewStory(
            key="ob-screen",
            starts=At(-15, 9, 30),
            minutes=30,
            kind=InterviewKind.PHONE_SCREEN,
            interviewers=(Person("Katrin Vogel", "katrin.vogel@orbitalfreight.example"),),
            where="Phone",
            notes="Learned about the office days and the on-call rota. Not for me.",
            outcome="I withdrew",
        ),
    ),
)

BLUE_HERON = Story(
    key="blue-heron",
    company="Blue Heron Studio",
    role="Full-stack Developer (Django)",
    history=(
        (Status.APPLIED, At(-40, 21, 30)),
        (Status.GHOSTED, At(-12, 10, 5)),
    ),
    location="Berlin",
    url="https://example.com/jobs/blue-heron-studio/full-stack-developer",
    source="Company site",
    salary=(58_000, 66_000, "EUR"),
    tags=("agency", "django", "berlin"),
    notes=(
        "## Timeline\n"
        "- Applied through their site, then two follow-ups to the hello@ inbox\n"
        "- Not a word back; marked ghosted and stopped chasing\n"
        "\n"
        "## If they ever reply\n"
        "- Only interesting if the role is mostly backend\n"
    ),
    followed_up=(
        FollowUpSent("blue-heron-1", At(-31, 9, 20), to="hello@blueheron.example"),
        FollowUpSent("blue-heron-2", At(-22, 9, 5), to="hello@blueheron.example"),
    ),
)

STORIES: tuple[Story, ...] = (
    NORTHWIND,
    COPPERLEAF,
    LUMEN,
    QUILLSTACK,
    TIDEWATER,
    BRIGHTWELL,
    MOSAIC,
    SALTBOX,
    PARCELWISE,
    KESTREL,
    FERNHILL,
    ORBITAL,
    BLUE_HERON,
)
