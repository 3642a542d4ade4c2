"""`sync export` and `sync import` by command line: a laptop's package applied on the server's
database writes a receipt that the laptop then imports; a damaged package is one line, exit 2."""

import re
from pathlib import Path

from cli_runner import run
from server_dbs import target
from sync_fixtures import take_photos
from sync_server import serving

from shelter_app.data.engine import Database, target_url
from shelter_app.services.files import photo_path
from shelter_app.services.sync import serving as hub_setup


def test_a_package_and_its_receipt_by_command_line(capsys, demo_db, tmp_path: Path, engineer):
    hub_setup.prepare(demo_db)
    laptop = tmp_path / "a.db"
    with serving(demo_db) as url:
        code, out, err = run(capsys, "device", "add", "usb-1", "--office", "GAZ", "--db",
                             target(demo_db))
        enrolment = re.search(r"enrol SERVER_URL (\S+)", out)
        assert code == 0 and enrolment, err
        assert run(capsys, "enrol", url, enrolment.group(1), "--db", str(laptop))[0] == 0
        assert run(capsys, "sync", "--db", str(laptop))[0] == 0
    machine = Database(target_url(str(laptop)))  # from here on, no network
    [sha] = take_photos(machine, engineer, 1, tmp_path)

    package = tmp_path / "stick" / "usb-1.pkg"
    package.parent.mkdir()
    code, out, err = run(capsys, "sync", "export", "--out", str(package), "--db", str(laptop))
    assert code == 0, err
    assert "package 1" in out and "1 photo or scan" in out

    code, out, err = run(capsys, "sync", "import", str(package), "--db", target(demo_db))
    assert code == 0, err
    receipt = package.with_name("usb-1-receipt.pkg")
    assert str(receipt) in out and receipt.is_file()
    assert photo_path(demo_db, sha).is_file()

    code, out, err = run(capsys, "sync", "import", str(receipt), "--db", str(laptop))
    assert code == 0, err
    assert re.search(r"Sent [1-9]\d* changes? \([1-9]\d* applied, 0 in conflict, 0 refused\)",
                     out), out

    code, _, err = run(capsys, "sync", "import", str(package), "--db", target(demo_db))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "already imported" in err
    damaged = tmp_path / "damaged.pkg"
    damaged.write_bytes(package.read_bytes()[:-5])
    code, _, err = run(capsys, "sync", "import", str(damaged), "--db", target(demo_db))
    assert code == 2 and "nothing was applied" in err and len(err.strip().splitlines()) == 1
    machine.dispose()


def test_a_laptop_enrols_by_package_from_the_command_line(capsys, demo_db, tmp_path: Path):
    hub_setup.prepare(demo_db)
    assert run(capsys, "device", "add", "usb-2", "--office", "GAZ", "--db",
               target(demo_db))[0] == 0
    package = tmp_path / "usb-2-enrolment.barinak"
    code, out, err = run(capsys, "device", "package", "usb-2", "--out", str(package), "--db",
                         target(demo_db))
    opener = re.search(r"^\s+([0-9A-F]{4}(?:-[0-9A-F]{4}){7})$", out, re.MULTILINE)
    assert code == 0 and opener and package.is_file(), err
    laptop = tmp_path / "new" / "laptop.db"
    laptop.parent.mkdir()

    code, _, err = run(capsys, "sync", "import", str(package), "--db", str(laptop))
    assert code == 2 and "--code CODE" in err and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "sync", "import", str(package), "--code", opener.group(1),
                         "--db", str(laptop))
    assert code == 0 and "Enrolled as usb-2" in out, err
    code, out, err = run(capsys, "sync", "export", "--out", str(tmp_path / "w.barinak"),
                         "--db", str(laptop))
    assert code == 0 and "package 1" in out, err
    code, _, err = run(capsys, "sync", "--db", str(laptop))
    assert code == 2 and "enrolled by USB stick" in err and "--server URL" in err
    code, _, err = run(capsys, "sync", "import", str(package), "--code", opener.group(1),
                       "--db", str(laptop))
    assert code == 2 and "already enrolled" in err
