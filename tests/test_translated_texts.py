"""Every text given to tr()/translate() reaches the translation files.

lupdate extracts a literal text only: `self.tr("Save")` lands in the .ts files, but
`self.tr(header)` or `translate("audit", text)` lands nowhere, and test_translations cannot
see that its values were never extracted, so they would show untranslated. A text that is not
a literal is refused unless it is one of the few kinds below, each checked: the values it can
hold are all marked for lupdate (QT_TRANSLATE_NOOP, in the context the call translates in), or
it is a translator's own plumbing, handing on a text some literal call gave.
"""

import ast
from collections.abc import Callable, Iterator

from tests.test_plural_sources import _name, _text, sources

NOOP = "QT_TRANSLATE_NOOP"


def _marked(node: ast.expr, context: str) -> bool:
    """`node` is QT_TRANSLATE_NOOP(context, "a literal")."""
    return (isinstance(node, ast.Call) and _name(node) == NOOP and len(node.args) == 2
            and all(isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    for arg in node.args) and node.args[0].value == context)


def _assigned(body: list[ast.stmt], name: str) -> Iterator[ast.expr]:
    """The values `name` is given in `body` (a module's or a class's statements)."""
    for statement in body:
        if isinstance(statement, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == name for target in statement.targets):
            yield statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) \
                and statement.target.id == name and statement.value is not None:
            yield statement.value


def _elements(value: ast.expr) -> list[ast.expr]:
    """The texts a constant holds: a list's or tuple's items (a pair's second), a dict's
    values."""
    if isinstance(value, ast.Dict):
        return [item for item in value.values if item is not None]
    if isinstance(value, (ast.List, ast.Tuple)):
        return [item.elts[-1] if isinstance(item, ast.Tuple) else item for item in value.elts]
    return [value]


def unmarked_class_texts(attribute: str, argument: int | None = None) -> list[str]:
    """Every class's `attribute` (HEADERS, columns) whose texts are not marked in the class's
    own context (the context tr() translates in); `argument`: the text is that argument of
    each item (Column(header, …))."""
    wrong = []
    for module, tree in sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            for value in _assigned(node.body, attribute):
                for item in _elements(value):
                    text = item.args[argument] if argument is not None \
                        and isinstance(item, ast.Call) else item
                    if not _marked(text, node.name):
                        wrong.append(f"{module}: {node.name}.{attribute}: {ast.unparse(text)}")
    return wrong


def unmarked_constant_texts(module: str, names: tuple[str, ...], context: str) -> list[str]:
    """The texts of `module`'s constants `names` not marked in `context`."""
    tree = dict(sources())[module]
    values = [value for name in names for value in _assigned(tree.body, name)]
    assert len(values) == len(names), names  # each constant still there
    return [f"{module}: {ast.unparse(text)}" for value in values for text in _elements(value)
            if not _marked(text, context)]


# (module, the text as written): what proves its values reach the translation files
KINDS: dict[tuple[str, str], Callable[[], list[str]]] = {
    ("ui/accounts/offices_page.py", "self.HEADERS[section]"):
        lambda: unmarked_class_texts("HEADERS"),
    ("ui/boq/lines_model.py", "self.HEADERS[section]"): lambda: unmarked_class_texts("HEADERS"),
    ("ui/boq/catalogue_page.py", "self.ARABIC"): lambda: unmarked_class_texts("ARABIC"),
    ("ui/imports/preview_model.py", "self.HEADERS[section]"):
        lambda: unmarked_class_texts("HEADERS"),
    ("ui/paged_model.py", "self.columns[section].header"):
        lambda: unmarked_class_texts("columns", argument=0),
    ("ui/assessments/measurements.py", "header"): lambda: unmarked_constant_texts(
        "ui/assessments/measurements.py", ("ROOM_COLUMNS", "OPENING_COLUMNS"),
        "MeasurementTable"),
    ("ui/audit/labels.py", "text"): lambda: unmarked_constant_texts(
        "ui/audit/labels.py", ("_ACTIONS", "_ENTITIES", "_FIELDS"), "audit"),
    ("ui/standard_words.py", "word"): lambda: unmarked_constant_texts(
        "ui/standard_words.py", ("_WORDS",), "StandardWords"),
}
# (module, the text as written): why a translator's plumbing hands on a text unchecked
PLUMBING = {
    ("domain/i18n.py", "str(key['text'])"):
        "a stored message shown again: its key is what a literal translate() call made",
    ("ui/language.py", "text"): "the console's translator, asked as Qt's is",
    ("ui/reading.py", "source"): "the Arabic translator, asked by Qt",
}


def _moves_a_canvas(tree: ast.Module) -> set[ast.Call]:
    """The module's calls of ReportLab's Canvas.translate(dx, dy) (it moves the origin): in a
    Canvas subclass, on `self`."""
    return {node for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef)
            and any(ast.unparse(base).endswith("Canvas") for base in cls.bases)
            for node in ast.walk(cls) if isinstance(node, ast.Call) and _name(node) == "translate"
            and ast.unparse(node.func) == "self.translate"}


def variable_texts() -> list[tuple[str, str, int]]:
    """(module, text as written, line) of every tr()/translate() call of the package whose
    text is not a literal. str.translate(table) and a canvas's translate are no such call."""
    found = []
    for module, tree in sources():
        canvas = _moves_a_canvas(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node) not in ("tr", "translate") \
                    or node in canvas or (_name(node) == "translate" and len(node.args) < 2):
                continue
            text = _text(node)
            if text is None or (isinstance(text, ast.Constant) and isinstance(text.value, str)):
                continue
            found.append((module, ast.unparse(text), node.lineno))
    return found


def test_every_text_not_written_as_a_literal_is_known():
    """A new one is refused: translate a literal, or mark its values with QT_TRANSLATE_NOOP
    and add it to KINDS with its check."""
    assert [f"{module}:{line}: {text}" for module, text, line in variable_texts()
            if (module, text) not in KINDS and (module, text) not in PLUMBING] == []


def test_the_values_of_each_kind_are_marked_for_the_translation_files():
    assert [wrong for kind in KINDS.values() for wrong in kind()] == []


def test_every_kind_is_still_there():
    """A kind whose call has gone goes too (it would let a new one through unchecked)."""
    found = {(module, text) for module, text, _ in variable_texts()}
    assert (set(KINDS) | set(PLUMBING)) - found == set()


def test_the_scan_sees_a_text_given_as_a_variable():
    """`self.tr(super().data(index, role))` translated a table's value (already translated)
    again under a context it was never marked in; a class's header list with a plain string
    is found too."""
    tree = ast.parse("class Model:\n    HEADERS = [QT_TRANSLATE_NOOP('Model', 'Code'), 'Name']\n"
                     "    def data(self, index):\n        return self.tr(super().data(index))\n")
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and _name(node) == "tr"]
    assert [ast.unparse(_text(call)) for call in calls] == ["super().data(index)"]
    elements = _elements(next(_assigned(tree.body[0].body, "HEADERS")))
    assert [_marked(element, "Model") for element in elements] == [True, False]
