"""Capturing a job posting from the web: fetching, reading the page, the applicant-tracking
systems' APIs."""
