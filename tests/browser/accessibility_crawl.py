"""The accessibility crawl: every page a role can reach by following links, checked with axe-core.

``crawl(base_url, cookies_by_role)`` signs each role in by its session cookie, starts on the
start page and follows same-site GET links breadth-first, in one Chromium with one browser
context per role and a few pages per context working in parallel. On every HTML page it runs the
vendored axe-core with the WCAG 2.2 A/AA tags and keeps the violations.

What is followed: ``<a href>`` links to the same origin that resolve to a view of the portal
(the back office included), except links that sign out, delete, export or download, or that lead
away from HTML (see ``SKIPPED_VIEW_WORDS`` and ``SKIPPED_PATHS``). GET requests in the portal
never change anything, so following every other link is safe.

How far: links are grouped by URL name and the names of their query parameters (so a back-office
changelist, each of its filters and its sorting are visited, but not every object's change form).
Unseen URL names go first, then unseen groups, then a few more instances of a group
(``PER_GROUP``), so the page cap (``PAGE_CAP``) is spent on breadth. If the cap is reached while an
unseen URL name is still waiting, the crawl says so: the cap must be raised, not the coverage
quietly lost. The roles crawl at the same time and share what they found: a variant or a second
instance of a URL name is visited by one role only, and a page whose content (the portal's
``main``, the back office's ``main``: everything but the header and menus) is word for word that of
a page another role has checked is not checked again (the table says which page it matched).
Every portal page is also measured in a 320 CSS px window (``REFLOW_WIDTH``).

``tests/browser/test_accessibility_crawl.py`` is the gate; ``format_table`` prints its findings.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.urls import Resolver404, resolve

AXE_SCRIPT = os.path.join(os.path.dirname(__file__), "vendor", "axe.min.js")
#: The WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
FAILING_IMPACTS = ("serious", "critical")

#: Pages per role at most; the crawl reports when this stops it from reaching an unseen URL name.
PAGE_CAP = 300
#: Distinct URLs visited for one group (URL name + query parameter names): one, since pages of one
#: URL name share a template (the states the demo lacks are given to the crawl as seeds).
PER_GROUP = 1
PER_GROUP_BACK_OFFICE = 1
#: Groups visited for one URL name: a changelist, and one of its filters or searches.
GROUPS_PER_NAME = 2
#: Query parameters that change how a page is presented (sorting, page, pop-up window, facet
#: counts), not what it is: each set of them is visited on a few pages per role, not on every one.
PRESENTATION_KEYS = frozenset({"o", "_facets", "_popup", "_to_field", "p", "page"})
PRESENTATION_VISITS = 1
#: Pages per role open at once.
WORKERS_PER_ROLE = 2
VIEWPORT = {"width": 1280, "height": 900}
#: Every portal page is also measured in a window this wide: it must not scroll sideways (1.4.10).
#: (The back office is Django's admin, whose change lists scroll sideways on a phone by design.)
REFLOW_WIDTH = 320

#: A URL name containing one of these words is not followed: it signs out, deletes, exports,
#: downloads or serves a file rather than a page.
SKIPPED_VIEW_WORDS = (
    "logout",
    "sign-out",
    "delete",
    "export",
    "download",
    "docx",
    "pdf",
    "document",
    "file",
    "jsi18n",
    "view_on_site",
)
#: Paths that are not pages of the portal.
SKIPPED_PATHS = ("/static/", "/media/", "/admin/r/")
SKIPPED_SUFFIXES = (".pdf", ".docx", ".xlsx", ".csv", ".zip", ".png", ".svg", ".jpg", ".ico", ".txt", ".ics")
#: Query parameters that export or download whatever page they are on.
SKIPPED_QUERY_KEYS = frozenset({"format", "fmt", "export", "download"})
#: Query parameters that carry where to come back to, not what the page shows.
IGNORED_QUERY_KEYS = frozenset({"_changelist_filters", "next"})


@dataclass(frozen=True)
class Link:
    url: str  # absolute, normalised
    view_name: str
    group: tuple  # (view_name, sorted query parameter names)
    source: str | None


@dataclass
class Violation:
    rule: str
    impact: str
    help: str
    nodes: int
    targets: list[str]


@dataclass
class PageResult:
    role: str
    url: str
    view_name: str
    status: int | None
    source: str | None = None
    violations: list[Violation] = field(default_factory=list)
    error: str = ""
    #: How wide the document is in a 320 CSS px window (WCAG 1.4.10 reflow), when measured.
    width_at_320: int | None = None
    timings: tuple = ()  # seconds: loading, axe and links, reflow
    #: "<role> <path>" of the page with the same content that was checked instead of this one.
    same_as: str = ""

    @property
    def path(self) -> str:
        parts = urlsplit(self.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    @property
    def failing(self) -> list[Violation]:
        return [violation for violation in self.violations if violation.impact in FAILING_IMPACTS]

    @property
    def reflows(self) -> bool:
        return self.width_at_320 is None or self.width_at_320 <= REFLOW_WIDTH


@dataclass
class RoleCrawl:
    role: str
    pages: list[PageResult] = field(default_factory=list)
    unreached_names: set[str] = field(default_factory=set)  # unseen names still queued at the cap
    seconds: float = 0.0

    @property
    def view_names(self) -> set[str]:
        return {page.view_name for page in self.pages}


def normalise(url: str, base_url: str, source: str | None = None) -> Link | None:
    """The link to follow for ``url`` (absolute or relative to ``base_url``), or None to skip it."""
    base = urlsplit(base_url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    path = parts.path or "/"
    if path.startswith(SKIPPED_PATHS) or path.lower().endswith(SKIPPED_SUFFIXES):
        return None
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)]
    if any(key in SKIPPED_QUERY_KEYS for key, _ in query):
        return None
    query = sorted((key, value) for key, value in query if key not in IGNORED_QUERY_KEYS)
    try:
        match = resolve(path)
    except Resolver404:
        return None
    view_name = match.view_name or match.func.__qualname__
    lowered = view_name.lower()
    if any(word in lowered for word in SKIPPED_VIEW_WORDS):
        return None
    # The back office's catch-all answers any path under /admin/ that names no page.
    if "final_catch_all_view" in (match.url_name or "") or match.func.__name__ == "final_catch_all_view":
        return None
    clean = urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))
    group = (view_name, tuple(sorted({key for key, _ in query})))
    return Link(url=clean, view_name=view_name, group=group, source=source)


class Frontier:
    """Links waiting to be visited, handed out breadth first: unseen URL names, then unseen
    groups, then more instances of a group up to ``per_group``."""

    def __init__(self, *, cap: int, per_group: int, groups_per_name: int = GROUPS_PER_NAME, shared=None):
        self.cap = cap
        self.per_group = per_group
        self.groups_per_name = groups_per_name
        #: What any role has visited (shared by the roles' frontiers): URLs, and groups taken beyond a
        #: URL name's first page. A second instance or variant (a filter, a sort) is visited by one
        #: role only, but a URL name new to a role always is.
        shared = shared if shared is not None else {}
        self.shared: set[str] = shared.setdefault("urls", set())
        self.shared_groups: set[tuple] = shared.setdefault("groups", set())
        self.waiting: list[Link] = []
        self.seen_urls: set[str] = set()
        self.names_taken: set[str] = set()
        self.groups_taken: Counter = Counter()
        self.name_groups: Counter = Counter()
        self.presentations: Counter = Counter()
        self.taken = 0
        self.in_flight = 0

    def add(self, link: Link) -> None:
        if link.url in self.seen_urls:
            return
        self.seen_urls.add(link.url)
        self.waiting.append(link)

    def _rank(self, link: Link) -> int | None:
        if link.view_name not in self.names_taken:
            return 0
        taken = self.groups_taken[link.group]
        if link.url in self.shared or (taken == 0 and link.group in self.shared_groups):
            return None
        keys = link.group[1]
        if taken == 0 and keys and set(keys) <= PRESENTATION_KEYS:
            return 2 if self.presentations[keys] < PRESENTATION_VISITS else None
        if taken == 0:
            return 1 if self.name_groups[link.view_name] < self.groups_per_name else None
        per_group = PER_GROUP_BACK_OFFICE if link.view_name.startswith("admin:") else self.per_group
        return 2 if taken < per_group else None

    def next(self) -> Link | None:
        if self.taken >= self.cap:
            return None
        best_index, best_rank = None, None
        keep = []
        for link in self.waiting:
            rank = self._rank(link)
            if rank is None:
                continue  # never wanted again: its group or name is full, or another role saw it
            keep.append(link)
            if best_rank is None or rank < best_rank:
                best_index, best_rank = len(keep) - 1, rank
        self.waiting = keep
        if best_index is None:
            return None
        link = self.waiting.pop(best_index)
        if link.view_name in self.names_taken:
            self.shared_groups.add(link.group)
        self.names_taken.add(link.view_name)
        keys = link.group[1]
        if keys and set(keys) <= PRESENTATION_KEYS:
            self.presentations[keys] += 1
        elif self.groups_taken[link.group] == 0:
            self.name_groups[link.view_name] += 1
        self.groups_taken[link.group] += 1
        self.shared.add(link.url)
        self.taken += 1
        self.in_flight += 1
        return link

    def done(self) -> None:
        self.in_flight -= 1

    def unseen_names(self) -> set[str]:
        return {link.view_name for link in self.waiting if link.view_name not in self.names_taken}


_AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  return results.violations.map((violation) => ({
    rule: violation.id, impact: violation.impact || '', help: violation.help,
    nodes: violation.nodes.length,
    targets: violation.nodes.slice(0, 4).map((node) => node.target.join(' ')),
  }));
}"""

_LINKS = "(anchors) => anchors.map((anchor) => anchor.href)"

#: What a page shows apart from the header and menus that every page of a role repeats (the portal's
#: main, the back office's content), as its length and a 32-bit FNV-1a hash, CSRF tokens left out.
#: A page whose content another role's page has shown word for word is not checked twice.
_CONTENT_KEY = """() => {
  const root = document.querySelector('main') || document.querySelector('#content') || document.body;
  const html = location.pathname + root.outerHTML.replace(/name="csrfmiddlewaretoken" value="[^"]*"/g, '');
  let hash = 0x811c9dc5;
  for (let i = 0; i < html.length; i++) { hash ^= html.charCodeAt(i); hash = Math.imul(hash, 0x01000193) >>> 0; }
  return html.length + ':' + hash.toString(16);
}"""


async def _visit(
    page, link: Link, role: str, axe_source: str, reflow: bool, contents: dict
) -> tuple[PageResult, list[str]]:
    result = PageResult(role=role, url=link.url, view_name=link.view_name, status=None, source=link.source)
    started = time.monotonic()
    try:
        response = await page.goto(link.url, wait_until="load")
    except Exception as error:  # a download or a failed navigation: recorded, not followed
        result.error = str(error).splitlines()[0]
        return result, []
    result.status = response.status if response else None
    content_type = (response.headers.get("content-type", "") if response else "").lower()
    if "text/html" not in content_type:
        result.error = f"not HTML ({content_type or 'no content type'})"
        return result, []
    # Evaluated through the DevTools protocol: the portal's content security policy (rightly)
    # refuses injected script tags.
    loaded = time.monotonic()
    hrefs = await page.eval_on_selector_all("a[href]", _LINKS)
    content = await page.evaluate(_CONTENT_KEY)
    if content in contents:
        result.same_as = contents[content]
        return result, [page.url, *hrefs]
    contents[content] = f"{role} {result.path}"
    await page.evaluate(f"() => {{ {axe_source}\n; window.axe = axe; }}")
    result.violations = [Violation(**found) for found in await page.evaluate(_AXE_RUN, list(AXE_TAGS))]
    checked = time.monotonic()
    if reflow:
        await page.set_viewport_size({"width": REFLOW_WIDTH, "height": VIEWPORT["height"]})
        result.width_at_320 = await page.evaluate("() => document.documentElement.scrollWidth")
        await page.set_viewport_size(VIEWPORT)
    result.timings = (loaded - started, checked - loaded, time.monotonic() - checked)
    return result, [page.url, *hrefs]


async def _crawl_role(browser, base_url: str, role: str, cookie: dict, outcome: RoleCrawl, settings: dict):
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_cookies([{**cookie, "url": base_url}])
    frontier = Frontier(cap=settings["cap"], per_group=settings["per_group"], shared=settings["shared"])
    for path in ["/", *settings["seeds"].get(role, ())]:
        link = normalise(base_url + path, base_url)
        assert link is not None, f"{path} is not a page the crawl can follow"
        frontier.add(link)
    with open(AXE_SCRIPT, encoding="utf-8") as script:
        axe_source = script.read()

    async def worker():
        page = await context.new_page()
        page.set_default_timeout(60_000)
        while True:
            link = frontier.next()
            if link is None:
                if frontier.in_flight == 0 or frontier.taken >= frontier.cap:
                    break
                await asyncio.sleep(0.05)
                continue
            try:
                reflow = not link.view_name.startswith("admin:")
                result, hrefs = await _visit(page, link, role, axe_source, reflow, settings["contents"])
            finally:
                frontier.done()
            outcome.pages.append(result)
            for href in hrefs:
                found = normalise(href, base_url, source=link.url)
                if found is not None:
                    frontier.add(found)
        await page.close()

    await asyncio.gather(*(worker() for _ in range(settings["workers"])))
    outcome.unreached_names = frontier.unseen_names()
    await context.close()


async def _crawl(base_url, cookies_by_role, executable_path, settings) -> dict[str, RoleCrawl]:
    from playwright.async_api import async_playwright

    outcomes = {role: RoleCrawl(role=role) for role in cookies_by_role}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable_path,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        )
        await asyncio.gather(
            *(
                _crawl_role(browser, base_url, role, cookie, outcomes[role], settings)
                for role, cookie in cookies_by_role.items()
            )
        )
        await browser.close()
    return outcomes


def crawl(
    base_url: str,
    cookies_by_role: dict[str, dict],
    *,
    executable_path: str,
    cap: int = PAGE_CAP,
    per_group: int = PER_GROUP,
    workers: int = WORKERS_PER_ROLE,
    seeds: dict[str, list[str]] | None = None,
) -> dict[str, RoleCrawl]:
    """Crawl as each role (``cookies_by_role``: role -> ``{"name": ..., "value": ...}`` of its
    session cookie) and return what each reached. ``seeds`` (role -> paths) are visited after the
    start page, for pages in states the demo data does not have. Runs in a thread of its own, so that it has its
    own event loop whatever the calling thread runs (pytest-playwright's sync API included)."""
    base_url = base_url.rstrip("/")
    settings = {
        "cap": cap,
        "per_group": per_group,
        "workers": workers,
        "seeds": seeds or {},
        "shared": {},
        "contents": {},
    }
    box: dict = {}

    def run():
        try:
            box["result"] = asyncio.run(_crawl(base_url, cookies_by_role, executable_path, settings))
        except BaseException as error:
            box["error"] = error

    started = time.monotonic()
    thread = threading.Thread(target=run, name="accessibility-crawl")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    for outcome in box["result"].values():
        outcome.seconds = round(time.monotonic() - started, 1)
    return box["result"]


def format_table(outcomes: dict[str, RoleCrawl], *, only_failing: bool = False) -> str:
    """A plain-text table, one row per page and finding: an axe rule (with its impact and how many
    elements break it), ``reflow-320`` (the page's width in a 320 px window), or the page's load
    error. Pages with no finding get an ``ok`` row unless ``only_failing``."""
    lines = []
    for role, outcome in outcomes.items():
        failing = [page for page in outcome.pages if page.failing or not page.reflows]
        lines.append(
            f"== {role}: {len(outcome.pages)} pages, {len(outcome.view_names)} URL names, "
            f"{len(failing)} failing, {outcome.seconds:.0f} s"
        )
        lines.append(f"   {'status':<6} {'impact':<9} {'nodes':>5}  {'rule':<26} page")
        for page in sorted(outcome.pages, key=lambda page: page.path):
            rows = []
            if page.error:
                rows.append(("", "", f"({page.error[:60]})", ""))
            for violation in page.violations if not only_failing else page.failing:
                example = violation.targets[0] if violation.targets else ""
                rows.append((violation.impact, violation.nodes, violation.rule, f"  e.g. {example}"))
            if not page.reflows:
                rows.append(("serious", page.width_at_320, "reflow-320 (width in px)", ""))
            if page.same_as and not only_failing:
                rows.append(("same", "", f"as {page.same_as}"[:26], f"  ({page.same_as})"))
            elif not rows and not only_failing:
                rows.append(("ok", "", "", ""))
            for impact, nodes, rule, example in rows:
                lines.append(f"   {page.status or '-'!s:<6} {impact:<9} {nodes!s:>5}  {rule:<26} {page.path}{example}")
        if outcome.unreached_names:
            lines.append(f"   NOT REACHED (page cap): {', '.join(sorted(outcome.unreached_names))}")
    return "\n".join(lines)
