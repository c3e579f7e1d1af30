"""N varied, valid, distinct postings for the benchmark, written as listings/<slug>.yaml."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from stint.contract.vocabulary import FIELD_LABELS, INTERNATIONAL_LABELS, LEVEL_LABELS, labels

FIELDS = list(FIELD_LABELS)
ROUTES = list(INTERNATIONAL_LABELS)
LEVELS = list(LEVEL_LABELS)
PAID_PER = list(labels("compensation.per"))
PLACES = [
    ("Leeds", "GB"),
    ("Oslo", "NO"),
    ("Toronto", "CA"),
    ("Austin", "US"),
    ("Melbourne", "AU"),
    ("Dublin", "IE"),
    ("Pune", "IN"),
    ("Berlin", "DE"),
]
CURRENCIES = ["USD", "GBP", "EUR", "AUD", "CAD", "INR", "NOK"]
VERBS = ["Analyse", "Design", "Prototype", "Research", "Audit", "Document", "Plan", "Test", "Map", "Survey"]
OBJECTS = [
    "customer interviews",
    "a pricing page",
    "onboarding emails",
    "a donor database",
    "sensor readings",
    "a sales pipeline",
    "payroll records",
    "a brand refresh",
    "API samples",
    "a hiring process",
]
PARAGRAPH = (
    "You will work with a mentor from our team on a well-scoped project with a clear deliverable. "
    "We meet twice a week, review your progress, and help you present the result at the end.\n\n"
    "- Week one: understand the problem and agree the plan\n- Week two: do the work and share drafts\n"
    "- Final days: polish and present what you found\n\nRead more at [our site](https://org{org}.example/about).\n"
)


def _dates(rng: random.Random, today: dt.date, closed: bool) -> tuple[dt.date, dt.date]:
    """Posted and apply_by. A closed posting's deadline passed up to four years ago: a board
    that has lived for years keeps every posting it published."""
    if closed:
        apply_by = today - dt.timedelta(days=rng.randint(1, 4 * 365))
        return apply_by - dt.timedelta(days=rng.randint(0, 60)), apply_by
    posted = today - dt.timedelta(days=rng.randint(0, 60))
    return posted, posted + dt.timedelta(days=rng.randint(0, 120))


def posting_yaml(index: int, rng: random.Random, today: dt.date, closed: bool = False) -> str:
    org = index // 3  # three postings per organisation, with distinct titles
    fields = rng.sample(FIELDS, rng.randint(1, 3))
    posted, apply_by = _dates(rng, today, closed)
    weeks = rng.choice(["2", "3", "4", "{min: 2, max: 4}", "{min: 1, max: 2}", "6"])
    hours = rng.choice(["10", "15", "20", "{min: 10, max: 20}", "{min: 20, max: 35}", "8"])
    if rng.random() < 0.85:
        pay = f"{{type: paid, amount: {rng.randint(10, 3000)}, currency: {rng.choice(CURRENCIES)}, per: {rng.choice(PAID_PER)}}}"
    else:
        pay = "{type: unpaid, travel_expenses_covered: true}"
    mode = rng.choice(["remote", "remote", "hybrid", "on-site"])
    if mode == "remote":
        location = (
            f"{{mode: remote, countries: [{', '.join(rng.sample(['US', 'CA', 'GB', 'IE', 'AU', 'NZ', 'IN', 'DE'], rng.randint(1, 3)))}]}}"
        )
    else:
        city, country = rng.choice(PLACES)
        location = f"{{mode: {mode}, city: {city}, country: '{country}'}}"
    routes = rng.sample(ROUTES, rng.randint(0, 3))
    levels = rng.sample(LEVELS, rng.randint(0, 2))
    return (
        f"title: {VERBS[index % 10]} {OBJECTS[(index // 10 + index) % 10]} (project {index})\n"
        f"organization: {{name: Organisation {org}, url: 'https://org{org}.example'}}\n"
        f"host: {'alumni' if index % 7 == 0 else 'employer'}\n"
        f"fields: [{', '.join(fields)}]\n"
        f"summary: A focused project for a student, number {index}, with a mentor and a clear deliverable.\n"
        f"description: |\n"
        + "".join(f"  {line}\n" if line else "\n" for line in PARAGRAPH.format(org=org).splitlines())
        + f"duration_weeks: {weeks}\nhours_per_week: {hours}\ncompensation: {pay}\nlocation: {location}\n"
        f"eligibility: {{levels: [{', '.join(levels)}], international_students: [{', '.join(routes)}]}}\n"
        f"academic_credit: {'true' if index % 4 == 0 else 'false'}\n"
        f"posted: '{posted.isoformat()}'\napply_by: '{apply_by.isoformat()}'\n"
        f"apply: {{url: 'https://org{org}.example/jobs/{index}'}}\n"
        f"tags: [project-{index % 50}, students]\n"
    )


def write_postings(folder: Path, count: int, today: dt.date, seed: int = 7, closed_share: float = 0.0) -> list[Path]:
    """``closed_share`` of the postings (every n-th, spread evenly) had their deadline pass
    before ``today``. With the default 0 the postings are those of earlier benches, byte for byte."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"posting-{index:05d}.yaml"
        closed = int((index + 1) * closed_share) > int(index * closed_share)
        path.write_text(posting_yaml(index, rng, today, closed), encoding="utf-8")
        paths.append(path)
    return paths
