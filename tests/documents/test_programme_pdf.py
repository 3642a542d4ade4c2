"""The programme report's PDF: column titles in whole words, every chart's key on the page."""

import re
import subprocess
from decimal import Decimal
from pathlib import Path

from shelter_app.documents.programme_pdf import build_report_pdf
from shelter_app.documents.programme_report import (
    COUNT,
    TEXT,
    Chart,
    ReportDocument,
    Section,
    Series,
)
from shelter_app.documents.styles import MARGIN, PAGE_WIDTH

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
