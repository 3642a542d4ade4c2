"""The landlord agreement on A4: the binding Turkish text, each part followed by its Arabic or
English translation (or Turkish only), as the parties sign it.

Every text comes from the editable templates (documents.clauses); the agreement's values are
filled in as plain text. User values reach the page escaped (documents.text.paragraph) or as
plain table strings, Arabic shaped and right-aligned. The works and their value are computed
here from the very lines printed (domain.boq), like the BoQ itself. Clauses and the works table
run on over a page break, so no page before the end is left a third empty; only the last clause
and the signatures are kept together. Every page carries the title and number in both
languages, its QR code, "Sayfa 1 / 3" and its translation, and all but the last the parties'
initials boxes (documents.page_furniture).
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from shelter_app.documents.bidi import isolate
from shelter_app.documents.clauses import Clause, ClauseBook, clause_book, fill
from shelter_app.documents.contract_reference import reference_contract, reference_fonts
from shelter_app.documents.contract_values import ContractDocument
from shelter_app.documents.first_codes import FirstCodes
from shelter_app.documents.fonts import ARABIC_BOLD, SANS, SANS_BOLD, register_fonts
from shelter_app.documents.kept_table import KeptTable
from shelter_app.documents.spacing import Gap, Room
from shelter_app.documents.page_furniture import build_pdf
from shelter_app.documents.styles import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    GRID,
    INK,
    SHADE,
    DocumentMeta,
    PageWords,
    SignatureBlock,
    amount,
    keep_together,
    percent,
    measure,
    quantity,
    signature_blocks,
    styles,
)
from shelter_app.documents.text import plain_paragraph as paragraph
from shelter_app.domain.iban import format_iban
from shelter_app.domain.lease import stamp_tax
from shelter_app.domain.money import round_money
from shelter_app.domain.numbers import written
from shelter_app.domain.units import unit_name

NONE = "—"
LABEL_WIDTH = 46 * mm
HEADING_ROOM = 16 * mm  # a heading and two lines of the text under it


def render_contract(document: ContractDocument, target: Path | None = None,
                    codes: FirstCodes | None = None) -> bytes:
    """The agreement as PDF bytes (also written to `target` when given); `codes`: the font
    codes it gives out first (by default those of its languages' contracts)."""
    register_fonts()
    layout = ContractLayout(document)
    tr, other = layout.tr, layout.other
    roles = ("party.landlord", "party.tenant")
    meta = DocumentMeta(
        tr.label("title"), document.number, issued=document.issued,
        organisation=document.programme,
        second=PageWords(other.label("title"), other.label("document_no"),
                         other.labels["page"], other.label("initials")) if other else None,
        initials=tuple((tr.label(role), other.label(role) if other else "") for role in roles),
        codes=codes or contract_codes(document.languages))
    return build_pdf(layout.story(), meta, target)


@cache
def contract_codes(languages: str) -> FirstCodes:
    """The font codes every contract in `languages` gives out first: those of the characters
    the reference contract draws (documents.contract_reference), learnt from rendering it
    once per process."""
    codes = FirstCodes(reference_fonts(languages))
    render_contract(reference_contract(languages), codes=codes)
    return codes


@cache
def _styles() -> dict[str, ParagraphStyle]:
    base = styles()
    return {
        "title": ParagraphStyle("contract-title", base["heading"], fontSize=14, leading=18,
                                alignment=TA_CENTER, spaceAfter=0),
        "title_ar": ParagraphStyle("contract-title-ar", base["heading"], fontName=ARABIC_BOLD,
                                   fontSize=14, leading=22, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("contract-subtitle", base["body"], alignment=TA_CENTER),
        "subtitle_ar": ParagraphStyle("contract-subtitle-ar", base["arabic"],
                                      alignment=TA_CENTER),
        "section": ParagraphStyle("contract-section", base["heading"], fontSize=10.5,
                                  leading=13, spaceBefore=0, spaceAfter=0),
        "section_ar": ParagraphStyle("contract-section-ar", base["arabic"],
                                     fontName=ARABIC_BOLD, fontSize=10.5, leading=15),
        "clause": ParagraphStyle("contract-clause", base["label"], fontSize=9, leading=12),
        "clause_ar": ParagraphStyle("contract-clause-ar", base["arabic"], fontName=ARABIC_BOLD,
                                    fontSize=9.5, leading=14),
        "body": base["body"],
        "label": base["label"],
        "small": base["small"],
        "arabic": ParagraphStyle("contract-arabic", base["arabic"], leading=13),
        "arabic_small": ParagraphStyle("contract-arabic-small", base["arabic"], fontSize=7.5,
                                       leading=11),
        "english": ParagraphStyle("contract-english", base["body"],
                                  textColor="#44505c"),
        "english_small": ParagraphStyle("contract-english-small", base["small"],
                                        textColor="#44505c"),
    }


class ContractLayout:
    """Builds the story of one contract: both languages' texts with the values filled in."""

    def __init__(self, document: ContractDocument) -> None:
        self.doc = document
        self.tr = clause_book("tr")
        self.other: ClauseBook | None = clause_book(document.second) if document.second else None
        self.style = _styles()
        self.values = {book.language: self._values(book) for book in self.books}
        # what `fill` puts in the templates: in Arabic each value isolated, so a Turkish name
        # ending in ">" or ")" keeps its own order (made once: a contract fills ~55 templates)
        self.filling = {language: {key: isolate(value) if value else value
                                   for key, value in values.items()}
                        if language == "ar" else values
                        for language, values in self.values.items()}

    @property
    def books(self) -> list[ClauseBook]:
        return [self.tr] + ([self.other] if self.other else [])

    # -- values -----------------------------------------------------------------------------

    def _values(self, book: ClauseBook) -> dict[str, str]:
        doc, terms = self.doc, self.doc.terms

        if book.language == "en":  # English prose writes its own notation: "11,750.00 TL"
            def day(value: date) -> str:
                return value.strftime("%d/%m/%Y")

            def money(value: Decimal) -> str:
                return written(round_money(value), 2, ",", ".")

            def rate(value: Decimal) -> str:
                return written(value, None, ",", ".")
        else:  # Turkish, and Arabic as the app writes it: "11.750,00"
            money, rate = amount, percent

            def day(value: date) -> str:
                return value.strftime("%d.%m.%Y")

        inner = isolate if book.language == "ar" else str  # values inside a phrase
        deed = (book.label("value.title_deed", block=inner(doc.title_deed_block or NONE),
                           parcel=inner(doc.title_deed_parcel or NONE))
                if doc.title_deed_block or doc.title_deed_parcel else book.label("value.none"))
        account = (book.label("value.account_iban", iban=inner(format_iban(terms.payment_iban)))
                   if terms.payment_iban else book.label("value.account_cash"))
        return {
            "landlord_name": doc.landlord.name_in(book.language),
            "tenant_name": doc.tenant.name_in(book.language),
            "programme": doc.programme, "address": doc.property_address, "title_deed": deed,
            "term": book.months(terms.term_months), "start_date": day(terms.start_date),
            "end_date": day(terms.end_date), "first_rent_date": day(terms.first_rent_date),
            "rent_free_period": book.months(terms.rent_free_months),
            "monthly_rent": money(terms.monthly_rent), "deposit": money(terms.deposit),
            "payment_day": str(terms.payment_day), "payment_account": account,
            "bank_threshold": money(doc.bank_payment_threshold),
            "works_value": money(self.doc.totals.gross), "boq_ref": doc.boq_ref,
            "fixtures": doc.fixtures or book.label("value.none"),
            "utilities": doc.utilities or book.label("value.utilities_default"),
            "court": doc.court, "total_rent": money(terms.total_rent),
            "stamp_rate": rate(doc.stamp_tax_per_mille),
            "stamp_tax": money(stamp_tax(terms.total_rent, doc.stamp_tax_per_mille)),
            "previous_number": doc.previous_number or NONE,
            "translation_language": (book.label(f"language.{doc.second}") if doc.second
                                     else ""),
        }

    def fill(self, book: ClauseBook, template: str) -> str:
        """`template` with the agreement's values (in Arabic isolated, see `filling`)."""
        return fill(template, self.filling[book.language])

    def label(self, book: ClauseBook, key: str) -> str:
        return self.fill(book, book.labels[key])

    # -- building blocks --------------------------------------------------------------------

    def text(self, value: str, kind: str = "body", language: str = "tr") -> Flowable:
        """User or template text in the style for its language ("ar" shapes, "en" is grey)."""
        if language == "ar":
            return paragraph(value, self.style["arabic_small" if kind == "small" else "arabic"])
        if language == "en":
            return paragraph(value, self.style["english_small" if kind == "small"
                                                else "english"])
        return paragraph(value, self.style[kind])

    def unit(self, unit: str) -> list[Flowable]:
        """A catalogue unit, with its translation under a Turkish word ("adet" / "قطعة")."""
        cells = [self.text(unit)]
        if self.other and unit_name(unit, self.other.language) != unit:
            cells.append(self.text(unit_name(unit, self.other.language), "small",
                                   self.other.language))
        return cells

    def both(self, key: str, kind: str = "label") -> list[Flowable]:
        """A template label in Turkish with its translation under it."""
        cells = [self.text(self.label(self.tr, key), kind)]
        if self.other:
            cells.append(self.text(self.label(self.other, key), "small", self.other.language))
        return cells

    def value(self, turkish: str, translated: str | None = None) -> list[Flowable]:
        """A value; a phrase that differs in the translation gets it underneath."""
        cells = [self.text(turkish or NONE)]
        if self.other and translated and translated != turkish:
            cells.append(self.text(translated, "small", self.other.language))
        return cells

    def filled(self, name: str) -> list[Flowable]:
        """The value of placeholder `name` in both languages."""
        return self.value(self.values["tr"][name],
                          self.values[self.other.language][name] if self.other else None)

    def phrase(self, key: str, **values: object) -> list[Flowable]:
        """A templated value phrase in both languages."""
        return self.value(self.tr.label(key, **values),
                          self.other.label(key, **values) if self.other else None)

    def months(self, count: int) -> list[Flowable]:
        return self.value(self.tr.months(count), self.other.months(count) if self.other else None)

    def money(self, value: Decimal) -> list[Flowable]:
        return self.phrase("value.amount", amount=amount(value))

    def heading(self, key: str) -> Flowable:
        """A section heading: Turkish on the left, Arabic on the right of the same line."""
        turkish = self.label(self.tr, key)
        if self.other is None:
            return paragraph(turkish, self.style["section"])
        translated = self.label(self.other, key)
        if self.other.language == "en":
            return paragraph(f"{turkish} / {translated}", self.style["section"])
        table = KeptTable([[paragraph(turkish, self.style["section"]),
                            paragraph(translated, self.style["section_ar"])]],
                          colWidths=[FRAME_WIDTH / 2] * 2)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS),
                                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID)]))
        return table

    def grid(self, rows: list[list[Any]], widths: list[float],
             extra: Sequence[tuple[Any, ...]] = (), header_rows: int = 0) -> Table:
        table = Table(rows, colWidths=widths, repeatRows=header_rows)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.25, GRID),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *extra,
        ]))
        return table

    # -- the document -----------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        gap = Gap(1, 4 * mm)
        story = [*self.title(), gap, self.heading("section.parties"), Gap(1, 1.5 * mm),
                 self.parties(), gap, self.heading("section.property"), Gap(1, 1.5 * mm),
                 self.property(), gap, self.heading("section.terms"), Gap(1, 1.5 * mm),
                 self.terms(), gap,
                 keep_together([self.heading("section.works"), Gap(1, 1.5 * mm),
                                self.works()], max_height=FRAME_HEIGHT / 3),
                 gap]
        clauses = self.clauses()
        clauses[0][:0] = [Room(HEADING_ROOM + 8 * mm), self.heading("section.clauses")]
        # the signatures never stand on a page of their own: the last clause goes with them;
        # any other clause may run on to the next page, so no page is left half empty
        for clause in clauses[:-1]:
            story += clause
        story.append(keep_together([*clauses[-1], gap, self.heading("section.signatures"),
                                   Gap(1, 1.5 * mm), self.signatures()]))
        return story

    def title(self) -> list[Flowable]:
        flow: list[Flowable] = [paragraph(self.tr.label("title"), self.style["title"]),
                                paragraph(self.tr.label("subtitle"),
                                          self.style["subtitle"])]
        if self.other is not None:
            arabic = self.other.language == "ar"
            flow += [paragraph(self.other.label("title"),
                               self.style["title_ar" if arabic else "title"]),
                     paragraph(self.other.label("subtitle"),
                               self.style["subtitle_ar" if arabic else "subtitle"])]
            prevails = [self.text(self.label(self.tr, "prevails"), "label"),
                        Spacer(1, 1 * mm),
                        self.text(self.label(self.other, "prevails"), "body",
                                  self.other.language)]
            box = KeptTable([[prevails]], colWidths=[FRAME_WIDTH])
            box.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS),
                                     ("BOX", (0, 0), (-1, -1), 0.75, INK),
                                     ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                                     ("TOPPADDING", (0, 0), (-1, -1), 4),
                                     ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
            flow += [Gap(1, 3 * mm), box]
        return flow

    def parties(self) -> Table:
        landlord, tenant = self.doc.landlord, self.doc.tenant
        other = self.other.language if self.other else "tr"
        rows = [[self.both("field.name"), self.value(landlord.name, landlord.name_in(other)),
                 self.value(tenant.name, tenant.name_in(other))],
                [self.both("field.id_number"), self.value(landlord.id_number or NONE),
                 self.value(tenant.id_number or NONE)],
                [self.both("field.address"), self.value(landlord.address or NONE),
                 self.value(tenant.address or NONE)],
                [self.both("field.phone"), self.value(landlord.phone or NONE),
                 self.value(tenant.phone or NONE)],
                [self.both("field.iban"),
                 self.value(format_iban(landlord.iban) if landlord.iban else NONE),
                 self.value(format_iban(tenant.iban) if tenant.iban else NONE)],
                [self.both("field.nationality"), self.value(landlord.nationality or NONE),
                 self.value(tenant.nationality or NONE)],
                [self.both("field.reference"), self.value(landlord.reference or NONE),
                 self.value(tenant.reference or NONE)]]
        header = ["", self.both("party.landlord"), self.both("party.tenant")]
        half = (FRAME_WIDTH - LABEL_WIDTH) / 2
        return self.grid([header, *rows], [LABEL_WIDTH, half, half],
                         [("BACKGROUND", (0, 0), (-1, 0), SHADE)])

    def property(self) -> Table:
        doc = self.doc
        rows = [[self.both("field.property_address"), self.value(doc.property_address)],
                [self.both("field.title_deed"), self.filled("title_deed")],
                [self.both("field.use"), self.phrase("value.use")]]
        if doc.floor_area_m2 is not None:
            rows.append([self.both("field.floor_area"),
                         self.phrase("value.area", area=quantity(doc.floor_area_m2))])
        return self.grid(rows, [LABEL_WIDTH, FRAME_WIDTH - LABEL_WIDTH])

    def terms(self) -> Table:
        doc, terms = self.doc, self.doc.terms
        tax = stamp_tax(terms.total_rent, doc.stamp_tax_per_mille)
        rows = [[self.both("field.term"), self.months(terms.term_months)],
                [self.both("field.start"), self.value(terms.start_date.strftime("%d.%m.%Y"))],
                [self.both("field.end"), self.value(terms.end_date.strftime("%d.%m.%Y"))],
                [self.both("field.monthly_rent"), self.money(terms.monthly_rent)],
                [self.both("field.rent_free"),
                 self.months(terms.rent_free_months) if terms.rent_free_months
                 else self.phrase("value.no_rent_free")],
                [self.both("field.deposit"), self.money(terms.deposit) if terms.deposit
                 else self.phrase("value.no_deposit")],
                [self.both("field.payment"), self.value(
                    self.label(self.tr, "value.payment"),
                    self.label(self.other, "value.payment") if self.other else None)],
                [self.both("field.fixtures"), self.value(doc.fixtures or NONE)],
                [self.both("field.utilities"), self.filled("utilities")],
                [self.both("field.court"), self.value(doc.court)],
                [self.both("field.stamp_tax"), self.money(tax)]]
        if doc.previous_number:
            rows.append([self.both("field.renewal_of"), self.value(doc.previous_number)])
        return self.grid(rows, [LABEL_WIDTH, FRAME_WIDTH - LABEL_WIDTH])

    def works(self) -> Table:
        widths = [10 * mm, 0.0, 20 * mm, 16 * mm, 28 * mm]
        widths[1] = FRAME_WIDTH - sum(widths)
        totals = self.doc.totals
        rows: list[list[Any]] = [[self.both(f"works.{key}") for key in
                                  ("no", "description", "quantity", "unit", "amount")]]
        for number, (work, total) in enumerate(zip(self.doc.works, totals.line_totals,
                                                   strict=True), start=1):
            description = [self.text(work.description)]
            if self.other and work.translation:
                description.append(self.text(work.translation, "small", self.other.language))
            rows.append([str(number), description, measure(work.quantity, work.unit),
                         self.unit(work.unit), amount(total)])
        first_total = len(rows)
        sums = [("works.total", totals.works)]
        if totals.contingency:
            sums.append(("works.contingency", totals.contingency))
        sums += [("works.kdv", totals.kdv_total), ("works.gross", totals.gross)]
        for key, value in sums:
            rows.append([self.both(key), "", "", "", amount(value)])
        spans = [("SPAN", (0, row), (3, row)) for row in range(first_total, len(rows))]
        return self.grid(rows, widths, [
            ("BACKGROUND", (0, 0), (0, -1), None),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ("FONTNAME", (-1, -1), (-1, -1), SANS_BOLD),
            ("BACKGROUND", (0, -1), (-1, -1), SHADE),
            *spans,
        ], header_rows=1)

    def clauses(self) -> list[list[Flowable]]:
        """Each clause in Turkish, then its translation, as flowables that may break between
        pages (a heading stays with the text under it); the numbers run without gaps over the
        clauses that apply."""
        conditions = {"rent_free": self.doc.terms.rent_free_months > 0,
                      "deposit": self.doc.terms.deposit > 0,
                      "renewal": self.doc.previous_number is not None}
        translated = ({clause.number: clause for clause in self.other.clauses}
                      if self.other else {})
        flow: list[list[Flowable]] = []
        shown = 0
        for clause in self.tr.clauses:
            if clause.condition and not conditions[clause.condition]:
                continue
            shown += 1
            parts = self.clause(self.tr, clause, shown, 2 * mm)
            if clause.number in translated:
                assert self.other is not None
                parts += self.clause(self.other, translated[clause.number], shown, 1.2 * mm)
            flow.append(parts)
        return flow

    def clause(self, book: ClauseBook, clause: Clause, shown: int, gap: float) -> list[Flowable]:
        """`gap`, then a clause's heading, never last on a page, then its paragraphs (a
        conditional page break is far cheaper than a KeepTogether, which measures on a copy of
        the frame)."""
        kind = {"ar": "clause_ar"}.get(book.language, "clause")
        heading = book.label("clause", n=shown, title=clause.title)
        return [Room(HEADING_ROOM, gap), paragraph(heading, self.style[kind]),
                *(self.text(self.fill(book, text), "body", book.language)
                  for text in clause.paragraphs)]

    def signatures(self) -> Flowable:
        doc = self.doc
        roles = ("party.landlord", "party.tenant", "party.programme")
        names = (doc.landlord.name, doc.tenant.name, doc.programme_signatory)
        blocks = [SignatureBlock(self.tr.label(role), name) for role, name in zip(roles, names, strict=True)]
        words = (self.tr.label("sign.name"), self.tr.label("sign.signature"),
                 self.tr.label("sign.date"))
        translations = {}
        if self.other is not None:
            keys = (*roles, "sign.name", "sign.signature", "sign.date")
            translations = {self.tr.label(key): self.other.label(key) for key in keys}
        return signature_blocks(blocks, translations=translations, words=words)

