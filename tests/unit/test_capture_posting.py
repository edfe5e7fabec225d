"""Reading a job posting from its page: JSON-LD JobPosting in each shape pages use, else
OpenGraph and <title> (to be checked), else NoPosting; HTML descriptions kept as Markdown."""

import dataclasses
import html
import json
from datetime import date
from pathlib import Path

import pytest

from jobtui.io.capture.posting import NoPosting, Posting, html_to_markdown, read_posting
from tests.hostile import HOSTILE, HOSTILE_IDS

PAGES = Path(__file__).parent.parent / "data" / "postings"


def read(name: str) -> Posting:
    url = f"https://jobs.example.test/{name}"
    return read_posting((PAGES / f"{name}.html").read_text(encoding="utf-8"), url)


def test_a_greenhouse_hosted_page_twice_escaped_description_becomes_markdown():
    assert read("greenhouse") == Posting(
        url="https://jobs.example.test/greenhouse",
        role="Senior Backend Engineer",
        company="Kiebitz Labs",
        location="Berlin, Germany",
        date_posted=date(2026, 11, 2),
        employment_type="FULL_TIME",
        description=(
            "## About the role\n\n"
            "You will build our payments API & its ledger.\n\n"
            "- Python\n- PostgreSQL\n\n"
            "See [our values](https://kiebitz.example.test/values)."
        ),
        source="json-ld",
    )


def test_a_workday_like_graph_with_a_salary_range_and_two_places():
    assert read("workday-graph") == Posting(
        url="https://jobs.example.test/workday-graph",
        role="Staff Data Engineer",
        company="Möwe AG",
        location="Hamburg, Germany; Wien, Austria",
        salary_min=85000,
        salary_max=105000,
        salary_currency="EUR",
        salary_unit="YEAR",
        deadline=date(2026, 12, 31),
        date_posted=date(2026, 10, 30),
        employment_type="FULL_TIME, CONTRACTOR",
        description="Own our data platform.\n\n### You bring\n\n- Spark\n- dbt",
        source="json-ld",
    )


def test_a_list_at_the_top_inside_a_comment_with_a_single_salary_value():
    assert read("list-top") == Posting(
        url="https://jobs.example.test/list-top",
        role="Frontend Developer",
        company="Reiher GmbH",
        location="München, Bayern, DE",
        salary_min=4800,
        salary_max=4800,
        salary_currency="EUR",
        salary_unit="MONTH",
        deadline=date(2027, 1, 15),
        date_posted=date(2026, 11, 20),
        employment_type="PART_TIME",
        description="We build maps.\nReact & TypeScript.\n\nApply by January.",
        source="json-ld",
    )


def test_a_remote_job_names_where_applicants_may_live():
    posting = read("remote")
    assert (posting.role, posting.company, posting.location) == (
        "Site Reliability Engineer",
        "Lerche",
        "Remote (Germany)",
    )
    assert (posting.salary_min, posting.salary_max, posting.salary_unit) == (65, 65, "HOUR")
    assert posting.description == "On call one week in six."


def test_a_broken_block_is_skipped_for_the_good_one_beside_it():
    posting = read("invalid-beside-good")
    assert (posting.role, posting.company, posting.source) == ("QA Engineer", "Specht", "json-ld")
    assert posting.location == "Remote (Köln, Germany)"
    assert posting.deadline == date(2026, 12, 20)
    assert posting.needs_check is False


def test_a_page_with_only_opengraph_is_read_and_flagged_for_checking():
    assert read("opengraph-only") == Posting(
        url="https://jobs.example.test/opengraph-only",
        role="Product Designer",
        company="Nordlicht GmbH",
        description="Design tools for wind farms & grids.",
        source="page title",
        needs_check=True,
    )


def test_a_page_with_only_a_title_splits_role_and_company():
    assert read("title-only") == Posting(
        url="https://jobs.example.test/title-only",
        role="Platform Engineer",
        company="Eisvogel & Partner",
        source="page title",
        needs_check=True,
    )


def test_a_page_with_no_posting_raises_one_line():
    with pytest.raises(NoPosting) as caught:
        read("nothing")
    assert "\n" not in str(caught.value) and "no job posting" in str(caught.value)
    with pytest.raises(ValueError):
        read_posting("", "https://jobs.example.test/empty")


@pytest.mark.parametrize(
    "title, role, company",
    [
        ("Backend Engineer - Acme", "Backend Engineer", "Acme"),
        ("Backend Engineer at Acme", "Backend Engineer", "Acme"),
        ("Backend Engineer | Acme", "Backend Engineer", "Acme"),
        ("Backend Engineer", "Backend Engineer", ""),
        ("Job Application for Backend Engineer at Acme", "Backend Engineer", "Acme"),
    ],
)
def test_page_titles_are_split_sensibly(title, role, company):
    posting = read_posting(f"<title>{html.escape(title)}</title>", "https://x.test/")
    assert (posting.role, posting.company) == (role, company)


def test_the_site_name_is_the_company_and_is_dropped_from_the_role():
    page = (
        '<meta property="og:title" content="Data Analyst at Kranich">'
        '<meta property="og:site_name" content="Kranich">'
    )
    posting = read_posting(page, "https://x.test/")
    assert (posting.role, posting.company) == ("Data Analyst", "Kranich")


def job_page(job: dict) -> str:
    block = json.dumps({"@context": "https://schema.org", "@type": "JobPosting", **job})
    return f'<html><head><script type="application/ld+json">{block}</script></head></html>'


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=HOSTILE_IDS)
def test_hostile_text_in_the_title_survives_exactly_as_data(text):
    from_json = read_posting(job_page({"title": text, "hiringOrganization": text}), "u")
    assert (from_json.role, from_json.company) == (text, text)
    from_title = read_posting(f"<title>{html.escape(text)}</title>", "u")
    assert from_title.role == text


def test_json_ld_variants_type_list_organization_string_country_object_min_only():
    posting = read_posting(
        job_page(
            {
                "@type": ["Thing", "JobPosting"],
                "title": "Dev &amp; Ops",
                "hiringOrganization": "Star",
                "jobLocation": {"address": {"addressCountry": {"name": "France"}}},
                "baseSalary": {"currency": "USD", "value": {"minValue": "70,000"}},
                "validThrough": "not a date",
            }
        ),
        "u",
    )
    assert (posting.role, posting.company, posting.location) == ("Dev & Ops", "Star", "France")
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (70000, None, "USD")
    assert posting.deadline is None


def test_a_posting_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Posting(url="u").role = "x"  # type: ignore[misc]


def test_html_to_markdown_keeps_lists_links_headings_and_decodes_entities():
    markdown = html_to_markdown(
        "<h1>Team</h1><script>alert(1)</script><style>p { color: red }</style>"
        "<p>Fish &amp; chips &lt;3   </p><br><br><br>"
        '<ol><li>First</li><li><a href="https://example.test/a?b=1&amp;c=2">Second</a></li></ol>'
        "<h3>Perks</h3><ul><li>Bike</li><li>Lunch</li></ul>"
    )
    assert markdown == (
        "# Team\n\n"
        "Fish & chips <3\n\n"
        "1. First\n2. [Second](https://example.test/a?b=1&c=2)\n\n"
        "### Perks\n\n"
        "- Bike\n- Lunch"
    )
    assert html_to_markdown("") == "" and html_to_markdown("  \n ") == ""


def test_a_job_posting_without_its_company_takes_it_from_the_page_and_asks_for_a_check():
    page = job_page({"title": "Nurse"}).replace(
        "<head>", '<head><meta property="og:site_name" content="Klinik Nord">'
    )
    posting = read_posting(page, "u")
    assert (posting.role, posting.company, posting.source) == ("Nurse", "Klinik Nord", "json-ld")
    assert posting.needs_check is True
    assert read_posting(job_page({"title": "Nurse"}), "u").needs_check is True
    whole = read_posting(job_page({"title": "Nurse", "hiringOrganization": "Klinik"}), "u")
    assert whole.needs_check is False


@pytest.mark.parametrize(
    "page, role",
    [
        ('<script type="application/ld+json">{"@type": "JobPosting", "title": "Cut"}', "Cut"),
        ("<svg><title>icon</title></svg><title>Real - Co</title>", "Real"),
        ("<![bogus]><title>After</title>", "After"),
        ("<title>Cut sho", "Cut sho"),
    ],
)
def test_pages_cut_short_or_odd_are_still_read(page, role):
    assert read_posting(page, "u").role == role


@pytest.mark.parametrize(
    "block",
    [
        '{"@type": "JobPosting", "title": "Odd", "baseSalary": {"value": NaN}}',
        '{"@type": "JobPosting", "title": "Odd", "baseSalary": {"value": {"minValue": "inf"}}}',
        '{"@type": "JobPosting", "title": "Odd", "baseSalary": {"value": 1e400}}',
        '{"@type": "JobPosting", "title": "Odd", "hiringOrganization": '
        + "[" * 5000
        + "]" * 5000
        + "}",
    ],
)
def test_impossible_numbers_and_deep_nesting_are_not_read(block):
    page = f'<title>Odd</title><script type="application/ld+json">{block}</script>'
    posting = read_posting(page, "u")
    assert posting.role == "Odd"
    assert (posting.salary_min, posting.salary_max) == (None, None)


def test_a_json_ld_nested_too_deep_to_parse_falls_back_to_the_title():
    page = '<title>Deep</title><script type="application/ld+json">' + "[" * 100000 + "</script>"
    assert read_posting(page, "u").source == "page title"
