"""Display order of mixed lines: brackets mirrored at right-to-left levels, isolated values kept
whole, a Turkish sentence with an Arabic name still left to right."""

import unicodedata

from shelter_app.documents.bidi import base_direction, isolate, shown
from shelter_app.documents.text import visual as drawn


def visual(line: str, base: str = "R") -> str:
    """The line as printed: mirrored brackets as the glyphs drawn for them, without the
    text layer's glyphs of no width."""
    return "".join(char for char in shown(drawn(line, base))
                   if unicodedata.category(char) != "Co")


def plain(line: str) -> str:
    return unicodedata.normalize("NFKC", line)


def test_brackets_around_latin_text_in_arabic_face_outwards():
    assert visual("رقم الآيبان (IBAN)").startswith("(IBAN) ")
    assert "1234 (ada)" in visual("البلوك (ada) 1234، القطعة")  # read from the right


def test_brackets_around_arabic_text_are_mirrored_and_nested_pairs_too():
    line = visual("كلمة (أولى [ثانية]) ثالثة")
    assert line.count("(") == line.count(")") == 1
    assert line.index("(") < line.index("[") < line.index("]") < line.index(")")
    assert visual("(كلمة (abc) كلمة)")[0] == "(" and "(abc)" in visual("(كلمة (abc) كلمة)")


def test_a_bracket_split_by_a_line_break_takes_its_neighbours_direction():
    opening = visual("مع مراعاة (المادة 347 من")
    assert ")" in opening and "(" not in opening  # drawn on the right, facing the text
    assert visual("التركي).").startswith(".(")
    assert visual("Kiracı (TBK m.", "L") == "Kiracı (TBK m."


def test_an_isolated_name_keeps_its_order_inside_arabic():
    name = "Öztürk & Oğulları <Ltd>"
    assert name in visual(f"بين المؤجر {isolate(name)} والمستأجر")
    assert ">Öztürk" in visual(f"بين المؤجر {name} والمستأجر")  # what isolation prevents
    assert "\u2068" not in visual(isolate("x") + " كلمة")


def test_the_first_letter_decides_the_direction():
    assert base_direction("Adı Soyadı: محمد") == "L"
    assert base_direction("1234 محمد") == "R"
    line = visual("Adı Soyadı: محمد الأحمد", "L")
    assert line.startswith("Adı Soyadı: ")
    assert plain(line.removeprefix("Adı Soyadı: ")[::-1]) == "محمد الأحمد"
