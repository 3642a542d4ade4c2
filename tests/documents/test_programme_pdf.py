"""The programme report's PDF: column titles in whole words, every chart's key on the page."""

import re
import subprocess
from decimal import Decimal
from pathlib import Path

from shelter_app.documents.programme_pdf import build_report_pdf
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
from shelter_app.documents.styles import BOTTOM_MARGIN, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, TOP_MARGIN

STAGES = ("Kayıtlı", "Değerlendirildi", "Keşif hazırlandı", "Keşif onaylandı",
          "Sözleşme imzalandı", "İşler sürüyor", "Tamamlandı", "İzleniyor")


def test_ten_column_titles_stay_whole_and_eight_keys_stay_on_the_page(tmp_path: Path) -> None:
    """The stage table's titles broke inside words ("Değerlendirild|i", "Tamamlan|dı") and the
    stage chart's key of eight ran off the page's right edge ("Tamamlandı" cut)."""
    offices = ("ADA", "ANK", "GAZ")
    chart = Chart("Aşamaya göre vakalar", offices,
                  tuple(Series(name, (Decimal(2),) * 3) for name in STAGES), stacked=True)
    section = Section("Aşamaya göre vakalar", "Not.", (chart,), ("Ofis", *STAGES, "Toplam"),
                      (TEXT, *[COUNT] * 9), tuple((office, *[2] * 8, 16) for office in offices))
    pdf = tmp_path / "report.pdf"
    build_report_pdf(ReportDocument("Program raporu", "Tüm ofisler", "RPR-1", "Bugün",
                                    (section,)), pdf)
    words = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout
    found = re.findall(r'xMax="([\d.]+)"[^>]*>([^<]+)</word>', words)
    texts = [text for _, text in found]
    for stage in STAGES:
        for word in stage.split():
            assert texts.count(word) >= 2, word  # in the key and as a whole column title
    assert max(float(x) for x, _ in found) <= PAGE_WIDTH - MARGIN + 1


def test_each_language_writes_its_own_numbers_and_page_words(tmp_path: Path) -> None:
    """The English report wrote Turkish notation ("2.500.000,00", "470,5") under a Turkish and
    English header with "Sayfa 1 / 1"; the Arabic one had no Arabic header."""
    months = ("09.2026", "10.2026")
    chart = Chart("Bütçe", months, (Series("Ödenen", (Decimal(2500000), Decimal(1200000))),),
                  money=True)
    section = Section("Para", "Not.", (chart,), ("Ay", "Gün", "Tutar", "Vaka"),
                      (TEXT, DAYS, MONEY, COUNT),
                      (("09.2026", Decimal("470.5"), Decimal(2500000), 1200),))

    def text(language: str, title: str) -> str:
        pdf = tmp_path / f"report-{language}.pdf"
        build_report_pdf(ReportDocument(title, "Scope", "RPR-1", "Today", (section,),
                                        rtl=language == "ar", language=language), pdf)
        return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout

    english = text("en", "Programme report")
    assert "2,500,000.00" in english and "470.5" in english and "1,200" in english
    assert "2,500,000" in english.replace("2,500,000.00", "")  # the chart's axis
    assert "Page 1 of 1" in english and "Document No: RPR-1" in english
    assert "Sayfa" not in english and "Program Raporu" not in english
    assert "2.500.000" not in english and "470,5" not in english
    turkish = text("tr", "Program raporu")
    assert "2.500.000,00" in turkish and "470,5" in turkish and "Sayfa 1 / 1" in turkish
    arabic = text("ar", "تقرير البرنامج")
    assert "الصفحة" in arabic and "رقم الوثيقة" in arabic and "2.500.000,00" in arabic


def test_the_arabic_report_s_header_and_footer_read_from_the_right(tmp_path: Path) -> None:
    """In Arabic the running header is Arabic alone, at the right as the headings and tables
    below it (title, number, organisation and day; the QR code at the left), the page words at
    the left of the footer and the number at its right; it printed Turkish words at the left
    ("Program Raporu", "Belge No", "Sayfa 1 / 1") and the Arabic title beside the QR code."""
    chart = Chart("الحالات", ("GAZ",), (Series("مسجل", (Decimal(12),)),))
    section = Section("الحالات", "ملاحظة.", (chart,), ("المكتب", "الحالات"), (TEXT, COUNT),
                      (("GAZ", 12),))
    pdf = tmp_path / "report.pdf"
    build_report_pdf(ReportDocument("تقرير البرنامج", "جميع المكاتب", "RPR-1", "اليوم",
                                    (section,), rtl=True, language="ar"), pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert not {"Program", "Raporu", "Belge", "Sayfa"} & set(re.findall(r"\w+", text))
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    # -bbox gives an Arabic word's letters as drawn, from the left
    words = [(float(x0), float(y0), float(x1), word[::-1] if re.search("[\u0600-\u06ff]", word)
              else word) for x0, y0, x1, word in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]+)</word>', bbox)]
    header = [word for word in words if word[1] < TOP_MARGIN]
    footer = [word for word in words if word[1] > PAGE_HEIGHT - BOTTOM_MARGIN]
    right = PAGE_WIDTH - MARGIN
    written = " ".join(word for _, _, _, word in header)
    assert all(word in written for word in ("تقرير", "البرنامج", "الوثيقة", "RPR-1", "Barınak"))
    assert all(x0 > PAGE_WIDTH / 2 for x0, _, _, _ in header)
    assert max(x1 for _, _, x1, _ in header) > right - 1  # not beside a QR code at the right
    assert {word for _, _, _, word in footer} >= {"الصفحة", "RPR-1"}
    page_word = next(word for word in footer if word[3] == "الصفحة")
    number = next(word for word in footer if word[3] == "RPR-1")
    assert page_word[0] < PAGE_WIDTH / 2 < number[0] and number[2] > right - 1


def test_an_arabic_report_s_charts_read_from_the_right(tmp_path: Path) -> None:
    """As the Reports page draws them in Arabic: the first office at the right, the values'
    axis at the right, a group's first bar and the first key at the right; drawn from the left
    they read against the tables and headings around them. A Turkish chart is as it was."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart

    from shelter_app.documents.programme_pdf import _chart

    chart = Chart("الميزانية", ("ADA", "ANK"), (Series("الميزانية", (Decimal(4), Decimal(3))),
                                                   Series("المدفوع", (Decimal(2), Decimal(1)))))
    section = Section("المال", "ملاحظة.", (chart,), ("المكتب", "الحالات"), (TEXT, COUNT),
                      (("ADA", 12),))
    places = {}
    for language in ("tr", "ar"):
        pdf = tmp_path / f"{language}.pdf"
        build_report_pdf(ReportDocument("تقرير", "Scope", "RPR-1", "Today", (section,),
                                        rtl=language == "ar", language=language), pdf)
        bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                              check=True, capture_output=True, text=True).stdout
        words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>', bbox)
        chart_words = {word: float(x) for x, y, word in words if 195 < float(y) < 350}  # below the title, above the table
        places[language] = chart_words
        bars = next(item for item in _chart(chart, 250, language == "ar", language).contents
                    if isinstance(item, VerticalBarChart))
        assert bars.data[0] == ([2.0, 1.0] if language == "ar" else [4.0, 3.0])
    turkish, arabic = places["tr"], places["ar"]
    assert turkish["ADA"] < turkish["ANK"] and arabic["ADA"] > arabic["ANK"]
    assert turkish["4"] < turkish["ADA"] and arabic["4"] > arabic["ADA"]  # the values' axis
    first, second = "الميزانية"[::-1], "المدفوع"[::-1]  # -bbox: Arabic letters as drawn
    assert arabic[first] > arabic[second]
