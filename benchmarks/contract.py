"""Landlord agreements on paper: one Turkish+Arabic contract in a warm process (contract_pdf,
target <= 30 ms), and 500 contracts through the batch service with progress (contract_batch,
target <= 8 s on 2 cores; documents per second beside LibreOffice's batched conversion; its
baseline is 500 times this run's warm render on one core, so the ratio is what the worker
processes gain; cpu_s adds the reading thread's CPU time and the workers').

The warm figure renders different agreements in turn (names, amounts, works differ), so no
cache of one document's text flatters it; `with_query_ms` adds reading it from the database.
Where LibreOffice is installed, the same content as a .docx is converted to PDF in the same run
(`soffice --headless --convert-to pdf`), one document per call and 20 in one call, and the
ratio to ours is printed (target >= 25x).
"""

import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

from benchmarks.fixtures import demo_database

BATCH = 500
DEMO_SIZE = 1000  # about 570 agreements


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def _docx(document, path: Path) -> None:  # type: ignore[no-untyped-def]
    """The contract's texts as a plain .docx (Turkish, then Arabic right to left, and the
    works table): what an office would otherwise fill in a word processor."""
    from shelter_app.documents.contract import ContractLayout

    layout = ContractLayout(document)

    def para(text: str, rtl: bool = False, bold: bool = False) -> str:
        props = "<w:pPr><w:bidi/><w:jc w:val=\"right\"/></w:pPr>" if rtl else ""
        run = ("<w:rPr>" + ("<w:b/>" if bold else "") + ("<w:rtl/>" if rtl else "")
               + "</w:rPr>")
        return f"<w:p>{props}<w:r>{run}<w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"

    body = [para(layout.tr.label("title"), bold=True)]
    if layout.other:
        body.append(para(layout.other.label("title"), rtl=True, bold=True))
    rows = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{escape(str(cell))}</w:t></w:r></w:p></w:tc>"
                           for cell in (work.description, work.quantity, work.unit,
                                        work.unit_price)) + "</w:tr>"
        for work in document.works)
    body.append(f"<w:tbl>{rows}</w:tbl>")
    for clause in layout.tr.clauses:
        for book in layout.books:
            rtl = book.language == "ar"
            body.append(para(book.label("clause", n=clause.number, title=clause.title),
                             rtl=rtl, bold=True))
            match = next(c for c in book.clauses if c.number == clause.number)
            body += [para(layout.fill(book, text), rtl=rtl) for text in match.paragraphs]
    xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document "
           "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
           + "".join(body) + "</w:body></w:document>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas."
            "openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
            "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName="
            "\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
            "wordprocessingml.document.main+xml\"/></Types>"))
        archive.writestr("_rels/.rels", (
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
            "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" Type="
            "\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "officeDocument\" Target=\"word/document.xml\"/></Relationships>"))
        archive.writestr("word/document.xml", xml)


def _children_cpu() -> float:
    """CPU seconds of this process's children and theirs, ended or running. The batch's workers
    are forked from a fork server (a child of this process that outlives the batch), so they are
    its children, not ours: RUSAGE_CHILDREN alone counted none of them. Linux reads /proc;
    elsewhere only the children this process has waited for count."""
    own = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parents: dict[int, int] = {}
    times: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended while read
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime

    def ours(pid: int) -> bool:
        while pid > 1:
            pid = parents.get(pid, 0)
            if pid == os.getpid():
                return True
        return False

    return total + sum(times[pid] for pid in times if ours(pid)) / tick


def _libreoffice(documents, folder: Path) -> dict[str, float] | None:  # type: ignore[no-untyped-def]
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None
    sources = []
    for number, document in enumerate(documents[:20]):
        sources.append(folder / f"contract{number}.docx")
        _docx(document, sources[-1])
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"

    def convert(files: list[Path]) -> float:
        started = time.perf_counter()
        subprocess.run([office, profile, "--headless", "--convert-to", "pdf", "--outdir",
                        str(folder / "out"), *map(str, files)], check=True,
                       capture_output=True, timeout=600)
        return time.perf_counter() - started

    convert(sources[:1])  # the first start creates the profile
    single = _median([convert([source]) * 1000 for source in sources[:3]])
    batch = convert(sources) * 1000 / len(sources)
    return {"single_ms": single, "batch_ms_per_doc": round(batch, 2)}


def run() -> list[dict[str, object]]:
    from shelter_app.data.engine import Database, target_url
    from shelter_app.documents.contract import render_contract
    from shelter_app.domain.stages import Role
    from shelter_app.services.agreements.lookup import agreement_numbers
    from shelter_app.services.accounts.auth import SYSTEM
    from shelter_app.services.agreements.output import contract_document, print_contracts
    from shelter_app.services.processes import cores

    actor = replace(SYSTEM, role=Role.ENGINEER)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "demo.db"
        shutil.copyfile(demo_database(DEMO_SIZE), path)
        db = Database(target_url(str(path)))
        numbers = agreement_numbers(db, actor)
        documents = [contract_document(db, actor, number, "tr+ar") for number in numbers[:40]]
        render_contract(documents[0])  # warm: fonts registered
        renders, queried = [], []
        for document in documents * 2:
            started = time.perf_counter()
            pdf = render_contract(document)
            renders.append((time.perf_counter() - started) * 1000)
        for number in numbers[:20]:
            started = time.perf_counter()
            render_contract(contract_document(db, actor, number, "tr+ar"))
            queried.append((time.perf_counter() - started) * 1000)
        pages = pdf.count(b"/Type /Page\n")
        todo = (numbers * (BATCH // len(numbers) + 1))[:BATCH]
        reports = []
        children = _children_cpu()
        started, cpu = time.perf_counter(), time.process_time()
        result = print_contracts(db, actor, folder / "batch", numbers=todo, languages="tr+ar",
                                 progress=lambda done, total, _: reports.append(done))
        batch_seconds = time.perf_counter() - started
        reading_cpu = time.process_time() - cpu
        workers_cpu = _children_cpu() - children
        office = _libreoffice(documents, folder)
        db.dispose()
    ours = _median(renders)
    contract_pdf: dict[str, object] = {
        "name": "contract_pdf", "value": ours, "unit": "ms", "baseline": None, "ratio": None,
        "target": "<= 30 ms warm (tr+ar)", "with_query_ms": _median(queried), "pages": pages,
        "p90_ms": round(sorted(renders)[int(len(renders) * 0.9)], 2)}
    if office is not None:
        contract_pdf.update(baseline=office["single_ms"],
                            ratio=round(office["single_ms"] / ours, 1),
                            libreoffice_batch_ms_per_doc=office["batch_ms_per_doc"],
                            batch_ratio=round(office["batch_ms_per_doc"] / ours, 1),
                            target="<= 30 ms warm (tr+ar); LibreOffice ratio >= 25x")
    else:
        contract_pdf["libreoffice"] = "not installed: no ratio"
    one_core = ours * BATCH / 1000  # the warm render of this run, one after another
    contract_batch: dict[str, object] = {
        "name": "contract_batch", "value": round(batch_seconds, 2), "unit": "s",
        "baseline": round(one_core, 2), "ratio": round(batch_seconds / one_core, 2),
        "baseline_is": f"{BATCH} x this run's warm contract_pdf (one core, no reading)",
        "target": f"<= 8 s for {BATCH} on 2 cores, with progress",
        "docs_per_s": round(BATCH / batch_seconds, 1), "cores": cores(),
        "cpu_s": round(reading_cpu + workers_cpu, 2), "reading_cpu_s": round(reading_cpu, 2),
        "workers_cpu_s": round(workers_cpu, 2),
        "render_cpu_ms": round(workers_cpu * 1000 / BATCH, 1),
        "written": len(result.written), "failed": len(result.failed),
        "progress_reports": len(reports)}
    if office is not None:  # LibreOffice converting the same count in batches of 20
        office_seconds = office["batch_ms_per_doc"] * BATCH / 1000
        contract_batch.update(libreoffice_s=round(office_seconds, 2),
                              libreoffice_ratio=round(batch_seconds / office_seconds, 2),
                              libreoffice_docs_per_s=round(BATCH / office_seconds, 1),
                              libreoffice_is=f"batched conversion of {BATCH} .docx")
    else:
        contract_batch["libreoffice"] = "not installed: no documents per second beside ours"
    return [
        contract_pdf,
        contract_batch,
    ]
