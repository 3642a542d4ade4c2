"""The server process freezes what start-up made and collects young objects less often while
it serves, and gives the process back as it found it."""

import gc

from shelter_app.server.collector import server_collector


def test_serving_freezes_start_up_and_raises_the_young_threshold_until_it_ends():
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    with server_collector():
        assert gc.get_threshold()[0] == 10_000 > before[0]
        assert gc.get_threshold()[1:] == before[1:]
        assert gc.get_freeze_count() > frozen
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
