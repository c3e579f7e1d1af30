"""The link checker against a real HTTP server on 127.0.0.1: one route per case, real sockets, no mocks."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from link_server import LinkServer, busy_once, huge, page, redirect, serving, slow, trickle, untrusted_tls
from stint.commands.link_health import USER_AGENT, Politeness, fetch_links
from stint.commands.link_verdicts import CLOSED, GONE, MOVED, OK, SENT_ELSEWHERE, UNREACHABLE, LinkCheck, classify

# Short limits keep the suite fast; the behaviour is the same at the defaults.
QUICK = Politeness(connect_timeout=2, total_timeout=1.5, retries=2, backoff=0.1, retry_after_cap=0.3, body_cap=64 * 1024)

ROUTES = {
    "/ok": page("Apply for the data internship"),
    "/old-job": redirect("/older-job"),
    "/older-job": redirect("/jobs/customer-research-intern"),
    "/jobs/customer-research-intern": page("Customer research intern: apply below"),
    "/jobs/data-intern-42": redirect("/careers/", 302),
    "/careers/": page("Join us! See all our open roles."),
    "/missing": lambda handler: handler.send(404, b"no"),
    "/removed": lambda handler: handler.send(410, b"gone"),
    "/filled": page("<h1>Data intern</h1><p>Thanks for your interest! This position has been filled. See our other roles.</p>"),
    "/besetzt": page("<p>Vielen Dank. Diese Stelle wurde bereits besetzt.</p>"),
    "/busy": busy_once("1"),
    "/always-busy": lambda handler: handler.send(429, b"slow down", {"Retry-After": "3600"}),
    "/down": lambda handler: handler.send(503, b"maintenance"),
    "/slow-body": trickle(5),
    "/huge": huge(50),
    "/loop-a": redirect("/loop-b", 302),
    "/loop-b": redirect("/loop-a", 302),
    "/script-only": page("<script>var s = 'This position has been filled';</script><p>Apply now</p>"),
}


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    with serving(ROUTES) as running:
        yield running


def check(url: str, politeness: Politeness = QUICK) -> LinkCheck:
    return classify(fetch_links([url], politeness)[url])


def test_ok(server: LinkServer) -> None:
    result = check(server.url("/ok"))
    assert (result.verdict, result.status, result.final_url) == (OK, 200, server.url("/ok"))


def test_a_chain_of_permanent_redirects_is_moved_with_the_new_address(server: LinkServer) -> None:
    result = check(server.url("/old-job"))
    assert result.verdict == MOVED
    assert result.suggestion == result.final_url == server.url("/jobs/customer-research-intern")
    assert result.status == 200


def test_a_job_redirected_to_the_careers_root_was_sent_elsewhere(server: LinkServer) -> None:
    result = check(server.url("/jobs/data-intern-42"))
    assert (result.verdict, result.final_url) == (SENT_ELSEWHERE, server.url("/careers/"))


@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/removed", 410)])
def test_404_and_410_are_gone(server: LinkServer, path: str, status: int) -> None:
    result = check(server.url(path))
    assert (result.verdict, result.status) == (GONE, status)
    assert str(status) in result.detail


def test_a_soft_404_is_a_closed_page_with_the_sentence(server: LinkServer) -> None:
    result = check(server.url("/filled"))
    assert (result.verdict, result.status) == (CLOSED, 200)
    assert result.sentence == "This position has been filled."


def test_closed_phrases_in_other_languages(server: LinkServer) -> None:
    assert check(server.url("/besetzt")).sentence == "Diese Stelle wurde bereits besetzt."


def test_text_inside_scripts_is_not_read(server: LinkServer) -> None:
    assert check(server.url("/script-only")).verdict == OK


def test_429_with_retry_after_waits_then_succeeds(server: LinkServer) -> None:
    started = time.monotonic()
    result = check(server.url("/busy"), Politeness(retry_after_cap=5, total_timeout=3))
    assert (result.verdict, result.attempts) == (OK, 2)
    assert time.monotonic() - started >= 1.0  # the server asked for a second


def test_retry_after_is_capped_and_persistent_429_is_unreachable(server: LinkServer) -> None:
    started = time.monotonic()
    result = check(server.url("/always-busy"))
    assert (result.verdict, result.status, result.attempts) == (UNREACHABLE, 429, 3)
    assert time.monotonic() - started < 3  # an hour asked for, 0.3 s given (twice)


def test_503_is_unreachable_never_gone(server: LinkServer) -> None:
    result = check(server.url("/down"))
    assert (result.verdict, result.status, result.attempts) == (UNREACHABLE, 503, 3)


def test_a_slow_body_trips_the_total_timeout(server: LinkServer) -> None:
    started = time.monotonic()
    result = check(server.url("/slow-body"))
    assert result.verdict == UNREACHABLE and "time limit" in result.detail
    assert time.monotonic() - started < 3


def test_a_huge_body_is_read_only_up_to_the_cap(server: LinkServer) -> None:
    url = server.url("/huge")
    started = time.monotonic()
    fetched = fetch_links([url], QUICK)[url]
    assert len(fetched.body) == QUICK.body_cap
    assert classify(fetched).verdict == OK
    assert time.monotonic() - started < 1.5  # 50 MB were on offer


def test_a_redirect_loop_is_gone(server: LinkServer) -> None:
    result = check(server.url("/loop-a"))
    assert result.verdict == GONE and "lead back" in result.detail


def test_an_unresolvable_host_is_gone() -> None:
    result = check("https://no-such-employer.invalid/jobs/1")
    assert (result.verdict, result.status) == (GONE, None)
    assert "no such host" in result.detail


def test_a_certificate_nobody_trusts_is_a_tls_failure(tmp_path: Path) -> None:
    with serving({"/ok": page("fine")}, tls=untrusted_tls(tmp_path)) as tls_server:
        result = check(tls_server.url("/ok", scheme="https"))
    assert result.verdict == GONE and result.detail.startswith("TLS failure")


def test_https_spoken_to_a_plain_http_server_is_a_tls_failure(server: LinkServer) -> None:
    result = check(server.url("/ok", scheme="https"))
    assert result.verdict == GONE and result.detail.startswith("TLS failure")


def test_a_closed_port_is_unreachable() -> None:
    with serving({}) as closed:
        url = closed.url("/ok")
    assert check(url).verdict == UNREACHABLE


def test_the_user_agent_names_the_board_and_its_address(server: LinkServer) -> None:
    check(server.url("/ok"))
    assert server.user_agents[-1] == USER_AGENT
    assert "stint" in USER_AGENT and "https://stint-board.github.io/stint/" in USER_AGENT  # publishconf.py's SITEURL


def test_no_more_than_two_requests_at_once_to_one_host() -> None:
    with serving({f"/job-{n}": slow(0.2) for n in range(10)}) as busy:
        started = time.monotonic()
        results = fetch_links([busy.url(f"/job-{n}") for n in range(10)], QUICK)
        elapsed = time.monotonic() - started
    assert {classify(fetched).verdict for fetched in results.values()} == {OK}
    assert busy.most_at_once["127.0.0.1"] == 2
    assert elapsed >= 0.2 * 10 / 2  # two at a time, not ten
