"""The TUI's only door to the store: one background thread does every read and write.

The UI thread never touches the Store. It hands over a job (a function of the store); the
job runs on the data thread, in the order given, and the result comes back on the UI thread:
``result = await data.call(job)`` in a coroutine (a worker, an async action), or through the
callbacks of :meth:`DataService.submit`. Saves therefore never block drawing, and the store
is only ever used from one thread.

``data.idle`` is set whenever no job is queued, running or waiting to be handed back to the
UI; tests ``await data.wait_idle()`` instead of sleeping.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any

from jobtui.config import Config
from jobtui.core.overview import Overview, build_overview, update_overview
from jobtui.db.store import NotFoundError, Store

Job = Callable[[Store], Any]
# Opens the store (on the data thread) and says anything the user should know (read-only...).
StoreOpener = Callable[[], tuple[Store, str | None]]
Done = Callable[[Any, Overview | None], None]
Failed = Callable[[BaseException], None]
ShowOverview = Callable[[Overview], None]


_NEVER = 1 << 30  # a threshold no count reaches
_full_collections_lock = threading.Lock()
_full_collections_held = [0, 0]  # [how many hold them off, the oldest threshold before]


@contextlib.contextmanager
def no_full_collections() -> Iterator[None]:
    """Only young garbage is collected meanwhile (the thresholds are put back afterwards).

    A job that reads the whole file again (another program changed it) builds millions of
    long-lived objects; each full collection on the way walks all of them, holding the
    interpreter lock for hundreds of ms (the UI freezes). They are frozen afterwards
    (``gc.freeze``), so the collector never walks them at all. Young collections, which
    walk only what was made since the last one, still free short-lived cycles.
    """
    with _full_collections_lock:
        young, middle, oldest = gc.get_threshold()
        if _full_collections_held[0] == 0:
            _full_collections_held[1] = oldest
            gc.set_threshold(young, middle, _NEVER)
        _full_collections_held[0] += 1
    try:
        yield
    finally:
        with _full_collections_lock:
            _full_collections_held[0] -= 1
            if _full_collections_held[0] == 0:
                young, middle, _ = gc.get_threshold()
                gc.set_threshold(young, middle, _full_collections_held[1])


_frozen_when_clean = [0]  # objects frozen right after the last full collection


def freeze_new_graph() -> None:
    """Leave the new long-lived graph out of the collector's later rounds (``gc.freeze``):
    its pauses over millions of objects hold the interpreter lock, freezing the UI.

    A freeze also keeps whatever cyclic garbage is made of objects alive at that moment (a
    dialog closed later) from ever being collected, and a whole rebuild happens every few
    minutes. So once what is frozen has doubled since the last clean-up, the permanent
    generation is collected once (unfreeze, collect, freeze): memory stays within about
    twice the live heap, for one pause every few hours of use.
    """
    gc.freeze()
    count = gc.get_freeze_count()
    if not _frozen_when_clean[0]:
        _frozen_when_clean[0] = count
    elif count > 2 * _frozen_when_clean[0]:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _frozen_when_clean[0] = gc.get_freeze_count()


def refreshed(store: Store, old: Overview, config: Config) -> Overview:
    """The overview after a change: only the applications it touched are recomputed."""
    apps, contacts_changed = store.take_touched()
    changed: dict[str, Any] = {}
    for app_id in apps:
        try:
            app = store.get_application(app_id)
        except NotFoundError:
            changed[app_id] = None  # deleted
            continue
        changed[app_id] = (app, store.interviews(app_id), store.sent_log(app_id))
    contacts = store.contacts() if contacts_changed else None
    return update_overview(old, changed, contacts, config.followup)


def snapshot(store: Store, now: datetime, config: Config) -> Overview:
    """Read everything and compute the overview (runs on the data thread)."""
    return build_overview(
        store.applications(),
        store.interviews_by_application(),
        store.sent_by_application(),
        store.contacts(),
        now,
        config.followup,
    )


class DataService:
    """Runs store jobs in order on one thread and reports back through ``deliver``.

    ``deliver(fn, *args)`` must arrange for ``fn(*args)`` to run on the UI thread (the app
    posts a message, which is thread-safe and never blocks the data thread); it returns
    False if it could not (the app is gone). ``on_overview`` is how :meth:`call` hands a
    fresh overview to the UI (the app redraws with it) before the caller resumes.
    """

    def __init__(
        self,
        store: Store | StoreOpener,
        config: Config,
        clock: Callable[[], datetime],
        deliver: Callable[..., Any],
        on_overview: ShowOverview | None = None,
    ) -> None:
        # A Store, or a function that opens one: then the file is read on the data thread,
        # after the first frame, so a big database does not hold up the first paint.
        self.store: Store | None = store if isinstance(store, Store) else None
        self._opener: StoreOpener | None = None if isinstance(store, Store) else store
        self.notice: str | None = None
        self.config = config
        self.clock = clock
        self._deliver = deliver
        self.on_overview = on_overview
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobtui-data")
        self._pending = 0  # jobs queued or running on the data thread
        self._outstanding = 0  # ... or whose result the UI has not had yet
        self._lock = threading.Lock()
        self.idle = threading.Event()
        self.idle.set()
        self.overview: Overview | None = None  # the latest, as built on the data thread

    @property
    def read_only(self) -> bool:
        return self.store.read_only if self.store is not None else False

    @property
    def read_only_reason(self) -> str | None:
        """Why the database cannot be changed (a sentence for the user), or None."""
        if self.store is None or not self.store.read_only:
            return None
        return self.store.read_only_reason or "it was opened read-only"

    def _ensure_open(self) -> Store:
        if self.store is None:
            assert self._opener is not None
            self.store, self.notice = self._opener()
        return self.store

    @property
    def busy(self) -> bool:
        """True while a job is queued or running."""
        with self._lock:
            return self._pending > 0

    def submit(
        self,
        job: Job,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        refresh: bool = True,
        full: bool = False,
        search_later: bool = True,
    ) -> Future[Any]:
        """Queue ``job(store)``; afterwards call ``on_done(result, overview_or_None)``.

        With ``refresh``, the overview is brought up to date: only the applications the job
        touched are recomputed, unless ``full`` (or there is no overview yet). After a whole
        rebuild the rows' search text is prepared next on the data thread, unless not
        ``search_later``: then the caller calls :meth:`prepare_search_later` when it suits.
        """
        self._begin()

        def run() -> Any:
            try:
                with no_full_collections():
                    store = self._ensure_open()
                    result = job(store)
                    overview = None
                    # Records came in from elsewhere (a merge on save, a reload): rebuild it all.
                    reloaded = store.take_reloaded()
                    everything = full or reloaded
                    whole = (refresh or everything) and (everything or self.overview is None)
                    if whole:
                        store.take_touched()
                        overview = snapshot(store, self.clock(), self.config)
                    elif refresh:
                        assert self.overview is not None
                        overview = refreshed(store, self.overview, self.config)
                    if overview is not None:
                        self.overview = overview.prepare()
                    if whole:
                        freeze_new_graph()
            except BaseException as exc:  # reported to the UI, never lost in the thread
                self._hand_back(on_error, exc)
                raise
            self._hand_back(on_done, result, overview)
            if overview is not None and everything and search_later:
                self.prepare_search_later(overview)
            return result

        try:
            return self._pool.submit(run)
        except BaseException:  # closed: the job never runs
            with self._lock:
                self._pending -= 1
            self._end()
            raise

    def prepare_search_later(self, overview: Overview) -> None:
        """Normalize every row's text for `/` on the data thread, after the rows are drawn:
        the first filter keystroke then costs what every other one does (at 10,000
        applications this is a few hundred ms better spent here than at start or in the UI)."""
        with contextlib.suppress(RuntimeError):  # closed meanwhile: nothing to prepare for
            self._pool.submit(overview.prepare_search)

    async def call(self, job: Job, *, refresh: bool = False, full: bool = False) -> Any:
        """Run ``job(store)`` on the data thread (after every job queued before it) and
        return its result here, on the UI thread; its exception is raised here.

        With ``refresh`` the overview is brought up to date as in :meth:`submit` and
        handed to ``on_overview`` before this returns.
        """
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[Any] = loop.create_future()

        def done(result: Any, overview: Overview | None) -> None:
            if overview is not None and self.on_overview is not None:
                self.on_overview(overview)
            if not answer.done():
                answer.set_result(result)

        def failed(exc: BaseException) -> None:
            if not answer.done():
                answer.set_exception(exc)

        # Held until the caller has its answer: a test waiting for idle does not see a gap
        # between this job and the next one the caller queues.
        self._begin(queued=False)
        try:
            self.submit(job, done, failed, refresh=refresh, full=full)
            return await answer
        finally:
            self._end()

    async def wait_idle(self, timeout: float = 30.0) -> None:
        """Return once no job is queued, running or waiting to be handed back (for tests);
        TimeoutError after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while not self.idle.is_set():
            if time.monotonic() > deadline:
                raise TimeoutError("the data thread is still busy")
            await asyncio.sleep(0.005)

    def hold(self) -> Callable[[], None]:
        """Keep ``idle`` clear until the returned function is called (once; again is a no-op):
        for work the UI has promised but not queued yet, such as the first read."""
        self._begin(queued=False)
        released = threading.Event()

        def release() -> None:
            if not released.is_set():
                released.set()
                self._end()

        return release

    def _begin(self, *, queued: bool = True) -> None:
        with self._lock:
            self._pending += int(queued)
            self._outstanding += 1
            self.idle.clear()

    def _end(self) -> None:
        with self._lock:
            self._outstanding -= 1
            if self._outstanding == 0:
                self.idle.set()

    def _hand_back(self, fn: Callable[..., Any] | None, *args: Any) -> None:
        """(Data thread, job over.) Run ``fn(*args)`` on the UI thread, then count the job done."""
        with self._lock:
            self._pending -= 1
        delivered = False
        try:
            delivered = fn is not None and self._deliver(self._handed, fn, *args) is not False
        finally:
            if not delivered:
                self._end()

    def _handed(self, fn: Callable[..., Any], *args: Any) -> None:
        try:
            fn(*args)
        finally:
            self._end()

    def close(self) -> None:
        """Finish every queued job (so every save lands), then release the store."""
        self._pool.shutdown(wait=True)
        if self.store is not None:
            self.store.close()
