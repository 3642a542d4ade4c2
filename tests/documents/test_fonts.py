"""Bold faces made from the variable fonts, named apart and cached."""

from fontTools.ttLib import TTFont

from shelter_app.documents.fonts import ARABIC_BOLD, SANS_BOLD, register_fonts, static_instance


def test_bold_is_a_static_instance_with_its_own_postscript_name(tmp_path):
    files = register_fonts().files
    source = files["NotoSansArabic"]
    made = static_instance(source, 700, ARABIC_BOLD, tmp_path)
    font = TTFont(made)
    assert "fvar" not in font  # static: ReportLab prints exactly these outlines
    assert font["name"].getDebugName(6) == ARABIC_BOLD
    assert font["OS/2"].usWeightClass == 700
    stamp = made.stat().st_mtime_ns
    assert static_instance(source, 700, ARABIC_BOLD, tmp_path) == made
    assert made.stat().st_mtime_ns == stamp  # reused, not made again
    assert not list(tmp_path.glob("*.partial"))
    assert TTFont(files[SANS_BOLD])["name"].getDebugName(6) == SANS_BOLD


def test_a_subset_is_cut_once_and_embedded_the_same(monkeypatch):
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfbase.ttfonts import TTFontFace

    from shelter_app.documents.fonts import ARABIC, SANS
    from shelter_app.documents.page_furniture import build_pdf
    from shelter_app.documents.styles import DocumentMeta, styles
    from shelter_app.documents.text import paragraph

    register_fonts()
    cut = []
    original = TTFontFace.makeSubset
    monkeypatch.setattr(TTFontFace, "makeSubset",
                        lambda face, subset: cut.append(face.name) or original(face, subset))
    for name in (SANS, ARABIC):
        getFont(name).face.__dict__.pop("_kept", None)

    def render(text: str) -> bytes:
        story = [paragraph(text, styles()["body"]), paragraph("المادة 7 – مبلغ", styles()["arabic"])]
        return build_pdf(story, DocumentMeta("DENEME", "GAZ-2026-0001"))

    first = render("Şöför Ünal")
    assert render("Şöför Ünal") == first  # the same programs again
    made = len(cut)
    render("Şöför Ünal")
    assert len(cut) == made  # nothing cut twice
    assert render("Çağrı Öztürk") != first  # other characters, another program
    assert len(cut) > made


def test_pages_are_deflated_quickly_and_fonts_as_before():
    import re
    import zlib

    from shelter_app.documents.page_furniture import build_pdf
    from shelter_app.documents.styles import DocumentMeta, styles
    from shelter_app.documents.text import paragraph

    pdf = build_pdf([paragraph("Şöför Ünal", styles()["body"])],
                    DocumentMeta("DENEME", "GAZ-2026-0001"))
    streams = re.findall(rb" obj\n(.*?)stream\r?\n(.*?)endstream", pdf, re.S)
    fonts = [data for head, data in streams
             if b"/Length1" in head or zlib.decompress(data).startswith(b"/CIDInit")]
    drawn = [data for head, data in streams if data not in fonts]
    assert len(fonts) == 4 and len(drawn) == 3  # two fonts' programs and maps; a page, two forms
    assert all(zlib.compress(zlib.decompress(data), 3) == data for data in drawn)
    assert all(zlib.compress(zlib.decompress(data)) == data for data in fonts)


def test_only_the_faces_documents_draw_in_are_registered():
    from reportlab.pdfbase.pdfmetrics import getRegisteredFontNames

    from shelter_app.documents.fonts import ARABIC, SANS

    assert set(register_fonts().files) == {SANS, SANS_BOLD, ARABIC, ARABIC_BOLD}
    assert not [name for name in getRegisteredFontNames() if name.startswith("Amiri")]
