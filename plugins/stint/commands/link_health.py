"""Fetching links politely: what a server answered, hop by hop, with no opinion on it.

The board asks thousands of other people's servers about their pages every day, so it
behaves: at most two requests at a time to any one host and a bounded number overall,
timeouts for connecting and in total, backoff on 429 and 503 (honouring ``Retry-After``,
within a cap), a User-Agent that says who is asking, and never more of a body than a cap.
``link_verdicts`` turns what is fetched here into a verdict.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver

# Who is asking and where to read about it (the board's site) or complain (its repository).
USER_AGENT = (
    "stint-linkcheck/1.0 (+https://stint-board.github.io/stint/; the stint micro-internship board checking its apply links; "
    "https://github.com/stint-board/stint)"
)
READABLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
REDIRECTS = (301, 302, 303, 307, 308)
BACKOFF = (429, 503)


@dataclass(frozen=True)
class Politeness:
    """How hard the checker may press on other people's servers."""

    per_host: int = 2
    overall: int = 64
    connect_timeout: float = 10.0
    total_timeout: float = 30.0  # one request: connecting, headers and the (capped) body
    retries: int = 2  # after the first try, on 429 and 503 only
    backoff: float = 2.0  # seconds before the first retry when the server names no time
    retry_after_cap: float = 60.0  # a server asking for an hour gets a minute, then counts as unreachable
    body_cap: int = 512 * 1024
    max_redirects: int = 10
    user_agent: str = USER_AGENT


DEFAULT = Politeness()


@dataclass
class Fetch:
    """What happened when one link was followed: the hops, the last answer, or the failure."""

    url: str
    hops: list[tuple[str, int]] = field(default_factory=list)  # (address, status) of every answer
    final_url: str = ""
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    error: str | None = None  # no-such-host, dns, tls, connect, timeout, redirect-loop, too-many-redirects, broken
    detail: str = ""
    attempts: int = 0
    retry_after: float | None = None


T = TypeVar("T")


def _itself(fetch: Fetch) -> Any:
    return fetch


class _HostGate:
    """At most ``per_host`` requests in flight to one host, and a time before which none starts."""

    def __init__(self, per_host: int):
        self.slots = asyncio.Semaphore(per_host)
        self.resume_at = 0.0

    async def wait_turn(self) -> None:
        await self.slots.acquire()
        delay = self.resume_at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)


class LinkFetcher:
    """Fetches many links at once within one ``Politeness``; use as ``async with``."""

    def __init__(self, politeness: Politeness = DEFAULT, resolver: AbstractResolver | None = None):
        self.politeness = politeness
        self.resolver = resolver
        self.gates: dict[str, _HostGate] = {}
        self.overall = asyncio.Semaphore(politeness.overall)

    async def __aenter__(self) -> LinkFetcher:
        polite = self.politeness
        connector = aiohttp.TCPConnector(limit=polite.overall, limit_per_host=polite.per_host, resolver=self.resolver, ttl_dns_cache=600)
        self.session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(total=polite.total_timeout, connect=polite.connect_timeout),
            headers={"User-Agent": polite.user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"},
            cookie_jar=aiohttp.CookieJar(),  # some sites redirect in circles until a cookie comes back
            auto_decompress=True,  # the cap counts decompressed bytes, so a zip bomb stays small
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.session.close()

    async def fetch(self, url: str) -> Fetch:
        """Follow ``url`` through its redirects, one hop at a time (each hop waits for its own host)."""
        result = Fetch(url)
        seen: set[str] = set()
        current = url
        while True:
            if current in seen:
                return _failed(result, "redirect-loop", f"the redirects lead back to {current}")
            if len(seen) > self.politeness.max_redirects:
                return _failed(result, "too-many-redirects", f"more than {self.politeness.max_redirects} redirects")
            seen.add(current)
            status, location = await self._answer(current, result)
            if result.error or status not in REDIRECTS:
                return result
            if not location:
                return _failed(result, "broken", f"a {status} redirect without an address to go to")
            current = urljoin(current, location)
            if urlsplit(current).scheme not in ("http", "https"):
                return _failed(result, "broken", "a redirect to something that is not a web address")

    async def _answer(self, url: str, result: Fetch) -> tuple[int | None, str | None]:
        """One address, retried on 429 and 503 with backoff; records the final answer in ``result``."""
        gate = self.gates.setdefault((urlsplit(url).hostname or "").lower(), _HostGate(self.politeness.per_host))
        for attempt in range(self.politeness.retries + 1):
            result.attempts += 1
            await gate.wait_turn()
            try:
                async with self.overall:
                    status, location = await self._request(url, result)
            finally:
                gate.slots.release()
            if result.error or status not in BACKOFF or attempt == self.politeness.retries:
                return status, location
            delay = self._delay(attempt, result.retry_after)
            gate.resume_at = max(gate.resume_at, time.monotonic() + delay)  # the whole host slows down, not one link
        return None, None  # unreachable: the loop always returns

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        polite = self.politeness
        wanted = retry_after if retry_after is not None else polite.backoff * 2**attempt * random.uniform(0.8, 1.2)
        return min(max(wanted, 0.0), polite.retry_after_cap)

    async def _request(self, url: str, result: Fetch) -> tuple[int | None, str | None]:
        try:
            async with self.session.get(url, allow_redirects=False) as response:
                result.final_url, result.status = url, response.status
                result.hops.append((url, response.status))
                result.content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
                result.retry_after = _retry_after(response.headers.get("Retry-After"))
                result.body = await self._body(response) if response.status == 200 else b""
                return response.status, response.headers.get("Location")
        except Exception as error:  # every failure becomes evidence; none may stop the run
            result.final_url = url
            _failed(result, *_failure(error))
            return None, None

    async def _body(self, response: aiohttp.ClientResponse) -> bytes:
        """At most ``body_cap`` bytes of a readable page; the rest is never downloaded."""
        if response.content_type and not response.content_type.startswith(READABLE_TYPES):
            return b""
        chunks, size = [], 0
        async for chunk in response.content.iter_chunked(64 * 1024):
            chunks.append(chunk[: self.politeness.body_cap - size])
            size += len(chunks[-1])
            if size >= self.politeness.body_cap:
                response.close()  # drop the connection rather than drain the rest
                break
        return b"".join(chunks)

    async def fetch_all(self, urls: Iterable[str], then: Callable[[Fetch], T]) -> dict[str, T]:
        """Each address once; ``then`` turns each fetch into what is kept, as soon as it is done
        (so 10,000 page bodies are never held at once)."""
        unique = list(dict.fromkeys(urls))

        async def one(url: str) -> T:
            return then(await self.fetch(url))

        return dict(zip(unique, await asyncio.gather(*(one(url) for url in unique)), strict=True))


def fetch_links(
    urls: Iterable[str], politeness: Politeness = DEFAULT, resolver: AbstractResolver | None = None, then: Callable[[Fetch], T] = _itself
) -> dict[str, T]:
    """Fetch every link (each once) and return what happened, by address, passed through ``then``."""

    async def run() -> dict[str, T]:
        async with LinkFetcher(politeness, resolver) as fetcher:
            return await fetcher.fetch_all(urls, then)

    return asyncio.run(run())


def _failed(result: Fetch, error: str, detail: str) -> Fetch:
    result.error, result.detail, result.body = error, detail, b""
    return result


def _failure(error: BaseException) -> tuple[str, str]:
    """A transport failure as (kind, words): only a host that does not exist, or bad TLS, says 'gone'."""
    if isinstance(error, aiohttp.ClientConnectorDNSError):
        cause = error.os_error
        if isinstance(cause, socket.gaierror) and cause.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5)):
            return "no-such-host", "no such host: the domain name does not resolve"
        return "dns", f"the name could not be looked up now ({cause})"
    if isinstance(error, aiohttp.ClientConnectorCertificateError | aiohttp.ClientSSLError):
        return "tls", f"TLS failure: {_short(error)}"
    if isinstance(error, TimeoutError | asyncio.TimeoutError | aiohttp.ServerTimeoutError):
        return "timeout", "no complete answer within the time limit"
    if isinstance(error, aiohttp.ClientConnectorError):
        return "connect", f"could not connect: {_short(error)}"
    return "broken", f"the connection failed: {type(error).__name__}: {_short(error)}"


def _short(error: BaseException) -> str:
    return str(error)[:200]


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
