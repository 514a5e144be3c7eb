"""The cyclic collector is off inside ``paused()`` and as it was after, an exception or not."""

from __future__ import annotations

import gc

import pytest

from petition.check.gcpause import paused


@pytest.fixture
def collector():
    """Leave the collector as the test found it, whatever the test did to it."""
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_restored_after(collector):
    gc.enable()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_exception(collector):
    gc.enable()
    with pytest.raises(ValueError), paused():
        assert not gc.isenabled()
        raise ValueError("stop")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off(collector):
    gc.disable()
    with paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # paused() never turns on what its caller turned off


def test_nested_pauses_restore_only_at_the_outer_end(collector):
    gc.enable()
    with paused():
        with paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
