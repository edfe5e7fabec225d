"""Is this row already stored? URLs as matching keys, and an index of applications by URL
and by company and role."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from jobtui.core.model import Application
from jobtui.io.importing.formats import words


def normalize_url(url: str) -> str:
    """A URL as a matching key: no scheme, host lower-cased without "www.", no trailing slash.

    Tracking parameters (utm_*, trk, refId, ...) and the fragment are dropped; other query
    parameters are kept (sorted), because some sites name the posting only there
    (indeed.com/viewjob?jk=..., greenhouse ?gh_jid=...).
    """
    text = url.strip()
    if not text:
        return ""
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking_param(k)
    ]
    return urlunsplit(("", host, path, urlencode(sorted(query)), ""))


# Query parameters that say where a click came from, not which posting it is.
_TRACKING = set(
    words(
        "trk, trackingid, refid, ref, src, source, gclid, fbclid, mc_cid, mc_eid, lipi, eby, "
        "from, origin, alternatechannel, ebp, ebc"
    )
)


def _is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in _TRACKING


def _name_key(text: str) -> str:
    return " ".join(text.casefold().split())


class Index:
    """Applications looked up by URL+role and by company+role, for duplicate checks."""

    def __init__(self) -> None:
        self.by_url: dict[tuple[str, str], list[tuple[Application, Any]]] = {}
        self.by_name: dict[tuple[str, str], list[tuple[Application, Any]]] = {}

    def add(self, app: Application, tag: Any) -> None:
        role = _name_key(app.role)
        if url := normalize_url(app.url):
            self.by_url.setdefault((url, role), []).append((app, tag))
        self.by_name.setdefault((_name_key(app.company), role), []).append((app, tag))

    def find(self, app: Application) -> tuple[Any, str] | None:
        """(tag of the matching application, why it matches), or None.

        Same URL and role first. A careers-page link shared by several roles is not a match,
        so the role must agree. Else the same company and role on the same applied date;
        an unknown date on either side matches any date.
        """
        role = _name_key(app.role)
        if url := normalize_url(app.url):
            hits = self.by_url.get((url, role))
            if hits:
                return hits[0][1], "same URL"
        for other, tag in self.by_name.get((_name_key(app.company), role), []):
            if app.applied_on is None or other.applied_on is None:
                return tag, "same company and role"
            if app.applied_on == other.applied_on:
                return tag, "same company, role and date"
        return None
