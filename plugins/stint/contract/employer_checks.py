"""Is the employer who they say they are? Warnings for the editor, never errors.

- ``apply-domain-differs``: applications go to another registrable domain than the
  organisation's website, and not to a known applicant-tracking system;
- ``lookalike-domain``: a domain that is nearly a well-known one (a letter or two off, or the
  same once look-alike characters such as ``rn``/``m`` or ``0``/``o`` are swapped);
- ``free-mail-apply``: applications go to a free e-mail provider.

Registrable domains come from the Public Suffix List (``publicsuffixlist`` ships it, so no
fetch at run time). Host names are ASCII here: the board's rules already refuse non-Latin and
``xn--`` hosts as errors, so look-alike letters from other scripts never reach these checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from stint.contract.data_files import data_file
from stint.contract.loading import Document
from stint.contract.problems import WARNING, FieldPath, Problem, dotted

# Pairs that look alike in most fonts, written as what they imitate.
LOOKALIKES = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("0", "o"), ("1", "l"), ("i", "l"), ("5", "s"), ("3", "e"), ("4", "a"), ("8", "b"))
# Words fraudsters add to a brand: google-careers.com, jobs-paypal.net.
JOB_WORDS = {
    "careers",
    "career",
    "jobs",
    "job",
    "hiring",
    "hire",
    "recruit",
    "recruiting",
    "recruitment",
    "talent",
    "hr",
    "apply",
    "work",
    "intern",
    "internship",
}


@dataclass(frozen=True)
class Domain:
    """Where a posting points: the field, the host as written, and its registrable domain."""

    path: FieldPath
    host: str
    registrable: str

    @property
    def label(self) -> str:
        """The registrable domain without its public suffix: ``northwind`` of ``northwind.co.uk``."""
        return self.registrable[: -len(_suffixes().publicsuffix(self.registrable)) - 1]


def employer_warnings(document: Document) -> list[Problem]:
    """The employer checks of one posting that passed every rule, as located warnings."""
    data = document.data
    organization, apply = _domains(data)
    found = [*_apply_domain(data, organization, apply), *_lookalikes(organization, apply), *_free_mail(data, apply)]
    return [Problem(document.file, *document.mark(path), dotted(path), code, message, WARNING) for path, code, message in found]


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # the list bundled with the package: no network


def _domain(path: FieldPath, host: str | None) -> Domain | None:
    host = (host or "").lower().rstrip(".")
    registrable = _registrable(host) if host else None
    return Domain(path, host, registrable) if registrable else None


@lru_cache(maxsize=65536)
def _registrable(host: str) -> str | None:
    """The registrable domain; cached, since a board's postings share few hosts."""
    return _suffixes().privatesuffix(host)


def _domains(data: dict[str, Any]) -> tuple[Domain | None, Domain | None]:
    """(the organisation's website, where applications go)."""
    organization = _domain(("organization", "url"), urlsplit(data["organization"].get("url", "")).hostname)
    apply = data["apply"]
    if "url" in apply:
        return organization, _domain(("apply", "url"), urlsplit(apply["url"]).hostname)
    return organization, _domain(("apply", "email"), apply["email"].rpartition("@")[2])


def _apply_domain(data: dict[str, Any], organization: Domain | None, apply: Domain | None) -> Iterator[tuple[FieldPath, str, str]]:
    if organization is None or apply is None or apply.registrable == organization.registrable:
        return
    if _tracking_system(apply.host) or _is_free_mail(apply):
        return
    name = data["organization"]["name"]
    yield (
        apply.path,
        "apply-domain-differs",
        f"applications go to {apply.registrable}, but the organisation's website is {organization.registrable}: "
        f"check that {name} really recruits through {apply.registrable} (for example, that {organization.registrable}'s "
        "own careers page links to it) before merging",
    )


def _tracking_system(host: str) -> str | None:
    """The applicant-tracking system a host belongs to, if it is a known one."""
    for system, domains in data_file("ats-hosts.yaml").items():
        if any(host == domain or host.endswith("." + domain) for domain in domains):
            return system
    return None


def _lookalikes(organization: Domain | None, apply: Domain | None) -> Iterator[tuple[FieldPath, str, str]]:
    seen: set[str] = set()
    for domain in (organization, apply):
        if domain is None or domain.registrable in seen:
            continue
        seen.add(domain.registrable)
        imitated = imitates(domain)
        if imitated:
            yield (
                domain.path,
                "lookalike-domain",
                f"{domain.registrable} looks like {imitated} but is not it: check that this is the organisation's real "
                f"domain (look it up independently, not through this posting) and not an imitation of {imitated}",
            )


def imitates(domain: Domain) -> str | None:
    """The well-known domain that ``domain`` nearly is, if any."""
    return _imitated(domain.registrable, domain.label)


@lru_cache(maxsize=65536)
def _imitated(registrable: str, label: str) -> str | None:
    known = _known()
    if registrable in known.domains:
        return None
    found = known.by_label.get(label) or known.by_skeleton.get(_skeleton(label))  # paypal.co; rnicrosoft.com
    words = label.split("-")
    brands = [word for word in words if word in known.by_label]
    if not found and len(words) > 1 and len(brands) == 1 and set(words) - set(brands) <= JOB_WORDS:
        found = known.by_label[brands[0]]  # google-careers.com
    if not found:
        nearest = process.extract(label, known.labels, scorer=DamerauLevenshtein.distance, score_cutoff=2, limit=None)
        found = next((known.by_label[name] for name, distance, _index in nearest if distance <= _allowed(name)), None)
    return found


def _allowed(known_label: str) -> int:
    """Letters a label may be off from a known one: none for short names, one letter from many real ones."""
    return 0 if len(known_label) <= 4 else 1 if len(known_label) <= 8 else 2


@dataclass(frozen=True)
class _KnownDomains:
    domains: frozenset[str]
    by_label: dict[str, str]
    by_skeleton: dict[str, str]
    labels: list[str]


@cache
def _known() -> _KnownDomains:
    """The well-known domains, indexed once: by label, by look-alike skeleton, and as labels to measure."""
    domains = data_file("well-known-domains.yaml")
    by_label = {Domain((), domain, domain).label: domain for domain in reversed(domains)}  # the first listed wins
    return _KnownDomains(frozenset(domains), by_label, {_skeleton(label): domain for label, domain in by_label.items()}, list(by_label))


def _skeleton(label: str) -> str:
    for lookalike, original in LOOKALIKES:
        label = label.replace(lookalike, original)
    return label.replace("-", "")


def _is_free_mail(domain: Domain) -> bool:
    providers = _free_mail_providers()
    return domain.path == ("apply", "email") and (domain.host in providers or domain.registrable in providers)


@cache
def _free_mail_providers() -> frozenset[str]:
    return frozenset(data_file("free-mail-providers.yaml"))


def _free_mail(data: dict[str, Any], apply: Domain | None) -> Iterator[tuple[FieldPath, str, str]]:
    if apply is None or not _is_free_mail(apply):
        return
    name = data["organization"]["name"]
    yield (
        apply.path,
        "free-mail-apply",
        f"applications go to a free e-mail address ({apply.host}) that anyone can open: check that its owner speaks for "
        f"{name}, for example by writing to them from an address on the organisation's own domain",
    )
