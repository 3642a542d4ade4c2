"""`shelter-app print boq REF --out FILE.pdf`, in-process through cli.main."""

import subprocess

import pytest
from server_dbs import target
from sqlalchemy import select

from shelter_app.cli.main import main
from shelter_app.data.models import BoQ


def test_print_boq_by_dwelling_ref_writes_its_newest_revision(demo_db, tmp_path, capsys):
    with demo_db.read() as session:
        ref = session.scalar(select(BoQ.ref).where(BoQ.revision == 2).limit(1))
    dwelling = ref.rsplit("-B", 1)[0]
    out = tmp_path / "keşif.pdf"
    code = main(["print", "boq", dwelling.lower(), "--out", str(out), "--db",
                 target(demo_db)])
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    assert ref in capsys.readouterr().out
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert ref in text and "KDV dahil genel toplam" in text


def test_print_boq_of_an_unknown_ref_is_one_line_and_exit_2(demo_db, tmp_path, capsys):
    code = main(["print", "boq", "GAZ-D-999999", "--out", str(tmp_path / "x.pdf"), "--db",
                 target(demo_db)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "No bill of quantities" in err
    assert not (tmp_path / "x.pdf").exists()


def test_print_boq_to_an_unwritable_place_is_a_user_error(demo_db, tmp_path, capsys):
    with demo_db.read() as session:
        ref = session.scalar(select(BoQ.ref).limit(1))
    code = main(["print", "boq", ref, "--out", str(tmp_path / "missing" / "x.pdf"), "--db",
                 target(demo_db)])
    assert code == 2 and "does not exist; nothing was written" in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(("code", "kinds"), [
    ("en", "water and sanitation, electricity, heating"),
    ("tr", "su ve sıhhi tesisat, elektrik, ısınma"),
    ("ar", "والمياه والصرف الصحي، والكهرباء، والتدفئة")])
def test_print_boq_help_says_photos_of_every_tagged_kind_print(capsys, monkeypatch, code, kinds):
    """`--photos` prints water, electricity and heating photos too, not only the works'."""
    monkeypatch.setenv("SHELTER_APP_LANG", code)
    with pytest.raises(SystemExit):
        main(["print", "boq", "--help"])
    assert kinds in " ".join(capsys.readouterr().out.split())
