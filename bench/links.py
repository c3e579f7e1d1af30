"""`make bench`, links: stint's link checker on 10,000 links against a local server.

    python -m bench.links --links 10000

The server (its own process, on 127.0.0.1 only) answers every request after 50-500 ms, as
many distinct hosts: each link's host name is resolved to 127.0.0.1 by the checker's own
resolver, and the server tells hosts apart by the Host header, counting how many requests
each host has in flight at once. Most links belong to employers with a few postings each; a
tenth sit on five applicant-tracking hosts, where two at a time is what bounds the run.
Prints wall time, requests per second, the checker's peak memory, and the most requests any
one host saw at once (the checker promises at most 2).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import random
import resource
import socket
import time
import urllib.request
from collections import Counter
from typing import Any

from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult

from stint.commands.link_health import Politeness, fetch_links
from stint.commands.link_verdicts import classify

DOMAIN = "stint-bench.test"  # a reserved name: nothing here could reach the internet
TRACKING_HOSTS = 5
LATENCY = (0.05, 0.5)


class LoopbackResolver(AbstractResolver):
    """Every bench host name is 127.0.0.1; anything else is refused, so no traffic leaves the machine."""

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[ResolveResult]:
        if not host.endswith("." + DOMAIN):
            raise OSError(f"the bench resolves only *.{DOMAIN}, not {host}")
        return [{"hostname": host, "host": "127.0.0.1", "port": port, "family": socket.AF_INET, "proto": 0, "flags": socket.AI_NUMERICHOST}]

    async def close(self) -> None:
        pass


def bench_links(count: int, port: int) -> list[str]:
    """Nine in ten on employers' own hosts (three postings each), one in ten on five tracking hosts."""
    links = []
    for index in range(count):
        host = f"ats-{index % (10 * TRACKING_HOSTS) // 10}.{DOMAIN}" if index % 10 == 0 else f"employer-{index // 3}.{DOMAIN}"
        links.append(f"http://{host}:{port}/jobs/{index}")
    return links


def serve(port_out: Any) -> None:
    """The server process: answers after a random latency, a few pages filled, gone or moved."""
    in_flight: Counter[str] = Counter()
    most: Counter[str] = Counter()
    served = [0]
    page = ("<!doctype html><title>Intern</title><main>" + "<p>Work with our team on a two-week project.</p>" * 200 + "</main>").encode()

    async def answer(request: web.Request) -> web.StreamResponse:
        host = request.host.split(":")[0]
        in_flight[host] += 1
        in_flight[""] += 1
        most[host] = max(most[host], in_flight[host])
        most[""] = max(most[""], in_flight[""])
        served[0] += 1
        try:
            await asyncio.sleep(random.uniform(*LATENCY))
            number = int(request.match_info["number"])
            if number % 50 == 1:
                return web.Response(status=404, text="not found")
            if number % 50 == 2:
                return web.Response(text="<p>This position has been filled.</p>", content_type="text/html")
            return web.Response(body=page, content_type="text/html")
        finally:
            in_flight[host] -= 1
            in_flight[""] -= 1

    async def stats(request: web.Request) -> web.Response:
        overall = most.pop("", 0)
        return web.json_response(
            {"served": served[0], "most_at_once": max(most.values(), default=0), "hosts": len(most), "overall": overall}
        )

    async def main() -> None:
        app = web.Application()
        app.add_routes([web.get("/jobs/{number}", answer), web.get("/stats", stats)])
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        listening = socket.create_server(("127.0.0.1", 0), backlog=1024)  # loopback only
        await web.SockSite(runner, listening).start()
        port_out.send(listening.getsockname()[1])
        await asyncio.Event().wait()

    asyncio.run(main())


def server_stats(port: int) -> dict[str, int]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=10) as response:
        return json.loads(response.read())


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.links")
    parser.add_argument("--links", type=int, default=10000)
    parser.add_argument("--overall", type=int, default=Politeness.overall, help="requests in flight at once (default %(default)s)")
    arguments = parser.parse_args()
    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(target=serve, args=(send,), daemon=True)
    server.start()
    try:
        port = receive.recv()
        links = bench_links(arguments.links, port)
        started = time.perf_counter()
        checks = fetch_links(links, Politeness(overall=arguments.overall), LoopbackResolver(), then=classify)
        verdicts = Counter(check.verdict for check in checks.values())
        seconds = time.perf_counter() - started
        stats = server_stats(port)
    finally:
        server.terminate()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n| link check: {arguments.links:,} links, {stats['hosts']:,} hosts, latency 50-500 ms, {arguments.overall} in flight | |")
    print("| --- | --- |")
    print(f"| wall time | {seconds:.1f} s |")
    print(f"| requests per second | {stats['served'] / seconds:.0f} |")
    print(f"| peak memory of the checker | {peak:.0f} MB |")
    print(f"| most requests in flight at once, all hosts | {stats['overall']} |")
    print(f"| most requests one host saw at once | {stats['most_at_once']} (limit 2) |")
    print(f"| verdicts | {', '.join(f'{count:,} {verdict}' for verdict, count in verdicts.most_common())} |")
    if stats["most_at_once"] > 2:
        raise SystemExit("a host saw more than 2 requests at once")


if __name__ == "__main__":
    main()
