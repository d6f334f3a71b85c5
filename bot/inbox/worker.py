"""Claim stored updates and answer them: concurrently across chats, in order within a chat, once.

One worker per process. It claims what is free (its own arrivals, a dead worker's leftovers, anything
another worker stored), binds a `Ticket` and calls the adapter's `process`. When `process` returns,
the update is marked done in the same transaction as the writes it made under
`store.deferred_effects()` (an answer recorded, a gap logged), so a redelivery records them once;
when it failed, it is given back (its writes dropped) and tried again later (at most
`max_attempts` claims, then counted "failed"). Housekeeping renews this worker's leases, frees the
claims of dead workers on this host, purges old done rows and sheds a backlog beyond the limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import traceback
from collections.abc import Awaitable, Callable, Sequence

from bot.inbox import owners
from bot.inbox.settings import InboxSettings
from bot.inbox.ticket import ClaimLost, Ticket, bind, unbind
from bot.storage.base import InboxItem, InboxStore, InboxUpdate, StoreError

log = logging.getLogger(__name__)

Process = Callable[[InboxItem], Awaitable[None]]
_STOP_GRACE = 10.0  # seconds in-flight answers get to finish at a graceful stop
_UNCOUNTED = frozenset({"answered", "ignored"})  # other outcomes (failed, dropped_late, expired) are counted
_OUTAGE_PAUSE = 2.0  # seconds between claims while the database cannot be reached
_RETRY_PAUSE = 1.0  # seconds per attempt before a failed answer is tried again


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class InboxWorker:
    """Stores arrivals (`put`) and answers stored updates (`run`) for the given platforms."""

    def __init__(self, store: InboxStore, platforms: Sequence[str], process: Process,
                 settings: InboxSettings | None = None, *, clock: Callable[[], dt.datetime] = _utcnow) -> None:
        self.store = store
        self.platforms = list(platforms)
        self.process = process
        self.settings = settings or InboxSettings()
        self.owner = owners.new_owner()
        self._clock = clock
        self._wake = asyncio.Event()
        self._active: set[asyncio.Task[None]] = set()
        self.answered = 0  # updates this worker finished (any outcome), for benchmarks and logs

    @property
    def lease(self) -> dt.timedelta:
        return dt.timedelta(seconds=self.settings.lease_seconds)

    async def put(self, updates: Sequence[InboxUpdate]) -> int:
        """Store arrivals durably (a redelivery is a no-op); only then may the platform be told."""
        new = await self.store.inbox_put(updates)
        if new:
            self._wake.set()
        return new

    # --- the loop ---------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        """Answer until `stop` is set, then let in-flight answers finish and give back the rest."""
        await self._housekeeping_once(first=True)
        keeper = asyncio.create_task(self._housekeeping(stop), name="inbox-housekeeping")
        try:
            while not stop.is_set():
                self._wake.clear()  # before claiming: a wake-up during the claim is not lost
                free = self.settings.concurrency - len(self._active)
                items: list[InboxItem] = []
                if free > 0:
                    try:
                        items = await self.store.inbox_claim(self.owner, self.platforms, self.lease, free)
                    except StoreError as exc:  # the database is away: say so once per pause, not per poll
                        log.warning("inbox: cannot claim updates (%s); retrying in %.0f s", exc, _OUTAGE_PAUSE)
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(stop.wait(), _OUTAGE_PAUSE)
                        continue
                for item in items:
                    task = asyncio.create_task(self._answer(item), name="inbox-answer")
                    self._active.add(task)
                    task.add_done_callback(self._finished)
                if items and len(items) == free:
                    continue  # maybe more to claim once a slot frees; the done callback wakes us
                await self._sleep(stop)
        finally:
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper
            await self._drain()

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._active.discard(task)
        self._wake.set()  # a slot is free, and the chat's next update may be claimable now

    async def _sleep(self, stop: asyncio.Event) -> None:
        waiters = [asyncio.create_task(self._wake.wait()), asyncio.create_task(stop.wait())]
        try:
            await asyncio.wait(waiters, timeout=self.settings.poll_seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def _drain(self) -> None:
        if self._active:
            _, late = await asyncio.wait(set(self._active), timeout=_STOP_GRACE)
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late)  # each cancelled answer gives its update back (_answer)

    # --- one update -------------------------------------------------------------------------
    async def _answer(self, item: InboxItem) -> None:
        update = item.update
        age = self._clock() - update.received_at
        late = age.total_seconds() > self.settings.late_after_seconds

        async def mark_sending() -> bool:
            return await self.store.inbox_sending(update.platform, update.update_id, self.owner)

        ticket = Ticket(item=item, late=late, mark_sending=mark_sending,
                        final=item.attempts >= self.settings.max_attempts)
        if item.was_sending:
            log.warning("inbox: a worker died while sending the answer to a %s update; it is sent again",
                        update.platform)
            await self._count("resent")
        token = bind(ticket)
        try:
            with self.store.deferred_effects() as effects:  # its writes wait for the done mark
                await self.process(item)
        except ClaimLost as exc:
            ticket.error = exc
        except asyncio.CancelledError:
            await asyncio.shield(self._give_back(update))
            raise
        except Exception as exc:  # the adapter's own error handling failed too: same as a failed answer
            ticket.error = exc
            if log.isEnabledFor(logging.DEBUG):  # frames only: exception messages may quote user text
                log.debug("traceback (message omitted):\n%s", "".join(traceback.format_tb(exc.__traceback__)))
        finally:
            unbind(token)
        if isinstance(ticket.error, ClaimLost):  # raised here or caught and reported by the adapter
            log.info("inbox: a %s update was taken over by another worker; not answering it here", update.platform)
            return
        if ticket.error is not None and item.attempts < self.settings.max_attempts:
            log.warning("inbox: answering a %s update failed (%s, attempt %d of %d); it will be retried",
                        update.platform, type(ticket.error).__name__, item.attempts, self.settings.max_attempts)
            await asyncio.sleep(_RETRY_PAUSE * item.attempts)  # still ours (renewed): a brief outage passes
            await self._give_back(update)
            return
        outcome = "failed" if ticket.error is not None else ticket.outcome
        try:
            if not await self.store.inbox_finish(update.platform, update.update_id, self.owner, outcome, effects):
                log.info("inbox: a %s update was finished elsewhere; its effects are not recorded twice",
                         update.platform)
        except StoreError as exc:
            log.error("inbox: could not mark a %s update done (%s); it may be answered again", update.platform, exc)
            return
        self.answered += 1
        if outcome == "failed":
            log.error("inbox: gave up on a %s update after %d attempts", update.platform, item.attempts)
        if outcome not in _UNCOUNTED:
            await self._count(outcome)

    async def _give_back(self, update: InboxUpdate) -> None:
        with contextlib.suppress(StoreError):
            await self.store.inbox_release(update.platform, update.update_id, self.owner)

    async def _count(self, name: str) -> None:
        with contextlib.suppress(StoreError):
            await self.store.inbox_count(name)

    # --- housekeeping -----------------------------------------------------------------------
    async def _housekeeping(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.settings.housekeeping_seconds)
            if not stop.is_set():
                await self._housekeeping_once()

    async def _housekeeping_once(self, *, first: bool = False) -> None:
        try:
            await self.store.inbox_renew(self.owner, self.lease)  # also claims taken outside run() (Discord)
            dead = owners.dead_here(await self.store.inbox_owners(), self.owner)
            if dead:
                freed = await self.store.inbox_free(dead)
                log.warning("inbox: %d updates held by %d stopped worker(s) on this host are picked up again",
                            freed, len(dead))
                self._wake.set()
            keep = dt.timedelta(hours=self.settings.keep_done_hours)
            purged, shed = await self.store.inbox_trim(self._clock() - keep, self.settings.max_backlog)
            if shed:
                log.error("inbox: backlog above DOCSOCIAL_INBOX_MAX_BACKLOG=%d: shed the %d oldest unanswered "
                          "updates (counter inbox.shed)", self.settings.max_backlog, shed)
            if first:
                stats = await self.store.inbox_stats()
                waiting = stats.pending + stats.claimed + stats.sending
                if waiting:
                    log.info("inbox: %d updates waiting from before this start", waiting)
            if purged:
                log.debug("inbox: purged %d answered update keys", purged)
        except StoreError as exc:
            log.warning("inbox: housekeeping failed (%s); retrying later", exc)
