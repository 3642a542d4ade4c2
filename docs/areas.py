"""Print which service areas each area imports, read from the code (the table in
ARCHITECTURE.md): `.venv/bin/python docs/areas.py`. Uses grimp, import-linter's own graph."""

import grimp

SERVICES = "shelter_app.services"


def area_of(module: str, areas: list[str]) -> str | None:
    for area in areas:
        if module == area or module.startswith(area + "."):
            return area.rsplit(".", 1)[1]
    return None


def main() -> None:
    graph = grimp.build_graph("shelter_app")
    areas = sorted(m for m in graph.find_children(SERVICES))
    uses: dict[str, set[str]] = {area.rsplit(".", 1)[1]: set() for area in areas}
    for module in graph.modules:
        importer = area_of(module, areas)
        if importer is None:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            target = area_of(imported, areas)
            if target and target != importer:
                uses[importer].add(target)
    width = max(map(len, uses))
    for area, targets in sorted(uses.items(), key=lambda item: (len(item[1]), item[0])):
        print(f"{area:<{width}}  ->  {', '.join(sorted(targets)) or '(nothing of ours)'}")


if __name__ == "__main__":
    main()
