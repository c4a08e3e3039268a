"""The benchmark behind ``manage.py benchmark`` (see the README): pages, import, PDF and HTTP load.

For each factor the database is emptied and refilled with ``bench.scale_data``, and the demo
report is published once (for the public page); every page is fetched through Django's test client
as business support (second factor verified; the public page anonymously) for the demo board's
2016/17 year: one warm-up, one counted request, then ``RUNS`` timed requests (median). Pages kept
per state of the data are timed again just after a change (the first view that makes them again).
Every target is a ratio to the floor, a signed-in page that renders the base layout with little
data (``FLOOR``), measured side by side in the same run. To measure another page add one line to
``PAGES``.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from bench import scale_data

RUNS = 5
YEAR = 2016


def _partner_pk():
    from partners.models import Partner

    return Partner.objects.order_by("name").values_list("pk", flat=True).first()


def _round_pk():
    from reports.selfreports.models import Round

    return Round.objects.filter(board__short_name="WSCB", start_year=YEAR).values_list("pk", flat=True).first()


@dataclass(frozen=True)
class Page:
    label: str
    name: str  # the URL's name
    args: object  # a function giving the URL's arguments (a list) or keyword arguments (a dict)
    query: str = ""
    anonymous: bool = False  # fetched without signing in (the public's pages)
    cached: bool = False  # kept per state of the data (wscb.data.page_cache): timed after a change too
    limit: float | None = None  # the most its median may be, as a multiple of the floor's


FLOOR = "Floor: your account page"
DRAFT, DASHBOARD, PUBLISHED = "Annual report (HTML)", "Board dashboard", "Published report (public page)"
#: One line per measured page; the floor first.
PAGES = [
    Page(FLOOR, "two-factor", lambda: []),
    Page(DRAFT, "annual:draft", lambda: [YEAR], cached=True, limit=3),
    Page(DASHBOARD, "dashboards:dashboard", lambda: [], "?year=2016/17", cached=True, limit=3),
    Page("Agency profile", "dashboards:agency-profile", lambda: [_partner_pk()], "?year=2016/17", cached=True, limit=3),
    Page("Training summary", "training:summary", lambda: [], "?year=2016/17", cached=True, limit=3),
    Page("Attendance table", "meetings:attendance-summary", lambda: [], "?year=2016/17", cached=True, limit=3),
    Page(PUBLISHED, "public:report", lambda: {"board_slug": "wscb", "year": "2016-17"}, anonymous=True, limit=1.5),
    Page("Partner-return tracker", "reports:round-detail", lambda: [_round_pk()]),
]
#: Pages under HTTP load, each on its own (labels from PAGES): the floor and the two heaviest pages.
LOAD_PAGES = [FLOOR, DRAFT, DASHBOARD]
#: The most HTML the pages may send (KB, before compression).
HTML_LIMITS_KB = {DASHBOARD: 80, DRAFT: 250}
#: Under load: at least this share of the floor's requests per second, at most this multiple of its p95.
LOAD_RPS_SHARE, LOAD_P95_MULTIPLE = 0.3, 3.0


@dataclass
class Results:
    factors: list[int]
    pages: dict[tuple[str, int], dict] = field(default_factory=dict)
    rows: dict[int, int] = field(default_factory=dict)
    generation: dict[int, float] = field(default_factory=dict)
    load: dict[tuple[str, int], dict] = field(default_factory=dict)
    scale_out: dict = field(default_factory=dict)
    imports: dict = field(default_factory=dict)
    pdf: dict = field(default_factory=dict)
    publish: dict = field(default_factory=dict)
    charts: dict = field(default_factory=dict)  # page label -> (charts, <style> inside them, repeated styles)
    missing: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)


def page_url(page: Page) -> str | None:
    try:
        arguments = page.args()
        if isinstance(arguments, dict):
            return reverse(page.name, kwargs=arguments) + page.query
        return reverse(page.name, args=arguments) + page.query
    except NoReverseMatch:
        return None


def signed_in_client() -> Client:
    """A client signed in as the demo's business support user, second factor verified."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from partners.models import User

    user = User.objects.get(email="support@demo.test")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Benchmark authenticator", confirmed=True
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def reset_database() -> None:
    """Empty every table (keeping the schema) so each factor starts from nothing."""
    with connection.cursor() as cursor:
        # Django's registers stay: this process caches content types by id (the audit trail's keys).
        kept = {"django_migrations", "django_content_type", "auth_permission"}
        tables = [t for t in connection.introspection.table_names(cursor) if t not in kept]
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " CASCADE")
        else:
            call_command("flush", interactive=False, verbosity=0)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


REPORT_DATA = "Annual report data + HTML (in-process)"


def measure_report_data(results: Results, factor: int, runs: int, out) -> None:
    """The annual report's own queries and time, without the request's session and sign-in queries."""
    from partners.models import Board
    from reports.annual import outputs
    from reports.annual.assembly import build_report
    from wscb.periods import ReportingYear

    board = Board.objects.get(short_name="WSCB")

    def build():
        return outputs.render_html(build_report(board=board, year=ReportingYear(YEAR)))

    build()
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        build()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        build()
        times.append(time.perf_counter() - started)
    results.pages[(REPORT_DATA, factor)] = {
        "url": "",
        "queries": len(queries),
        "median_ms": statistics.median(times) * 1000,
    }
    out(f"    {REPORT_DATA:<26} {len(queries):>4} queries  {statistics.median(times) * 1000:8.1f} ms")


def publish_for_pages() -> None:
    """The demo report published once, in-process, so the public page has a version to show."""
    from partners.models import Board, User
    from reports.annual.services import report_publish
    from wscb.periods import ReportingYear

    board = Board.objects.get(short_name="WSCB")
    report_publish(board=board, year=ReportingYear(YEAR), by=User.objects.get(email="support@demo.test"))


def _timed(client, url, runs) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return times


def _after_change(client, url, runs) -> float:
    """Median time of the view just after a change to the board's records (the page is made again)."""
    from partners.models import Board
    from wscb.data.changes import mark_changed

    board_id = Board.objects.get(short_name="WSCB").pk
    times = []
    for _ in range(runs):
        mark_changed(board_id=board_id)
        times.extend(_timed(client, url, 1))
    return statistics.median(times) * 1000


def measure_pages(results: Results, factor: int, runs: int, out) -> None:
    measure_report_data(results, factor, runs, out)
    client, public = signed_in_client(), Client()
    for page in PAGES:
        url = page_url(page)
        if url is None:
            if page.label not in results.missing:
                results.missing.append(page.label)
            continue
        browser = public if page.anonymous else client
        response = browser.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{page.label}: {url} answered {response.status_code}")
        reset_queries()  # each request resets the log (request_started): count from an empty one
        with CaptureQueriesContext(connection) as queries:
            response = browser.get(url)
        times = _timed(browser, url, runs)
        html = response.content
        figures = {
            "url": url,
            "queries": len(queries),
            "median_ms": statistics.median(times) * 1000,
            "html_kb": len(html) / 1024,
            "gzip_kb": len(gzip.compress(html, 6)) / 1024,
        }
        if page.cached:
            figures["changed_ms"] = _after_change(browser, url, max(3, runs // 2))
        results.pages[(page.label, factor)] = figures
        if page.label in (DRAFT, DASHBOARD):
            results.charts[page.label] = chart_styles(html.decode())
        after = f"  (after a change {figures['changed_ms']:7.1f} ms)" if page.cached else ""
        out(
            f"    {page.label:<32} {len(queries):>4} queries  {figures['median_ms']:8.1f} ms  "
            f"{figures['html_kb']:6.1f} KB{after}  {url}"
        )


def chart_styles(html: str) -> dict:
    """The charts of a page and the CSS they carry: ``<style>`` elements inside them, and style
    blocks that more than one chart carries."""
    charts = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    styles = [style for chart in charts for style in re.findall(r"<style\b.*?</style>", chart, flags=re.S)]
    repeated = sum(count - 1 for count in Counter(styles).values() if count > 1)
    return {"charts": len(charts), "styles": len(styles), "repeated": repeated}


def page_query_counts() -> dict[str, int]:
    """Queries per request for every measured page that exists (after one warm-up request)."""
    client = signed_in_client()
    counts = {}
    for page in PAGES:
        url = page_url(page)
        if url is None or page.anonymous:
            continue
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{page.label}: {url} answered {response.status_code}")
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[page.label] = len(queries)
    return counts


# --- HTTP under load ---------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(*, workers: int, port: int):
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "wscb.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def load_test(*, ports: list[int], urls: list[str], cookies: list[str], seconds: float, max_requests: int):
    """One thread per session cookie (a simulated user), each requesting ``urls`` in turn (and the
    servers in turn) until the time or the request budget runs out. Returns per-URL figures."""
    users = len(cookies)
    latencies = {url: [] for url in urls}
    errors = dict.fromkeys(urls, 0)
    lock = threading.Lock()
    issued = [0]
    deadline = time.monotonic() + seconds

    def user(number: int) -> None:
        connections = {port: http.client.HTTPConnection("127.0.0.1", port, timeout=30) for port in ports}
        step = number
        while time.monotonic() < deadline:
            with lock:
                if issued[0] >= max_requests:
                    return
                issued[0] += 1
            url = urls[step % len(urls)]
            port = ports[(step // len(urls)) % len(ports)]
            step += 1
            started = time.perf_counter()
            try:
                conn = connections[port]
                headers = {"Host": "127.0.0.1", "Accept-Encoding": "gzip"}  # as every browser sends
                if cookies[number]:
                    headers["Cookie"] = cookies[number]
                conn.request("GET", url, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connections[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies[url].append(elapsed)
                else:
                    errors[url] += 1

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    summary = {}
    for url in urls:
        values = sorted(latencies[url])
        summary[url] = {
            "requests": len(values),
            "rps": len(values) / wall,
            "p50_ms": _percentile(values, 50) * 1000,
            "p95_ms": _percentile(values, 95) * 1000,
            "errors": errors[url],
        }
    return summary


def _percentile(values, percent) -> float:
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, round(percent / 100 * len(values)) - 1))
    return values[index]


def _load_urls(results: Results, factor: int) -> dict[str, str]:
    return {label: results.pages[(label, factor)]["url"] for label in LOAD_PAGES if (label, factor) in results.pages}


USERS = 10
#: Seconds of requests to every page before measuring, not counted: each new worker process loads
#: the code, the fonts and the code version once, and the page measured first would pay for it.
WARM_UP_SECONDS = 4


def warm_up(*, ports: list[int], urls: list[str], cookies: list[str]) -> None:
    load_test(ports=ports, urls=urls, cookies=cookies, seconds=WARM_UP_SECONDS, max_requests=200)


def _session_cookies() -> list[str]:
    """One signed-in session per simulated user."""
    name = settings.SESSION_COOKIE_NAME
    return [f"{name}={signed_in_client().cookies[name].value}" for _ in range(USERS)]


def measure_load(results: Results, factor: int, seconds: float, out) -> None:
    """Each page of ``LOAD_PAGES`` on its own: 10 users asking for it for ``seconds`` (the floor
    first), so every page's requests per second and p95 compare with the floor's."""
    chosen = _load_urls(results, factor)
    cookies = _session_cookies()
    port = free_port()
    with gunicorn(workers=2, port=port):
        warm_up(ports=[port], urls=list(chosen.values()), cookies=cookies)
        for label, url in chosen.items():
            summary = load_test(ports=[port], urls=[url], cookies=cookies, seconds=seconds, max_requests=20000)
            results.load[(label, factor)] = figures = summary[url]
            out(
                f"    load {label:<28} {figures['rps']:6.1f} req/s  p50 {figures['p50_ms']:7.1f} ms  "
                f"p95 {figures['p95_ms']:7.1f} ms  errors {figures['errors']}"
            )


def measure_scale_out(results: Results, factor: int, seconds: float, out) -> None:
    """Two gunicorn processes (one worker each) on two ports against the one database; every user
    alternates between them with one session, so sessions must live in the database."""
    chosen = {label: url for label, url in _load_urls(results, factor).items() if label != FLOOR}
    cookies = _session_cookies()
    ports = [free_port(), free_port()]
    while ports[1] == ports[0]:
        ports[1] = free_port()
    with gunicorn(workers=1, port=ports[0]), gunicorn(workers=1, port=ports[1]):
        warm_up(ports=ports, urls=list(chosen.values()), cookies=cookies)
        summary = load_test(
            ports=ports, urls=list(chosen.values()), cookies=cookies, seconds=seconds, max_requests=20000
        )
    results.scale_out = {
        "factor": factor,
        "ports": ports,
        "pages": {label: summary[url] for label, url in chosen.items()},
    }
    for label, url in chosen.items():
        figures = summary[url]
        out(
            f"    2 servers {label:<16} {figures['rps']:6.1f} req/s  p50 {figures['p50_ms']:7.1f} ms  "
            f"p95 {figures['p95_ms']:7.1f} ms  errors {figures['errors']}"
        )


# --- import throughput -----------------------------------------------------------------------------------
def measure_import(results: Results, rows: int, out) -> None:
    """The same ``rows`` e-learning rows through the portal's import (``training.services.elearning_import``),
    its preview (the resource's dry run) and a plain ``bulk_create``; deleted after each."""
    import tablib

    from partners.models import Board, Partner
    from training import services
    from training.models import ELearningEnrolment, ELearningModule
    from training.resources import ELearningEnrolmentResource

    board = Board.objects.get(short_name="WSCB")
    modules = list(ELearningModule.objects.filter(board=board).order_by("pk"))
    if not modules:
        modules = [ELearningModule.objects.create(board=board, title="Benchmark module")]
    partners = list(Partner.objects.order_by("pk"))
    dataset = tablib.Dataset(headers=["learner", "agency", "module", "allocated date", "completed date"])
    for number in range(rows):
        partner = partners[number % len(partners)]
        dataset.append(
            [
                f"Import learner {number}",
                partner.name if number % 8 else "Benchmark community group",
                modules[number % len(modules)].title,
                f"{1 + number % 28:02d}/0{1 + number % 9}/2017",
                f"{1 + number % 28:02d}/0{1 + number % 9}/2017" if number % 3 else "",
            ]
        )

    def delete_new(since_pk):
        ELearningEnrolment.objects.filter(pk__gt=since_pk).delete()

    last_pk = ELearningEnrolment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    started = time.perf_counter()
    preview = ELearningEnrolmentResource(board=board).import_data(
        dataset, dry_run=True, raise_errors=False, use_transactions=True, rollback_on_validation_errors=True
    )
    preview_seconds = time.perf_counter() - started
    if preview.has_errors() or preview.has_validation_errors():
        raise RuntimeError("The benchmark's import rows were refused by the preview.")

    started = time.perf_counter()
    outcome = services.elearning_import(board=board, dataset=dataset)
    import_seconds = time.perf_counter() - started
    if outcome.errors or outcome.imported != rows:
        raise RuntimeError(f"The benchmark's import failed: {outcome.errors[:3]}")
    instances = [
        ELearningEnrolment(
            module_id=row.module_id,
            learner_name=row.learner_name,
            partner_id=row.partner_id,
            organisation_name=row.organisation_name,
            allocated_on=row.allocated_on,
            completed_on=row.completed_on,
        )
        for row in ELearningEnrolment.objects.filter(pk__gt=last_pk).order_by("pk")
    ]
    delete_new(last_pk)

    started = time.perf_counter()
    with transaction.atomic():
        ELearningEnrolment.objects.bulk_create(instances, batch_size=1000)
    bulk_seconds = time.perf_counter() - started
    delete_new(last_pk)
    results.imports = {
        "rows": rows,
        "import_seconds": import_seconds,
        "preview_seconds": preview_seconds,
        "bulk_seconds": bulk_seconds,
        "import_rps": rows / import_seconds,
        "bulk_rps": rows / bulk_seconds,
        "ratio": bulk_seconds / import_seconds,
        "preview_ratio": preview_seconds / import_seconds,
    }
    out(
        f"    import {rows:,} rows: real path {rows / import_seconds:,.0f} rows/s, bulk_create "
        f"{rows / bulk_seconds:,.0f} rows/s (ratio {bulk_seconds / import_seconds:.3f}); preview "
        f"{preview_seconds:.1f} s = {preview_seconds / import_seconds:.2f} x the import"
    )


# --- PDF ---------------------------------------------------------------------------------------------------
PDF_SCRIPT = """
import json, resource, sys, time
import django
django.setup()
from partners.models import Board
from reports.annual import outputs
from reports.annual.assembly import build_report
from wscb.periods import ReportingYear
from wscb.scoping import board_scope
board = Board.objects.get(short_name="WSCB")
scope = board_scope(board)  # the whole script reads the demo board's records (kept referenced:
scope.__enter__()  # a collected context manager would leave the scope)
report = build_report(board=board, year=ReportingYear(2016))
started = time.perf_counter()
pdf, pages = outputs.render_pdf(report)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
figures = {"seconds": seconds, "pages": pages, "bytes": len(pdf), "peak_mb": peak}
repeat = int(sys.argv[1])
if repeat > 1:
    # Seconds per page, short and long: the report's leading top-level sections up to about
    # 30 pages, then the same sections ``repeat`` times over, both laid out warm in this process.
    from weasyprint import HTML
    html = outputs.render_html(report, for_print=True)
    head, rest = html.split("<body", 1)
    opening, rest = rest.split(">", 1)
    body, tail = rest.rsplit("</body>", 1)
    marker = '<section class="report-section level-1"'
    starts = [index for index in range(len(body)) if body.startswith(marker, index)] + [len(body)]

    def lay_out(content):
        started = time.perf_counter()
        document = HTML(string=head + "<body" + opening + ">" + content + "</body>" + tail).render()
        document.write_pdf()
        return time.perf_counter() - started, len(document.pages)

    # Cut at the section boundary nearest a 30-page share of the text, then move on a section at a
    # time while it makes fewer than 25 pages (these layouts warm the fonts and styles up too).
    wanted = len(body) * 30 / max(pages, 1)
    index = min(range(len(starts)), key=lambda i: abs(starts[i] - wanted))
    while True:
        part = body[: starts[index]] + "</article>"
        _, short_pages = lay_out(part)
        if short_pages >= 25 or index == len(starts) - 1:
            break
        index += 1
    short_seconds, short_pages = lay_out(part)
    long_seconds, long_pages = lay_out(part * repeat)
    figures.update(
        short_seconds=short_seconds, short_pages=short_pages, long_seconds=long_seconds, long_pages=long_pages
    )
print(json.dumps(figures))
"""


def measure_pdf(results: Results, out, *, repeat: int = 9) -> None:
    """The demo report's PDF in a fresh process, so its peak memory is the PDF's own."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wscb.settings", "DJANGO_DEBUG": "0"}
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", PDF_SCRIPT, str(repeat)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"the PDF measurement failed:\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["per_page"] = figures["seconds"] / max(1, figures["pages"])
    if "long_pages" in figures:
        figures["short_per_page"] = figures["short_seconds"] / max(1, figures["short_pages"])
        figures["long_per_page"] = figures["long_seconds"] / max(1, figures["long_pages"])
        out(
            f"    PDF per page: {figures['short_pages']} pages {figures['short_per_page']:.3f} s/page, "
            f"{figures['long_pages']} pages {figures['long_per_page']:.3f} s/page"
        )
    results.pdf = figures
    out(
        f"    PDF: {figures['pages']} pages in {figures['seconds']:.1f} s ({figures['per_page']:.3f} s/page), "
        f"peak {figures['peak_mb']:.0f} MB"
    )


# --- publishing through a worker ----------------------------------------------------------------------------
def measure_publish(results: Results, out, *, timeout: float = 900) -> None:
    """Business support publishes the demo report: the request's time (it only records the intent),
    then the job's time on a real worker process (``run_worker``) until the version is stored."""
    from reports.annual.models import PublishedReport
    from wscb.jobs.models import Job

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay", "-v0"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "wscb.settings", "DJANGO_DEBUG": "0"},
    )
    try:
        client = signed_in_client()
        url = reverse("annual:publish", args=[YEAR])
        started = time.perf_counter()
        response = client.post(url, {"confirm": "on"})
        request_seconds = time.perf_counter() - started
        if response.status_code != 302 or not response.url.startswith("/jobs/"):
            raise RuntimeError(f"Publishing answered {response.status_code}, not a redirect to its job.")
        job_id = int(response.url.rstrip("/").rsplit("/", 1)[-1])
        deadline = time.monotonic() + timeout
        while (job := Job.objects.get(pk=job_id)).is_active:
            if time.monotonic() > deadline or worker.poll() is not None:
                raise RuntimeError("The publishing job did not finish (is the worker running?).")
            time.sleep(0.2)
        waited_seconds = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    if job.status != Job.Status.DONE:
        raise RuntimeError(f"The publishing job failed: {job.error}")
    published = PublishedReport.objects.filter(board__short_name="WSCB", year_start=YEAR).order_by("-number").first()
    results.publish = {
        "request_ms": request_seconds * 1000,
        "job_seconds": (job.finished_at - job.created_at).total_seconds(),
        "run_seconds": (job.finished_at - job.started_at).total_seconds(),
        "waited_seconds": waited_seconds,
        "pages": published.page_count,
    }
    out(
        f"    publish: request {request_seconds * 1000:.0f} ms; job {results.publish['job_seconds']:.1f} s "
        f"(on the worker {results.publish['run_seconds']:.1f} s), {published.page_count} pages"
    )


# --- the run and its table -------------------------------------------------------------------------------
def run(
    *,
    factors: list[int],
    runs: int,
    load_seconds: float,
    scale_out_seconds: float,
    import_rows: int,
    out,
    pages_only: bool = False,
    pdf_repeat: int = 9,
):
    results = Results(factors=factors)
    for factor in factors:
        out(f"Factor {factor}: generating...")
        reset_database()
        started = time.perf_counter()
        counts = scale_data.generate(factor=factor)
        results.generation[factor] = time.perf_counter() - started
        results.rows[factor] = _row_count()
        out(
            f"  {results.rows[factor]:,} rows in {results.generation[factor]:.0f} s "
            f"({sum(counts.values()):,} synthetic)"
        )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Statistics and the visibility map as a settled database has them: without the
                # VACUUM, autovacuum wakes on the freshly loaded tables during the measurements.
                cursor.execute("VACUUM ANALYZE")
        publish_for_pages()
        measure_pages(results, factor, runs, out)
        if load_seconds and not pages_only:
            measure_load(results, factor, load_seconds, out)
        if factor == factors[-1] and not pages_only:
            if scale_out_seconds:
                measure_scale_out(results, factor, scale_out_seconds, out)
            if import_rows:
                measure_import(results, import_rows, out)
            measure_pdf(results, out, repeat=pdf_repeat)
            measure_publish(results, out)
    results.total_seconds = time.perf_counter() - results.started
    return results


def _row_count() -> int:
    from django.apps import apps

    return sum(model.objects.count() for model in apps.get_models() if model._meta.managed)


def _fmt(value, pattern="{:.1f}") -> str:
    return "n/a" if value is None else pattern.format(value)


def markdown(results: Results) -> str:
    factors = results.factors
    lines = ["# Benchmark", ""]
    lines.append(
        f"Run {time.strftime('%d/%m/%Y %H:%M UTC', time.gmtime())} with `python manage.py benchmark` "
        f"in {results.total_seconds / 60:.1f} minutes; {os.cpu_count()} CPUs shared by the database, the app "
        f"servers and the load generator; Python {platform.python_version()}, Django {django.get_version()}, "
        f"{connection.vendor} {_server_version()}."
    )
    lines += ["", "## Data", "", "| factor | boards x years | rows | generated in |", "|---|---|---|---|"]
    for factor in factors:
        shape = scale_data.shape_for(factor)
        lines.append(
            f"| {factor} | {shape.boards} x {shape.years} | {results.rows[factor]:,} | "
            f"{results.generation[factor]:.0f} s |"
        )
    lines += ["", "## Pages (demo board, 2016/17; queries per request; median of 5 requests)", ""]
    header = "| page | " + " | ".join(f"queries at {f}x | ms at {f}x" for f in factors) + " |"
    lines += [header, "|---|" + "---|---|" * len(factors)]
    for label in [REPORT_DATA, *(page.label for page in PAGES)]:
        if label in results.missing:
            lines.append(f"| {label} | " + " | ".join("not on main yet | -" for _ in factors) + " |")
            continue
        cells = []
        for factor in factors:
            page = results.pages.get((label, factor))
            cells.append(f"{page['queries']} | {page['median_ms']:.1f}" if page else "- | -")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += _floor_table(results)
    if results.load:
        lines += [
            "",
            "## HTTP under load (gunicorn, 2 sync workers, loopback; 10 concurrent users on one page at a time, "
            "asking for gzip as browsers do)",
            "",
            "| page | factor | requests | req/s | x floor req/s | p50 ms | p95 ms | x floor p95 | errors |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for (label, factor), figures in results.load.items():
            floor = results.load.get((FLOOR, factor))
            share = f"{figures['rps'] / floor['rps']:.2f}" if floor and floor["rps"] else "-"
            multiple = f"{figures['p95_ms'] / floor['p95_ms']:.2f}" if floor and floor["p95_ms"] else "-"
            lines.append(
                f"| {label} | {factor} | {figures['requests']} | {figures['rps']:.1f} | {share} | "
                f"{figures['p50_ms']:.0f} | {figures['p95_ms']:.0f} | {multiple} | {figures['errors']} |"
            )
    if results.scale_out:
        lines += [
            "",
            f"## Scale-out: two gunicorn processes (1 worker each, ports {results.scale_out['ports'][0]} and "
            f"{results.scale_out['ports'][1]}) against one database, factor {results.scale_out['factor']}",
            "",
            "Each simulated user keeps one session and alternates between the two servers.",
            "",
            "| page | requests | req/s | p50 ms | p95 ms | errors |",
            "|---|---|---|---|---|---|",
        ]
        for label, figures in results.scale_out["pages"].items():
            lines.append(
                f"| {label} | {figures['requests']} | {figures['rps']:.1f} | {figures['p50_ms']:.0f} | "
                f"{figures['p95_ms']:.0f} | {figures['errors']} |"
            )
    if results.imports:
        figures = results.imports
        lines += [
            "",
            f"## Import of {figures['rows']:,} e-learning rows (at factor {factors[-1]})",
            "",
            "| path | seconds | rows/s | ratio to bulk_create |",
            "|---|---|---|---|",
            f"| plain `bulk_create` (batch 1,000) | {figures['bulk_seconds']:.1f} | "
            f"{figures['bulk_rps']:,.0f} | 1.000 |",
            f"| portal import (`training.services.elearning_import`) | {figures['import_seconds']:.1f} | "
            f"{figures['import_rps']:,.0f} | {figures['ratio']:.3f} |",
            f"| its preview (dry run) | {figures['preview_seconds']:.1f} | "
            f"{figures['rows'] / figures['preview_seconds']:,.0f} | preview / import time = "
            f"{figures['preview_ratio']:.2f} |",
        ]
    if results.pdf:
        figures = results.pdf
        lines += [
            "",
            "## PDF of the demo annual report (WeasyPrint, fresh process)",
            "",
            "| pages | seconds | seconds per page | peak memory | size |",
            "|---|---|---|---|---|",
            f"| {figures['pages']} | {figures['seconds']:.1f} | {figures['per_page']:.3f} | "
            f"{figures['peak_mb']:.0f} MB | {figures['bytes'] / 1024:.0f} KB |",
        ]
        if "long_pages" in figures:
            lines += [
                "",
                "Seconds per page, short and long (the report's leading sections, then the same sections "
                "repeated; laid out warm in one process):",
                "",
                "| document | pages | seconds | seconds per page |",
                "|---|---|---|---|",
                f"| leading sections | {figures['short_pages']} | {figures['short_seconds']:.1f} | "
                f"{figures['short_per_page']:.3f} |",
                f"| the same, repeated | {figures['long_pages']} | {figures['long_seconds']:.1f} | "
                f"{figures['long_per_page']:.3f} |",
            ]
    if results.publish:
        figures = results.publish
        lines += [
            "",
            f"## Publishing the demo report through a worker (at factor {factors[-1]})",
            "",
            "The request records the intent and redirects to the job's status page; a `run_worker` process "
            "lays out HTML, PDF and Word and stores the version.",
            "",
            "| publish request | job: queued to stored | of which on the worker | pages |",
            "|---|---|---|---|",
            f"| {figures['request_ms']:.0f} ms | {figures['job_seconds']:.1f} s | {figures['run_seconds']:.1f} s | "
            f"{figures['pages']} |",
        ]
    if results.missing:
        lines += ["", "Not measured (not on main yet): " + ", ".join(results.missing) + "."]
    lines += ["", "## Targets (ratios within this run)", "", "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {target} | {measured} | {'yes' if met else '**no**'} |" for target, measured, met in targets(results)]
    return "\n".join(lines) + "\n"


def _floor_table(results: Results) -> list[str]:
    """The pages against the floor at the largest factor: the ratios the targets judge."""
    factor = results.factors[-1]
    floor = results.pages.get((FLOOR, factor))
    if not floor:
        return []
    lines = [
        "",
        f"## Against the floor, at factor {factor} (the floor: the account page, base layout and little data)",
        "",
        "Median server time of a repeated view (kept per state of the data where marked), as a multiple of the "
        "floor's; the view just after a change makes the page again. HTML as sent before compression, and "
        "gzipped.",
        "",
        "| page | queries | median ms | x floor | target | after a change ms | HTML KB | gzip KB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for page in PAGES:
        figures = results.pages.get((page.label, factor))
        if not figures:
            continue
        ratio = figures["median_ms"] / floor["median_ms"]
        target = f"at most {page.limit:g}x" if page.limit else ("the floor" if page.label == FLOOR else "-")
        changed = f"{figures['changed_ms']:.1f}" if "changed_ms" in figures else "-"
        lines.append(
            f"| {page.label} | {figures['queries']} | {figures['median_ms']:.1f} | {ratio:.2f} | {target} | "
            f"{changed} | {figures['html_kb']:.1f} | {figures['gzip_kb']:.1f} |"
        )
    return lines


def targets(results: Results) -> list[tuple[str, str, bool]]:
    """(target, measured figure, met) for every target the run can judge."""
    rows = []
    first, last = results.factors[0], results.factors[-1]
    measured = sorted({label for label, _ in results.pages})
    flat = [
        label
        for label in measured
        if len({results.pages[(label, f)]["queries"] for f in results.factors if (label, f) in results.pages}) > 1
    ]
    rows.append(
        (
            f"query counts identical at factors {', '.join(map(str, results.factors))} on every page",
            "changed: " + ", ".join(flat) if flat else f"identical on all {len(measured)} measured",
            not flat,
        )
    )
    data = results.pages.get((REPORT_DATA, last))
    if data:
        rows.append(("at most 15 queries for the whole annual report", f"{data['queries']}", data["queries"] <= 15))
    for label in (REPORT_DATA, "Annual report (HTML)"):
        a, b = results.pages.get((label, first)), results.pages.get((label, last))
        if a and b and last != first:
            ratio = b["median_ms"] / a["median_ms"]
            rows.append((f"{label}: time at {last}x within 1.5x of {first}x", f"{ratio:.2f}x", ratio <= 1.5))
    load_labels = sorted({label for label, _ in results.load})
    for label in load_labels:
        a, b = results.load.get((label, first)), results.load.get((label, last))
        if a and b and last != first:
            ratio = b["p95_ms"] / a["p95_ms"]
            rows.append((f"{label} under load: p95 at {last}x within 1.5x of {first}x", f"{ratio:.2f}x", ratio <= 1.5))
    floor = results.pages.get((FLOOR, last))
    if floor:
        for page in PAGES:
            figures = results.pages.get((page.label, last))
            if page.limit and figures:
                ratio = figures["median_ms"] / floor["median_ms"]
                rows.append(
                    (
                        f"{page.label}: median at {last}x at most {page.limit:g}x the floor's",
                        f"{ratio:.2f}x ({figures['median_ms']:.1f} ms; floor {floor['median_ms']:.1f} ms)",
                        ratio <= page.limit,
                    )
                )
        for label, limit in HTML_LIMITS_KB.items():
            figures = results.pages.get((label, last))
            if figures:
                rows.append(
                    (f"{label}: HTML at most {limit} KB", f"{figures['html_kb']:.1f} KB", figures["html_kb"] <= limit)
                )
    if results.charts:
        repeated = sum(figures["repeated"] + figures["styles"] for figures in results.charts.values())
        counted = ", ".join(f"{label} {figures['charts']}" for label, figures in results.charts.items())
        rows.append(
            (
                "no chart carries CSS, so none repeats another's",
                f"{repeated} style blocks in the charts ({counted} charts)",
                repeated == 0,
            )
        )
    floor_load = results.load.get((FLOOR, last))
    if floor_load:
        for label in LOAD_PAGES:
            figures = results.load.get((label, last))
            if label == FLOOR or not figures:
                continue
            share = figures["rps"] / floor_load["rps"] if floor_load["rps"] else 0.0
            multiple = figures["p95_ms"] / floor_load["p95_ms"] if floor_load["p95_ms"] else float("inf")
            rows.append(
                (
                    f"{label} under load at {last}x: at least {LOAD_RPS_SHARE:g}x the floor's requests per second",
                    f"{share:.2f}x ({figures['rps']:.1f} req/s; floor {floor_load['rps']:.1f})",
                    share >= LOAD_RPS_SHARE,
                )
            )
            rows.append(
                (
                    f"{label} under load at {last}x: p95 at most {LOAD_P95_MULTIPLE:g}x the floor's",
                    f"{multiple:.2f}x ({figures['p95_ms']:.0f} ms; floor {floor_load['p95_ms']:.0f} ms)",
                    multiple <= LOAD_P95_MULTIPLE,
                )
            )
    if results.load:
        errors = sum(f["errors"] for f in results.load.values())
        errors += sum(f["errors"] for f in results.scale_out.get("pages", {}).values())
        rows.append(("zero errors under load (one server and two)", f"{errors} errors", errors == 0))
    if results.imports:
        figures = results.imports
        rows.append(("import at least 0.3x bulk_create", f"{figures['ratio']:.3f}x", figures["ratio"] >= 0.3))
        rows.append(
            (
                "preview at most 0.5x the import's time",
                f"{figures['preview_ratio']:.2f}x",
                figures["preview_ratio"] <= 0.5,
            )
        )
    if results.pdf:
        figures = results.pdf
        rows.append(
            (
                "demo report PDF under 15 s and 400 MB",
                f"{figures['pages']} pages, {figures['seconds']:.1f} s, {figures['peak_mb']:.0f} MB",
                figures["seconds"] < 15 and figures["peak_mb"] < 400,
            )
        )
        if "long_per_page" in figures:
            short, long = figures["short_per_page"], figures["long_per_page"]
            ratio = max(short, long) / min(short, long)
            rows.append(
                (
                    f"PDF seconds per page within 1.2x ({figures['short_pages']} and {figures['long_pages']} pages)",
                    f"{ratio:.2f}x",
                    ratio <= 1.2,
                )
            )
    if results.publish:
        request_ms = results.publish["request_ms"]
        rows.append(
            ("publish request under 1 s (the layout runs on a worker)", f"{request_ms:.0f} ms", request_ms < 1000)
        )
    return rows


def _server_version() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0]
    return ""


def write(results: Results, path: Path) -> str:
    text = markdown(results)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


__all__ = ["PAGES", "markdown", "run", "write"]
