"""The programme report laid out once for every medium: titled sections with their charts and
tables (documents.programme_report), in the user's language, from one ProgrammeReport; saved
as XLSX or PDF (`shelter-app report`), drawn by the Reports page."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from shelter_app.data.engine import Database
from shelter_app.documents.programme_report import (
    COUNT,
    DAYS,
    MONEY,
    TEXT,
    Chart,
    ReportDocument,
    Section,
    Series,
)
from shelter_app.documents.text import has_arabic
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.household import MEMBER_KEYS, member_label, nationality_label
from shelter_app.domain.i18n import date_text, month_text, translate
from shelter_app.domain.stages import Stage
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.reports.figures import (
    AGREEMENT_KINDS,
    ProgrammeReport,
    programme_report,
)

FORMATS = (".xlsx", ".pdf")


def _d(value: int | Decimal) -> Decimal:
    return Decimal(value)


def scope_text(report: ProgrammeReport) -> str:
    scope = report.scope
    office = (translate("reports", "Office {code}").format(code=scope.office_code)
              if scope.office_code else translate("reports", "All offices"))
    if scope.first or scope.last:
        period = "{} – {}".format(date_text(scope.first) if scope.first else "…",
                                 date_text(scope.last) if scope.last else "…")
    else:
        period = translate("reports", "whole programme")
    return translate("reports", "{office}, {period}; agreements as of {today}").format(
        office=office, period=period, today=date_text(report.scope.as_of(report.today)))


def agreement_label(kind: str, days: int) -> str:
    return {
        "active": lambda: translate("reports", "Active"),
        "ending_soon": lambda: translate("reports", "Ending within %n days", "", days),
        "visits_overdue": lambda: translate("reports", "Visit overdue"),
        "breached": lambda: translate("reports", "Breached"),
    }[kind]()


def sections(report: ProgrammeReport) -> list[Section]:
    return [_stages(report), _money(report), _labour(report), _agreements(report),
            _reach(report)]


def _stages(report: ProgrammeReport) -> Section:
    codes = [code for code, _ in report.offices]
    series = tuple(Series(stage.label, tuple(_d(report.stages[code].get(stage, 0))
                                             for code in codes),
                          tuple(("stages", code, stage.value) for code in codes))
                   for stage in Stage)
    rows = tuple((code, *(report.stages[code].get(stage, 0) for stage in Stage),
                  sum(report.stages[code].values())) for code in codes)
    total = (translate("reports", "Total"), *(sum(row[n] for row in rows)  # type: ignore[misc]
                                              for n in range(1, len(Stage) + 2)))
    title = translate("reports", "Cases per stage")
    return Section(title, translate("reports", "Cases registered by the end of the period, by "
                                               "the stage they are at today (the app keeps no "
                                               "history of stages)."),
                   (Chart(title, tuple(codes), series, stacked=True),),
                   (translate("reports", "Office"), *(stage.label for stage in Stage),
                    translate("reports", "Total")),
                   (TEXT, *(COUNT,) * (len(Stage) + 1)), rows, total)


def _money(report: ProgrammeReport) -> Section:
    codes = tuple(money.code for money in report.money)
    keys = tuple(("money", code, "") for code in codes)
    budget = translate("reports", "Budget")
    approved = translate("reports", "Approved BoQs (incl. VAT)")
    paid = translate("reports", "Cash-for-work paid")
    chart = Chart(translate("reports", "Budget and spending per office (TL)"), codes, (
        Series(budget, tuple(m.budget or Decimal(0) for m in report.money)),
        Series(approved, tuple(m.approved for m in report.money), keys),
        Series(paid, tuple(m.paid for m in report.money), keys)), money=True)
    rows = tuple((m.code, m.budget, m.approved, m.paid, m.remaining) for m in report.money)
    budgets = [m.budget for m in report.money if m.budget is not None]
    approved_total = sum((m.approved for m in report.money), Decimal(0))
    paid_total = sum((m.paid for m in report.money), Decimal(0))
    budget_total = sum(budgets, Decimal(0)) if budgets else None
    total = (translate("reports", "Total"), budget_total, approved_total, paid_total,
             None if budget_total is None else budget_total - approved_total - paid_total)
    return Section(
        translate("reports", "Budget and spending"),
        translate("reports", "BoQs by the day they were approved (each case's approved "
                             "revision); cash-for-work payment batches marked paid, by their "
                             "month. Payments to contractors or for materials are not recorded "
                             "in the app, so they are not counted. An office without a budget: "
                             "an administrator sets it on the Offices page."),
        (chart,), (translate("reports", "Office"), budget, approved, paid,
                   translate("reports", "Remaining")),
        (TEXT, MONEY, MONEY, MONEY, MONEY), rows, total)


def _labour(report: ProgrammeReport) -> Section:
    months = tuple(month_text(m.month) for m in report.labour)
    keys = tuple(("labour", None, f"{m.month:%Y-%m}") for m in report.labour)
    days = translate("reports", "Days worked")
    pay = translate("reports", "Pay at the daily rate (TL)")
    rows = tuple((month_text(m.month), m.days, m.pay) for m in report.labour)
    total = (translate("reports", "Total"), sum((m.days for m in report.labour), Decimal(0)),
             sum((m.pay for m in report.labour), Decimal(0)))
    return Section(
        translate("reports", "Cash-for-work per month"),
        translate("reports", "Days logged in the period and their pay at the daily rate in "
                             "force on each day."),
        (Chart(days, months, (Series(days, tuple(m.days for m in report.labour), keys),)),
         Chart(pay, months, (Series(pay, tuple(m.pay for m in report.labour), keys),),
               money=True)),
        (translate("reports", "Month"), days, pay), (TEXT, DAYS, MONEY), rows, total)


def _agreements(report: ProgrammeReport) -> Section:
    codes = tuple(counts.code for counts in report.agreements)
    labels = [agreement_label(kind, report.ending_soon_days) for kind in AGREEMENT_KINDS]
    series = tuple(Series(label, tuple(_d(c.of(kind)) for c in report.agreements),
                          tuple(("agreements", code, kind) for code in codes))
                   for kind, label in zip(AGREEMENT_KINDS, labels, strict=True))
    rows = tuple((c.code, *(c.of(kind) for kind in AGREEMENT_KINDS)) for c in report.agreements)
    total = (translate("reports", "Total"), *(sum(row[n] for row in rows)  # type: ignore[misc]
                                              for n in range(1, 5)))
    day = report.scope.as_of(report.today)
    title = translate("reports", "Agreements on {day}").format(day=date_text(day))
    note = translate("reports", "Landlord agreements as they stand today.") if \
        day >= report.today else translate(
            "reports", "Landlord agreements on the last day of the period, read from their "
                       "dates: one that has been active counts from its start to its end date, "
                       "one ended early too.")
    return Section(title, note,
                   (Chart(title, codes, series),), (translate("reports", "Office"), *labels),
                   (TEXT, COUNT, COUNT, COUNT, COUNT), rows, total)


def _reach(report: ProgrammeReport) -> Section:
    reach = report.reach
    people = translate("reports", "People")
    households = translate("reports", "Households")
    bands = Chart(translate("reports", "People reached by sex and age"),
                  tuple(member_label(key) for key in MEMBER_KEYS),
                  (Series(people, tuple(_d(reach.members[key]) for key in MEMBER_KEYS),
                          tuple(("members", None, key) for key in MEMBER_KEYS)),))
    names = tuple(nationality_label(group.key) for group in reach.nationalities)
    nation_keys = tuple(("nationality", None, group.key) for group in reach.nationalities)
    nations = Chart(translate("reports", "Reached by nationality"), names, (
        Series(households, tuple(_d(g.households) for g in reach.nationalities), nation_keys),
        Series(people, tuple(_d(g.people) for g in reach.nationalities), nation_keys)))
    disabled = translate("reports", "With a disability in the household")
    everyone = translate("reports", "Everyone reached")
    disability = Chart(translate("reports", "Reached with a disability in the household"),
                       (disabled, everyone), (
        Series(households, (_d(reach.disability.households), _d(reach.households)),
               (("disability", None, ""), None)),
        Series(people, (_d(reach.disability.people), _d(reach.people)),
               (("disability", None, ""), None))))
    group = translate("reports", "Group")
    rows = (
        (everyone, reach.households, reach.people),
        *((member_label(key), None, reach.members[key]) for key in MEMBER_KEYS),
        *((nationality_label(g.key), g.households, g.people) for g in reach.nationalities),
        (disabled, reach.disability.households, reach.disability.people),
    )
    return Section(
        translate("reports", "Households and people reached"),
        translate("reports", "Households whose first landlord agreement was signed in the "
                             "period (secure tenancy; the works follow), with the people in "
                             "them."),
        (nations, disability, bands), (group, households, people), (TEXT, COUNT, COUNT), rows)


def report_document(report: ProgrammeReport, language: str = "tr") -> ReportDocument:
    """The report in the interface's language (`language`: its numbers and page words);
    read from the right when that is Arabic."""
    number = f"RPR-{report.today:%Y%m%d}-{report.scope.office_code or 'ALL'}"
    title = translate("reports", "Programme report")
    return ReportDocument(title, scope_text(report), number,
                          translate("reports", "Made on {day}").format(
                              day=date_text(report.today)),
                          tuple(sections(report)), rtl=has_arabic(title), language=language)


def save_report(db: Database, actor: Actor, target: Path, *, office: str | None = None,
                first: date | None = None, last: date | None = None,
                language: str = "tr") -> ProgrammeReport:
    """Write the programme report to `target`, an .xlsx or a .pdf file, in `language` (the
    interface's: its translated words are already installed). Refused before any query:
    another extension."""
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(translate("reports", "The report is saved as .xlsx or .pdf; "
                                                   "'{name}' ends otherwise.").format(
            name=target.name), field="out")
    report = programme_report(db, actor, office, first, last)
    document = report_document(report, language)
    if suffix == ".xlsx":
        from shelter_app.documents.programme_sheet import save_report_xlsx

        save_report_xlsx(document, target)
    else:
        from shelter_app.documents.programme_pdf import build_report_pdf

        build_report_pdf(document, target)
    return report
