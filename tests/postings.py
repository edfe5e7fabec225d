"""Job posting pages for the capture tests: a schema.org JobPosting as a page's JSON-LD."""

from __future__ import annotations

import json


def page_with(posting: dict) -> str:
    """A page holding ``posting`` (the JobPosting's fields; @context and @type are added
    when missing) as JSON-LD."""
    data = {"@context": "https://schema.org", "@type": "JobPosting", **posting}
    return (
        "<html><head><script type='application/ld+json'>"
        + json.dumps(data)
        + "</script></head><body>hi</body></html>"
    )
