"""Counts on screens take each language's plural form through %n (Arabic has six)."""
import pytest

from shelter_app.domain.takeoff import Areas
from shelter_app.services.reports.output import agreement_label
from shelter_app.ui.assessments.measurements import quantities_text


def _isolates_out(text: str) -> str:
    return "".join(ch for ch in text if ch not in "\u2066\u2067\u2068\u2069\u200f")


@pytest.mark.parametrize(("code", "windows", "doors", "expected"), [
    ("en", 1, 2, "1 window 1.50 m², 2 doors"),
    ("tr", 1, 2, "1 pencere 1,50 m², 2 kapı"),
    ("ar", 1, 2, "نافذة واحدة 1,50 م²، بابان"),
    ("ar", 2, 3, "نافذتان 1,50 م²، 3 أبواب"),
    ("ar", 11, 100, "11 نافذةً 1,50 م²، 100 باب"),
])
def test_the_takeoff_line_counts_windows_and_doors_in_each_language(
        in_language, code, windows, doors, expected):
    from decimal import Decimal

    in_language(code)
    text = _isolates_out(quantities_text(Areas(window_area=Decimal("1.5"), windows=windows,
                                               doors=doors)))
    assert text.endswith(expected)


@pytest.mark.parametrize(("code", "days", "expected"), [
    ("en", 1, "Ending within 1 day"),
    ("en", 60, "Ending within 60 days"),
    ("tr", 60, "60 gün içinde bitiyor"),
    ("ar", 1, "تنتهي خلال يوم واحد"),
    ("ar", 2, "تنتهي خلال يومين"),
    ("ar", 7, "تنتهي خلال 7 أيام"),
    ("ar", 60, "تنتهي خلال 60 يومًا"),
])
def test_an_agreement_ending_soon_counts_its_days(in_language, code, days, expected):
    in_language(code)
    assert _isolates_out(agreement_label("ending_soon", days)) == expected


@pytest.mark.parametrize(("code", "expected"), [
    ("en", "1 new row, 2 updated, 0 unchanged, 11 skipped (already registered), 0 rejected; "
           "2 empty rows left out. 1 photo imported, 2 photos not found."),
    ("ar", "صف جديد واحد، حُدِّث صفان، لا صفوف دون تغيير، تُخطّي 11 صفًا (مسجلة من قبل)، "
           "لم يُرفض أي صف؛ استُبعد صفان فارغان. استُوردت صورة واحدة، صورتان غير موجودتين."),
])
def test_the_import_preview_counts_each_kind_of_row_with_its_own_plural(
        qtbot, in_language, code, expected):
    from shelter_app.services.imports.runner import ImportResult, RowOutcome, Status
    from shelter_app.ui.imports.preview_step import PreviewStep

    in_language(code)
    step = PreviewStep()
    qtbot.addWidget(step)
    statuses = [Status.NEW] + [Status.UPDATED] * 2 + [Status.SKIPPED] * 11
    result = ImportResult("cases", [RowOutcome(n, s) for n, s in enumerate(statuses, 2)],
                          committed=False, empty_rows=2, photos_imported=1, photos_missing=2)
    assert _isolates_out(step.counts_text(result)) == expected
