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
