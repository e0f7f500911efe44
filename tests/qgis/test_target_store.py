"""Target store on GeoPackage and (when FG_TEST_PG_DSN names a reachable server) PostgreSQL.

Save, reload, version checks, the two-editor conflict, atomicity, the roster table.
"""

from __future__ import annotations

import os
import uuid
from decimal import Decimal

import pytest

from farmland_guard.core.targets import TargetBook, TargetRecord, merge_records
from farmland_guard.core.targets.book import TargetChange
from farmland_guard.core.targets.hierarchy import Hierarchy
from farmland_guard.core.targets.roster import RosterEntry
from farmland_guard.engine.target_store import (
    GeoPackageStore,
    PostgresStore,
    RosterConflict,
    SaveConflict,
    StoreError,
    open_store,
)

PG_DSN = os.environ.get("FG_TEST_PG_DSN", "")


def _pg_reachable() -> str:
    if not PG_DSN:
        return "FG_TEST_PG_DSN is not set (e.g. 'host=127.0.0.1 port=5432 dbname=fg_test user=fg')"
    try:
        import psycopg2
    except ImportError:
        return "psycopg2 is not installed"
    try:
        psycopg2.connect(PG_DSN, connect_timeout=3).close()
    except psycopg2.Error as error:
        return "PostgreSQL at FG_TEST_PG_DSN is not reachable: {}".format(str(error).strip())
    return ""


PG_SKIP = _pg_reachable()


@pytest.fixture(params=["gpkg", "postgres"])
def store_factory(request, tmp_path):
    """A function returning a *new* store object on the same database (a second editor)."""
    if request.param == "gpkg":
        path = tmp_path / "targets.gpkg"
        factory = lambda: GeoPackageStore(path)  # noqa: E731
        factory().ensure_schema()
        yield factory
        return
    if PG_SKIP:
        pytest.skip(PG_SKIP)
    import psycopg2

    schema = "fg_test_{}".format(uuid.uuid4().hex[:10])
    factory = lambda: PostgresStore(PG_DSN, schema)  # noqa: E731
    factory().ensure_schema()
    yield factory
    connection = psycopg2.connect(PG_DSN)
    connection.cursor().execute('DROP SCHEMA "{}" CASCADE'.format(schema))
    connection.commit()
    connection.close()


def _new(code, year=2024, **values):
    return TargetChange(None, TargetRecord(code, year, **values))


def test_save_and_reload_exact_values(store_factory):
    store = store_factory()
    store.ensure_schema()  # twice is fine
    # values typed by planners, as exact decimals; 0.07 and 0.29 are not exact binary floats
    typed = {"410823": "1234567.89", "410823100": "0.07", "410823101": "0.29", "410823102": "99999999.99"}
    changes = [
        _new(
            code,
            farmland=int(Decimal(text) * 100),
            pbf=int(Decimal(text) * 100) // 2,
            doc_no="焦政〔2024〕1号",
        )
        for code, text in typed.items()
    ]
    saved = store.save_targets(changes, unit_names={"410823": "温县"}, user="tester")
    assert [r.version for r in saved] == [1, 1, 1, 1]
    loaded = {r.unit_code: r for r in store_factory().load_targets(2024)}
    for code, text in typed.items():
        assert loaded[code].farmland == int(Decimal(text) * 100)
        assert loaded[code].doc_no == "焦政〔2024〕1号"
        assert loaded[code].version == 1
    assert store.years() == [2024]
    assert store.load_targets(2023) == []


def test_update_increments_version(store_factory):
    store = store_factory()
    [first] = store.save_targets([_new("410823", farmland=100)])
    [second] = store.save_targets(
        [TargetChange(first, TargetRecord("410823", 2024, farmland=250, version=1))]
    )
    assert second.version == 2
    [row] = store.load_targets(2024)
    assert (row.farmland, row.version) == (250, 2)


def test_two_editors_conflict_is_refused_with_both_values(store_factory):
    alice, bob = store_factory(), store_factory()
    alice.save_targets([_new("410823100", farmland=1000), _new("410823101", farmland=2000)])
    hierarchy = Hierarchy.build([("410823100", "甲镇"), ("410823101", "乙镇")])
    book_a = TargetBook(hierarchy, 2024, alice.load_targets(2024))
    book_b = TargetBook(hierarchy, 2024, bob.load_targets(2024))
    book_a.set_records({"410823100": book_a.record("410823100").with_value("farmland", 1111)})
    book_b.set_records(
        {
            "410823100": book_b.record("410823100").with_value("farmland", 2222),
            "410823101": book_b.record("410823101").with_value("farmland", 3333),
        }
    )
    book_a.mark_saved(alice.save_targets(book_a.pending()))
    with pytest.raises(SaveConflict) as caught:
        bob.save_targets(book_b.pending())
    [conflict] = caught.value.conflicts
    assert conflict.key == ("410823100", 2024)
    assert (
        conflict.mine.farmland == 2222 and conflict.theirs.farmland == 1111 and conflict.base.farmland == 1000
    )
    # nothing of Bob's save was written, not even the row without conflict; Alice's value is kept
    stored = {r.unit_code: r for r in store_factory().load_targets(2024)}
    assert stored["410823100"].farmland == 1111
    assert stored["410823101"].farmland == 2000
    # Bob decides to keep his value having seen Alice's: rebase on hers, save again
    book_b.rebase("410823100", conflict.theirs, conflict.mine)
    bob.save_targets(book_b.pending())
    stored = {r.unit_code: r for r in store_factory().load_targets(2024)}
    assert (stored["410823100"].farmland, stored["410823100"].version) == (2222, 3)
    assert stored["410823101"].farmland == 3333


def test_non_overlapping_edits_merge(store_factory):
    alice, bob = store_factory(), store_factory()
    [base] = alice.save_targets([_new("410823", farmland=500, pbf=400)])
    alice.save_targets([TargetChange(base, TargetRecord("410823", 2024, farmland=600, pbf=400, version=1))])
    mine = TargetRecord("410823", 2024, farmland=500, pbf=450, version=1)
    with pytest.raises(SaveConflict) as caught:
        bob.save_targets([TargetChange(base, mine)])
    [conflict] = caught.value.conflicts
    merged, fields = merge_records(conflict.base, conflict.mine, conflict.theirs)
    assert fields == ()
    bob.save_targets([TargetChange(conflict.theirs, merged)])
    [row] = store_factory().load_targets(2024)
    assert (row.farmland, row.pbf, row.version) == (600, 450, 3)


def test_concurrent_inserts_conflict(store_factory):
    alice, bob = store_factory(), store_factory()
    alice.save_targets([_new("410823", farmland=1)])
    with pytest.raises(SaveConflict) as caught:
        bob.save_targets([_new("410823", farmland=2)])
    assert caught.value.conflicts[0].theirs.farmland == 1


def test_failed_save_writes_nothing(store_factory):
    store = store_factory()
    good = _new("410823100", farmland=10)
    bad = TargetChange(None, TargetRecord("410823101", 2024, farmland=-5))  # bypasses validation
    with pytest.raises(Exception) as caught:
        store.save_targets([good, bad])
    assert not isinstance(caught.value, SaveConflict)
    assert store_factory().load_targets() == []


def test_delete_checks_version(store_factory):
    store = store_factory()
    [row] = store.save_targets([_new("410823", farmland=1)])
    stale = TargetRecord("410823", 2024, farmland=1, version=7)
    with pytest.raises(SaveConflict):
        store.save_targets([TargetChange(stale, None)])
    store.save_targets([TargetChange(row, None)])
    assert store.load_targets() == []


def test_roster_save_load_and_conflict(store_factory):
    alice, bob = store_factory(), store_factory()
    rows = [
        RosterEntry("410823100201", "村级田长", "张三", "村支书", "0391-1234567", "东村"),
        RosterEntry("410823100201", "网格员", "李四", "村委委员", "13800000000", "东村", "41082310020101"),
    ]
    alice.save_roster("410823100201", [], rows)
    assert bob.load_roster("410823100201") == rows
    base = bob.load_roster("410823100201")
    alice.save_roster("410823100201", rows, rows[:1])
    with pytest.raises(RosterConflict) as caught:
        bob.save_roster("410823100201", base, [*base, RosterEntry("410823100201", "田管员", "王五")])
    assert caught.value.theirs == rows[:1]
    assert store_factory().load_roster() == rows[:1]


def test_store_uri_round_trip(store_factory):
    store = store_factory()
    again = open_store(store.uri())
    assert type(again) is type(store)
    store.save_targets([_new("410823", pbf=5)])
    assert again.load_targets()[0].pbf == 5


def test_geopackage_tables_are_layers_for_qgis(tmp_path, qgis_app):
    from qgis.core import QgsVectorLayer

    store = GeoPackageStore(tmp_path / "t.gpkg")
    store.ensure_schema()
    store.save_targets([_new("410823", farmland=12345)])
    store.save_roster("410823", [], [RosterEntry("410823", "县", "赵六", "县长", "12336")])
    targets = QgsVectorLayer("{}|layername=fg_targets".format(tmp_path / "t.gpkg"), "t", "ogr")
    roster = QgsVectorLayer("{}|layername=TZ".format(tmp_path / "t.gpkg"), "tz", "ogr")
    assert targets.isValid() and roster.isValid()
    assert targets.featureCount() == 1 and roster.featureCount() == 1
    feature = next(targets.getFeatures())
    assert feature["farmland_mu"] == pytest.approx(123.45, abs=1e-9)
    row = next(roster.getFeatures())
    assert (row["XM"], row["CJDM"]) == ("赵六", "410823000000")  # CJDM with 12 digits, as the maps read it
    assert store.load_roster("410823")[0].name == "赵六"


def test_roster_of_an_existing_ogr_table_keeps_its_counts(tmp_path, qgis_app):
    """The demo county writes TZ with OGR; editing it keeps OGR's feature count right."""
    from osgeo import ogr

    path = tmp_path / "demo.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer("TZ", None, ogr.wkbNone)
    names = ("CJDM", "JB", "XM", "ZW", "DH", "DWMC", "WGBH")
    for name in names:
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for values in (
        ("410823000000", "县", "甲", "县长（县级总田长）", "1", "温县", ""),
        ("410823100201", "村", "乙", "村党支部书记（村级田长）", "2", "东村", ""),
        ("410823100201", "网格", "丙", "网格员", "3", "东村", "41082310020101"),
    ):
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in zip(names, values):
            feature.SetField(name, value)
        layer.CreateFeature(feature)
    dataset = None
    store = GeoPackageStore(path)
    store.ensure_schema()
    assert [e.name for e in store.load_roster("410823")] == ["甲"]  # the county's 12-digit CJDM
    base = store.load_roster("410823100201")
    assert base[1].grid == "41082310020101" and base[1].unit_name == "东村"
    store.save_roster(
        "410823100201", base, [*base, RosterEntry("410823100201", "网格", "丁", "网格员", "4", "东村")]
    )
    dataset = ogr.Open(str(path))
    tz = dataset.GetLayerByName("TZ")
    assert tz.GetFeatureCount() == 4
    grids = sorted((f.GetField("XM"), f.GetField("WGBH") or "") for f in tz)
    assert grids == [("丁", ""), ("丙", "41082310020101"), ("乙", ""), ("甲", "")]  # WGBH kept
    assert dataset.GetLayerByName("fg_targets") is not None


def test_missing_geopackage_is_a_store_error(tmp_path):
    with pytest.raises(StoreError) as caught:
        GeoPackageStore(tmp_path / "nope.gpkg").load_targets()
    assert caught.value.kind == "not-found"


def test_a_crash_in_the_middle_of_a_save_keeps_the_last_saved_state(tmp_path):
    """Kill the writing process after its first row: the GeoPackage still has the previous rows."""
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "crash.gpkg"
    store = GeoPackageStore(path)
    store.ensure_schema()
    store.save_targets([_new("410823", farmland=100), _new("410823100", farmland=60)])
    rows = {r.unit_code: r for r in store.load_targets(2024)}
    script = textwrap.dedent(
        """
        import os, sys
        sys.path[:0] = {paths!r}
        from farmland_guard.core.targets.book import TargetChange
        from farmland_guard.core.targets.records import TargetRecord
        from farmland_guard.engine.target_store import GeoPackageStore

        store = GeoPackageStore({path!r})
        original = store._run
        calls = []

        def run(cursor, text, params=()):
            calls.append(text)
            if len(calls) == 3:  # BEGIN is on the cursor; after the first UPDATE, die
                os._exit(3)
            original(cursor, text, params)

        store._run = run
        a = TargetRecord("410823", 2024, farmland=100, version=1)
        b = TargetRecord("410823100", 2024, farmland=60, version=1)
        store.save_targets([TargetChange(a, TargetRecord("410823", 2024, farmland=999, version=1)),
                            TargetChange(b, TargetRecord("410823100", 2024, farmland=999, version=1)),
                            TargetChange(None, TargetRecord("410823101", 2024, farmland=999))])
        """
    ).format(paths=[p for p in sys.path if p], path=str(path))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 3, result.stderr.decode()
    after = {r.unit_code: r for r in GeoPackageStore(path).load_targets(2024)}
    assert after == rows
