"""The data thread holds off full garbage collections while a job runs (a whole read then
builds millions of objects a full collection would walk, UI frozen), and puts the
collector's thresholds back afterwards, whatever the jobs do and however they overlap."""

from __future__ import annotations

import gc
import threading

import pytest

from jobtui.config import Config
from jobtui.core import dates
from jobtui.core.model import Application
from jobtui.db.store import Store
from jobtui.tui.data import DataService, no_full_collections


def _service(store: Store) -> DataService:
    def deliver(fn, *args):
        fn(*args)  # no UI here: hand back on the data thread itself

    return DataService(store, Config(), dates.now, deliver)


def test_thresholds_are_back_after_overlapping_holds():
    before = gc.get_threshold()
    first_in, second_out = threading.Event(), threading.Event()

    def other() -> None:
        with no_full_collections():
            first_in.set()
            second_out.wait(5)

    thread = threading.Thread(target=other)
    with no_full_collections():
        thread.start()
        first_in.wait(5)
        assert gc.get_threshold()[2] > 10**6  # no full collection while either holds
    assert gc.get_threshold()[2] > 10**6  # the other one still holds
    second_out.set()
    thread.join(5)
    assert gc.get_threshold() == before


@pytest.mark.parametrize("refresh", [True, False])
def test_a_job_runs_without_full_collections_and_they_come_back(db_path, refresh):
    before = gc.get_threshold()
    store = Store(db_path)
    service = _service(store)
    seen = []

    def job(store: Store) -> str:
        seen.append(gc.get_threshold())
        return store.save(Application(company="Acme", role="Dev")).company

    try:
        assert service.submit(job, refresh=refresh, full=refresh).result(10) == "Acme"

        def failing(store: Store) -> None:
            raise RuntimeError("the job fails")

        with pytest.raises(RuntimeError):
            service.submit(failing).result(10)
    finally:
        service.close()
    assert seen[0][2] > 10**6
    assert gc.get_threshold() == before
    if refresh:
        assert [row.app.company for row in service.overview.rows] == ["Acme"]


def test_what_freezing_keeps_from_the_collector_is_bounded():
    """Cyclic garbage alive at a freeze and dead after it is freed once the frozen set has
    doubled: a long session of whole rebuilds does not grow without bound."""
    import jobtui.tui.data as data_module

    gc.collect()
    gc.freeze()
    data_module._frozen_when_clean[0] = 0
    try:
        data_module.freeze_new_graph()
        base = max(gc.get_freeze_count(), 1)
        highest = 0
        for _ in range(12):
            cycles = []
            for _ in range(base // 2 + 1000):  # half the heap's worth of cycles, then gone
                node: list = []
                node.append(node)
                cycles.append(node)
            data_module.freeze_new_graph()
            del cycles, node
            highest = max(highest, gc.get_freeze_count())
        # Without the clean-ups it would reach about 7x (12 rounds of half the heap).
        assert highest < 4 * base + 5000
    finally:
        gc.unfreeze()
        data_module._frozen_when_clean[0] = 0
