"""The console saves a statistics chart as a PNG file and prints its path; --no-chart turns it off; `ask`,
which prints text only, never draws one."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image

from tests.conftest import CliJob, run_cli_parallel


def test_console_writes_the_chart_and_prints_its_path(tmp_path: Path) -> None:
    charts, quiet = tmp_path / "charts", tmp_path / "quiet"
    results = run_cli_parallel({
        "on": CliJob(["chat", "--chart-dir", str(charts)], "/stats facebook\n/quit\n"),
        "off": CliJob(["chat", "--chart-dir", str(quiet), "--no-chart"], "/stats facebook\n/quit\n"),
        "ask": CliJob(["ask", "/stats facebook", "--json"], python_flags=["-X", "importtime"]),
    }, tmp_path)
    on, off, ask = results["on"], results["off"], results["ask"]
    assert ask.returncode == 0, ask.stderr
    assert '"kind": "info"' in ask.stdout
    imported = {line.rsplit("|", 1)[1].strip().split(".")[0] for line in ask.stderr.splitlines()
                if line.startswith("import time:")}
    assert "bot" in imported and "matplotlib" not in imported
    assert on.returncode == 0, on.stderr
    found = re.search(r"Chart saved: (\S+\.png)", on.stdout)
    assert found is not None, on.stdout
    path = Path(found.group(1))
    assert path.parent == charts and path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(path.read_bytes())) as picture:
        picture.load()
        assert picture.format == "PNG" and picture.size[0] == 1000
    assert off.returncode == 0, off.stderr
    assert "Chart saved" not in off.stdout and "FACEBOOK" in off.stdout.upper() and not quiet.exists()
