"""The TUI's only door to the store: one background thread does every read and write.

The UI thread never touches the Store. It submits a job (a function of the store); the job
runs on the data thread, then the result (and, if asked, a fresh :class:`Overview`) comes
back on the UI thread through a callback. Saves therefore never block drawing, and TinyDB is
only ever used from one thread.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
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
    posts a message, which is thread-safe and never blocks the data thread).
    """

    def __init__(
        self,
        store: Store | StoreOpener,
        config: Config,
        clock: Callable[[], datetime],
        deliver: Callable[..., Any],
    ) -> None:
        # A Store, or a function that opens one: then the file is read on the data thread,
        # after the first frame, so a big database does not hold up the first paint.
        self.store: Store | None = store if isinstance(store, Store) else None
        self._opener: StoreOpener | None = None if isinstance(store, Store) else store
        self.notice: str | None = None
        self.config = config
        self.clock = clock
        self._deliver = deliver
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobtui-data")
        self._pending = 0
        self._lock = threading.Lock()
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
    ) -> Future[Any]:
        """Queue ``job(store)``; afterwards call ``on_done(result, overview_or_None)``.

        With ``refresh``, the overview is brought up to date: only the applications the job
        touched are recomputed, unless ``full`` (or there is no overview yet).
        """
        with self._lock:
            self._pending += 1

        def run() -> Any:
            try:
                store = self._ensure_open()
                result = job(store)
                overview = None
                # Records came in from elsewhere (a merge on save, a reload): rebuild it all.
                reloaded = store.take_reloaded()
                everything = full or reloaded
                if (refresh or everything) and (everything or self.overview is None):
                    store.take_touched()
                    overview = snapshot(store, self.clock(), self.config)
                    # Keep the garbage collector from walking this big, long-lived graph
                    # again and again (its pauses hold the GIL, freezing the UI).
                    gc.freeze()
                elif refresh:
                    assert self.overview is not None
                    overview = refreshed(store, self.overview, self.config)
                if overview is not None:
                    self.overview = overview.prepare()
            except BaseException as exc:  # reported to the UI, never lost in the thread
                if on_error is not None:
                    self._deliver(on_error, exc)
                raise
            finally:
                with self._lock:
                    self._pending -= 1
            if on_done is not None:
                self._deliver(on_done, result, overview)
            return result

        return self._pool.submit(run)

    def close(self) -> None:
        """Finish every queued job (so every save lands), then release the store."""
        self._pool.shutdown(wait=True)
        if self.store is not None:
            self.store.close()
