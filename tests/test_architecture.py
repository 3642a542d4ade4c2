"""The house plan holds: no module imports, however indirectly, a module that imports it."""

import grimp


def test_no_import_circles() -> None:
    graph = grimp.build_graph("shelter_app")
    circles = set()
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                circles.add(" -> ".join((importer, *back)))
    assert sorted(circles) == []
