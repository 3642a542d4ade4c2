"""`shelter-app print contract NO` and `print contracts [--status S] --out DIR`, in-process."""

import subprocess

from server_dbs import target
from sqlalchemy import select

from shelter_app.cli.main import main
from shelter_app.data.models import LeaseAgreement
from shelter_app.domain.stages import AgreementStatus
from shelter_app.services.agreements import contract_files
from shelter_app.services.agreements import output as contract_output


def numbers(db, status: AgreementStatus) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(LeaseAgreement.number)
                                    .where(LeaseAgreement.status == status)
                                    .order_by(LeaseAgreement.number)))


def test_print_one_contract_in_the_chosen_languages(demo_db, tmp_path, capsys):
    number = numbers(demo_db, AgreementStatus.ACTIVE)[0]
    out = tmp_path / "sözleşme.pdf"
    code = main(["print", "contract", number.lower(), "--out", str(out), "--lang", "tr+en",
                 "--db", target(demo_db)])
    assert code == 0 and number in capsys.readouterr().out
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert number in text and "the Turkish text prevails" in text and "Sayfa 1 /" in text


def test_an_unknown_agreement_is_one_line_and_exit_2(demo_db, tmp_path, capsys):
    code = main(["print", "contract", "GAZ-2026-9999", "--out", str(tmp_path / "x.pdf"),
                 "--db", target(demo_db)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "No agreement GAZ-2026-9999" in err
    assert not (tmp_path / "x.pdf").exists()


def test_print_every_draft_with_progress(demo_db, tmp_path, capsys):
    drafts = numbers(demo_db, AgreementStatus.DRAFT)
    assert drafts
    code = main(["print", "contracts", "--status", "draft", "--out", str(tmp_path / "out"),
                 "--db", target(demo_db)])
    captured = capsys.readouterr()
    assert code == 0
    assert sorted(path.stem for path in (tmp_path / "out").glob("*.pdf")) == drafts
    assert f"{len(drafts)}/{len(drafts)} {drafts[-1]}" in captured.err


def test_ctrl_c_leaves_only_complete_files(demo_db, tmp_path, capsys, monkeypatch):
    real = contract_files.render_contract
    monkeypatch.setattr(contract_output, "cores", lambda: 1)  # rendered here, where the patch is
    calls = []

    def interrupted(document):
        calls.append(document.number)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(document)

    monkeypatch.setattr(contract_files, "render_contract", interrupted)
    folder = tmp_path / "out"
    code = main(["print", "contracts", "--out", str(folder), "--db", target(demo_db)])
    assert code == 130 and "interrupted" in capsys.readouterr().err
    files = sorted(folder.iterdir())
    assert [path.name for path in files] == [f"{number}.pdf" for number in calls[:2]]
    assert all(path.read_bytes().rstrip().endswith(b"%%EOF") for path in files)
