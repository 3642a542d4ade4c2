"""Running the command line in-process for a test: `run(capsys, *argv)` gives the exit code,
stdout and stderr of `shelter_app.cli.main.main(argv)`."""

import pytest

from shelter_app.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
