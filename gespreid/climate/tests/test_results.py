from gespreid.climate import results


def test_nothing_below_five_answers():
    r = results.summarize(1, "s", "c", [(4, "fijn"), (3, ""), (5, "goed"), (2, "")])
    assert not r.enough and r.n == 4
    assert r.counts == [] and r.mean is None and r.remarks == [] and r.bars == [] and r.segments == []


def test_spread_mean_and_sorted_remarks_from_five():
    r = results.summarize(1, "s", "c", [(4, "Zeker"), (3, ""), (5, "altijd"), (2, " "), (4, "Best")])
    assert r.enough and r.counts == [0, 1, 1, 2, 1] and r.mean == 3.6
    assert r.remarks == ["altijd", "Best", "Zeker"]
    assert sum(g["w"] for g in r.segments) == 500


def test_shown_parts_all_large():
    assert results.shown_parts({"a": 6, "b": 7}) == (["a", "b"], [])


def test_small_part_hidden_with_another_so_it_cannot_be_derived():
    shown, hidden = results.shown_parts({"a": 10, "b": 8, "c": 3})
    assert shown == ["a"] and hidden == ["b", "c"]


def test_one_small_part_beside_one_large_hides_both():
    # Showing a=10 beside the total would give away b=3.
    assert results.shown_parts({"a": 10, "b": 3}) == ([], ["a", "b"])


def test_hidden_parts_together_under_five_take_one_more():
    shown, hidden = results.shown_parts({"a": 1, "b": 2, "c": 6, "d": 9})
    assert shown == ["d"] and hidden == ["a", "b", "c"]


def test_everything_too_small():
    assert results.shown_parts({"a": 1, "b": 2}) == ([], ["a", "b"])


def test_empty_parts_ignored():
    assert results.shown_parts({"a": 5, "b": 0, "c": 5}) == (["a", "c"], [])


def test_change_rule():
    # 20 answers each: two colleagues two steps move the mean 0.2; the floor is 0.3.
    assert results.change_threshold(20, 20) == 0.3
    assert not results.is_change(3.5, 3.75, 20, 20)
    assert results.is_change(3.5, 3.9, 20, 20)
    # 8 answers: two colleagues two steps move it 0.5.
    assert results.change_threshold(8, 10) == 0.5
    assert not results.is_change(3.0, 3.45, 8, 10)
    assert results.is_change(3.0, 3.6, 8, 10)
    assert not results.is_change(None, 3.6, 0, 10)


def test_trend_chart_geometry():
    chart = results.trend_chart(["01-2026", "03-2026"], [{"name": "s", "values": [3.0, None]}])
    assert chart["series"][0]["points"] == [{"x": chart["left"], "y": chart["grid"][2]["y"], "value": 3.0}]
    assert len(chart["labels"]) == 2
