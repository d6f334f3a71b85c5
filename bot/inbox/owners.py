"""Who holds a claim: a worker id that says which host and process it is, so a dead one is noticed.

Why this and not only leases: a restarted worker (or a sibling on the same host) can see at once that
the process holding claims is gone and take them over, instead of waiting for the lease to run out.
Workers on other hosts are never judged: their leases decide.
"""

from __future__ import annotations

import os
import secrets
import socket
from pathlib import Path

_OWNERS: dict[int, str] = {}


def new_owner() -> str:
    """host:pid:random, one per process (the Telegram and Discord workers of `run all` share it, so neither
    takes the other for dead); the random part tells a reused pid from the process that had it before."""
    pid = os.getpid()
    if pid not in _OWNERS:  # keyed by pid: a forked child gets its own
        _OWNERS[pid] = f"{socket.gethostname()}:{pid}:{secrets.token_hex(4)}"
    return _OWNERS[pid]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    try:  # a killed child not yet reaped is a zombie: dead for our purpose
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[0] != "Z"


def dead_here(owners: list[str], me: str) -> list[str]:
    """The owners that ran on this host and whose process is gone (never `me`; our own pid with another
    random part is an earlier process that had this pid)."""
    host, pid, _ = me.rsplit(":", 2)
    dead = []
    for owner in owners:
        if owner == me:
            continue
        parts = owner.rsplit(":", 2)
        if len(parts) != 3 or parts[0] != host or not parts[1].isdigit():
            continue
        if parts[1] == pid or not _alive(int(parts[1])):  # our pid with another token: an earlier life
            dead.append(owner)
    return dead
