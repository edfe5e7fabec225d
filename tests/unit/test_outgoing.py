"""Reading a draft back into subject and body, and who a message goes to."""

from datetime import datetime

from dateutil import tz

from jobtui.core.model import Contact, Interview, Person
from jobtui.core.outgoing import addresses, outgoing, split_message

AT = datetime(2026, 11, 25, 14, tzinfo=tz.gettz("Europe/Berlin"))


def test_a_draft_splits_into_subject_and_body_exactly():
    text = "Subject: Thank you — Café & Co ?#%\n\nHi Ana,\n\n  indented\nBest,\nSam\n"
    assert split_message(text) == ("Thank you — Café & Co ?#%", "Hi Ana,\n\n  indented\nBest,\nSam")


def test_without_a_subject_line_all_of_it_is_the_body():
    assert split_message("Hi Ana,\nthanks\n") == ("", "Hi Ana,\nthanks")
    assert split_message("subject: lower case works too\nBody") == ("lower case works too", "Body")
    assert split_message("Subject: only a subject") == ("only a subject", "")
    assert split_message("") == ("", "")


def interview(*people: Person) -> Interview:
    return Interview(application_id="a", starts_at=AT, interviewers=list(people))


def test_the_interviewers_emails_come_first_without_duplicates():
    iv = interview(
        Person("Ana", "ana@acme.example"), Person("Bo"), Person("Ana L", "ANA@acme.example")
    )
    contacts = [Contact("Rita", email="rita@acme.example")]
    assert addresses(iv, contacts) == ("ana@acme.example",)


def test_the_contacts_when_no_interviewer_has_an_address():
    contacts = [
        Contact("Rita", email="rita@acme.example"),
        Contact("Tom"),
        Contact("Uma", email="u@x.example"),
    ]
    assert addresses(interview(Person("Bo")), contacts) == ("rita@acme.example", "u@x.example")
    assert addresses(None, contacts) == ("rita@acme.example", "u@x.example")
    assert addresses(None, []) == ()


def test_outgoing_joins_both():
    message = outgoing("Subject: S\n\nB", interview(Person("Ana", "a@x.example")), [])
    assert (message.to, message.subject, message.body, message.names) == (
        ("a@x.example",),
        "S",
        "B",
        "a@x.example",
    )


def test_the_people_a_letter_greets_come_first():
    rita = Contact("Rita", email="rita@acme.example")
    iv = interview(Person("Ana", "ana@acme.example"))
    assert addresses(iv, [rita], greeted=[rita]) == ("rita@acme.example",)
    # Greeted, but nobody greeted has an address: the usual order.
    assert addresses(iv, [rita], greeted=[Contact("Tom")]) == ("ana@acme.example",)
