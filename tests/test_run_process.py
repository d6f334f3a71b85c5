"""The real worker process: `python -m bot run telegram` answers, then stops cleanly on SIGTERM.

This is what `make run` and the Procfile's `telegram` worker start; the Bot API is a local fake.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.fakes.telegram_api import FakeBotAPI, message

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:TEST-token-never-logged"


async def test_worker_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    server = FakeBotAPI()
    await server.start()
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": server.base_url,
        "DOCSOCIAL_DB": str(tmp_path / "db.sqlite"),
        "DOCSOCIAL_LOG_LEVEL": "DEBUG",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "telegram", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        await server.wait_for("getUpdates", timeout=60)
        server.push(message("what is sermo?"))
        sent = await server.wait_for("sendMessage", timeout=30)
        assert "Sermo" in sent[0].params["text"]
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
        await server.stop()
    log = stderr.decode()
    assert process.returncode == 0, log[-2000:]
    assert "stopped cleanly" in log
    assert TOKEN not in log and "TEST-token" not in log  # never log tokens, even at DEBUG
    assert "what is sermo" not in log  # nor message text
