"""The figures a report's text may name (``{{ name }}``), computed from the assembled report.

``report_figures(report)`` returns every figure by name: context facts, the strategic priorities,
training (stated and recorded places, the course tables, each course, e-learning, other training),
engagement, meetings, finance and partner updates, and each indicator's latest value. The same
names are what ``TextFigure`` rows compare against, and the list beside the narrative editor shows
them with this year's values. Names are stable: built from keys and slugs, never from positions.
"""

from __future__ import annotations

from django.utils.text import slugify

from reports.annual.placeholders import Figure


def _add(figures: dict, name: str, value, label: str, kind: str = "count") -> None:
    figures[name] = Figure(name=name, value=value, label=label, kind=kind)


def report_figures(report) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    sections = {section.key: section for section in report.all_sections}
    bundle = report.bundle
    _add(figures, "report.year", report.year.label, "The reporting year", "text")
    _add(figures, "report.next_year", report.year.next.label, "The year after the report's", "text")
    _context(figures, bundle)
    _priorities(figures, bundle)
    if "training" in sections and sections["training"].data and sections["training"].data.report:
        _training(figures, sections["training"].data.report)
    _engagement(figures, bundle.engagement_events)
    governance = sections.get("governance")
    if governance is not None and governance.data is not None and governance.data.attendance is not None:
        _meetings(figures, governance.data)
    finance = sections.get("finance")
    if finance is not None and finance.data is not None and finance.data.statement is not None:
        _finance(figures, finance.data.statement, report.year)
    updates = sections.get("partner_updates")
    if updates is not None and updates.data is not None:
        _add(figures, "partner_updates.asked", updates.data.asked, "Agencies asked for an update")
        _add(figures, "partner_updates.accepted", len(updates.data.returns), "Updates accepted and printed")
        challenges = updates.data.challenges
        if challenges is not None:
            _add(
                figures, "partner_updates.challenges", len(challenges.events), "Challenge events on the year's updates"
            )
            _add(figures, "partner_updates.challenged_agencies", challenges.agencies, "Agencies challenged", "list")
            _add(figures, "partner_updates.challenge_actions", challenges.actions_agreed, "Actions agreed at challenge")
    for table in bundle.indicator_tables:
        code = table.indicator.code
        unit = "percent" if not table.indicator.is_rate else "count"
        _add(figures, f"indicator.{code}.value", table.latest, f"{table.indicator.name}: {report.year.label}", unit)
        _add(figures, f"indicator.{code}.numerator", table.numerators[-1], f"{table.indicator.numerator_label}")
        _add(figures, f"indicator.{code}.denominator", table.denominators[-1], f"{table.indicator.name}: denominator")
    return figures


def _context(figures, bundle) -> None:
    from reports.annual.sections.context import fact_name

    for fact in bundle.context_facts:
        value = fact.number_display
        _add(figures, fact_name(fact), value, fact.label, "text")


def _priorities(figures, bundle) -> None:
    rows = bundle.priority_rows
    _add(figures, "priorities.count", len(rows), "Strategic priorities for the year")
    _add(figures, "priorities.list", [row.priority.title for row in rows], "The strategic priorities, numbered", "list")


def _training(figures, training) -> None:
    summary = training.summary
    for prefix, counts, when in (
        ("training.stated", summary.stated, "stated"),
        ("training.recorded", summary.recorded, "recorded"),
        ("training.previous_stated", summary.previous_stated, "stated for the year before"),
        ("training.previous_recorded", summary.previous_recorded, "recorded for the year before"),
    ):
        for name, label in (
            ("booked", "Places booked"),
            ("attended", "Places attended"),
            ("cancelled", "Places cancelled"),
            ("did_not_attend", "Did not attend"),
        ):
            _add(figures, f"{prefix}.{name}", getattr(counts, name) if counts else None, f"{label} ({when})")
    change = summary.attended_change
    _add(figures, "training.attended_change", change.number, "Change in places attended from the year before")
    _add(
        figures,
        "training.attended_change_percent",
        change.percent,
        "Change in places attended from the year before (%)",
        "percent",
    )
    planned_with_dates = 0
    for programme, table in training.tables.items():
        for name, label in (
            ("planned", "courses planned"),
            ("delivered", "courses delivered"),
            ("places_available", "places available"),
            ("attended", "attended"),
        ):
            _add(figures, f"training.{programme}.{name}", table.totals[name], f"{table.caption}: {label}")
        _add(figures, f"training.{programme}.courses", len(table.rows), f"{table.caption}: courses listed")
        planned_with_dates += sum(1 for row in table.rows if row.planned)
        for row in table.rows:
            slug = slugify(row.title)
            for name in ("planned", "delivered", "places_available", "attended"):
                _add(figures, f"training.course.{slug}.{name}", getattr(row, name), f"{row.title}: {name}")
    totals = {
        name: sum(table.totals[name] for table in training.tables.values())
        for name in ("planned", "delivered", "places_available", "attended")
    }
    _add(figures, "training.courses_planned", totals["planned"], "Courses planned in all the tables")
    _add(figures, "training.courses_delivered", totals["delivered"], "Courses delivered in all the tables")
    _add(figures, "training.places_available", totals["places_available"], "Places available in all the tables")
    _add(figures, "training.places_attended", totals["attended"], "Attended, all the course tables")
    _add(figures, "training.courses_with_dates_planned", planned_with_dates, "Courses with dates planned, all tables")
    cancellations = training.cancellations
    _add(figures, "training.sessions_cancelled", cancellations.total, "Sessions cancelled (recorded)")
    _add(figures, "training.sessions_cancelled_stated", cancellations.stated_total, "Sessions cancelled (stated)")
    for row in cancellations.rows:
        _add(figures, f"training.cancelled.{row.reason}", row.count, f"Sessions cancelled: {row.label} (recorded)")
        _add(
            figures, f"training.cancelled_stated.{row.reason}", row.stated, f"Sessions cancelled: {row.label} (stated)"
        )
    elearning = training.elearning
    for name, label, kind in (
        ("licences_purchased", "E-learning licences purchased", "count"),
        ("allocated", "E-learning licences allocated (by module)", "count"),
        ("completed", "E-learning completions (by module)", "count"),
        ("completion_rate", "E-learning completion rate (by module)", "percent"),
        ("stated_allocated", "E-learning licences allocated (stated)", "count"),
        ("stated_completed", "E-learning completions (stated)", "count"),
        ("stated_completion_rate", "E-learning completion rate (stated)", "percent"),
        ("cost_per_licence", "Cost per e-learning licence", "money_pence"),
        ("previous_cost_per_licence", "Cost per e-learning licence the year before", "money_pence"),
    ):
        value = getattr(elearning, name)
        if kind == "money_pence":
            value, kind = (None if value is None else f"£{value:,.2f}"), "text"
        _add(figures, f"elearning.{name}", value, label, kind)
    for module in elearning.modules:
        slug = slugify(module.title)
        _add(figures, f"elearning.module.{slug}.completed", module.completed, f"{module.title}: completions")
    for row in training.activity:
        slug = slugify(row.description)
        _add(figures, f"training.activity.{slug}.people", row.people_trained, f"{row.description}: people trained")
        _add(figures, f"training.activity.{slug}.settings", row.settings_count, f"{row.description}: schools or events")
        _add(
            figures,
            f"training.activity.{slug}.previous_people",
            row.previous_people_trained,
            f"{row.description}: people trained the year before",
        )


def _engagement(figures, events) -> None:
    _add(figures, "engagement.events", len(events), "Engagement events counted in the year")
    _add(figures, "engagement.reach", sum(event.reach or 0 for event in events), "People reached, where counted")
    for event in events:
        _add(figures, f"engagement.event.{slugify(event.title)}.reach", event.reach, f"{event.title}: people reached")


def _meetings(figures, data) -> None:
    table = data.attendance
    _add(figures, "governance.meetings", len(table.meetings), f"{table.group.name}: meetings counted in the year")
    _add(figures, "governance.attendances", table.total, f"{table.group.name}: people attending, all meetings")


def _finance(figures, statement, year) -> None:
    if year not in statement.years:
        return
    index = statement.years.index(year)
    for name, values, label in (
        ("total_expenditure", statement.total_expenditure, "Total expenditure"),
        ("total_income", statement.total_income, "Total income"),
        ("training_income", statement.training_income, "Training income"),
        ("transfer_to_reserves", statement.transfer_to_reserves, "Transfer to reserves"),
        ("closing_reserves", statement.closing_reserves, "Reserves at the end of the year"),
    ):
        _add(figures, f"finance.{name}", values[index], f"{label}, {year.label}", "money")
