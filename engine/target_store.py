"""Where 责任书 targets and the 田长 roster live: a GeoPackage (default) or a PostgreSQL schema.

One store interface, one SQL code path over Python's DB-API: ``sqlite3`` for a GeoPackage (a GeoPackage
is an SQLite database; our tables are registered in ``gpkg_contents`` as attribute tables, so QGIS
and OGR list them) and ``psycopg2`` for PostgreSQL (a QGIS connection name is turned into a libpq
DSN). Every save is one transaction. Rows carry a ``version``: an update names the version it was
read with, and a save in which any row was changed by someone else meanwhile is refused as a whole
(:class:`SaveConflict` with both values) — no lost update. The roster table keeps the TZ shape the
village maps print (CJDM, JB, XM, ZW, DH); its saves compare the unit's rows with those read before.

SQL text is literal: PostgreSQL reaches the schema through ``search_path``, set once per connection.
"""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional

from ..core.targets.book import TargetChange
from ..core.targets.records import TargetRecord, cents_from_stored, mu_decimal
from ..core.targets.roster import ROSTER_EXTRA_FIELDS, RosterEntry, entry_from_row, roster_code, same_rows

TARGETS_TABLE = "fg_targets"
ROSTER_TABLE = "TZ"
DEFAULT_PG_SCHEMA = "farmland_guard"

_SELECT_TARGETS = (
    "SELECT unit_code, year, farmland_mu, pbf_mu, high_standard_mu, supplement_mu, doc_no, signed_on, "
    "parties, note, version FROM fg_targets"
)
_SELECT_ONE = _SELECT_TARGETS + " WHERE unit_code = ? AND year = ?"
_INSERT = (
    "INSERT INTO fg_targets (unit_code, year, unit_name, farmland_mu, pbf_mu, high_standard_mu, "
    "supplement_mu, doc_no, signed_on, parties, note, version, modified_by, modified_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (unit_code, year) DO NOTHING"
)
_UPDATE = (
    "UPDATE fg_targets SET unit_name = COALESCE(?, unit_name), farmland_mu = ?, pbf_mu = ?, "
    "high_standard_mu = ?, supplement_mu = ?, doc_no = ?, signed_on = ?, parties = ?, note = ?, "
    "version = version + 1, modified_by = ?, modified_at = ? "
    "WHERE unit_code = ? AND year = ? AND version = ?"
)
_DELETE = "DELETE FROM fg_targets WHERE unit_code = ? AND year = ? AND version = ?"


class StoreError(Exception):
    """The store cannot be used. ``kind``: not-found, not-a-geopackage, connection, no-connection,
    driver-missing, database."""

    def __init__(self, kind: str, target: str, detail: str = "") -> None:
        super().__init__("{}: {} {}".format(kind, target, detail).strip())
        self.kind = kind
        self.target = target
        self.detail = detail


@dataclass(frozen=True)
class Conflict:
    """A row someone else saved after we read it: what we read, what we wanted, what is there now."""

    base: Optional[TargetRecord]
    mine: Optional[TargetRecord]
    theirs: Optional[TargetRecord]

    @property
    def key(self) -> tuple[str, int]:
        record = self.mine or self.base or self.theirs
        if record is None:
            raise ValueError("empty conflict")
        return record.unit_code, record.year


class SaveConflict(Exception):
    """A save refused because rows changed meanwhile; nothing was written."""

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        super().__init__("{} target rows were changed by someone else".format(len(conflicts)))
        self.conflicts = tuple(conflicts)


class RosterConflict(Exception):
    """The roster of ``unit_code`` changed since it was read; nothing was written."""

    def __init__(self, unit_code: str, base: list[RosterEntry], theirs: list[RosterEntry]) -> None:
        super().__init__("the roster of {} was changed by someone else".format(unit_code))
        self.unit_code = unit_code
        self.base = base
        self.theirs = theirs


class TargetStore:
    """The shared SQL; subclasses open connections and create the schema."""

    placeholder = "?"

    def describe(self) -> str:
        """A short text naming the store (for messages and the project entry)."""
        raise NotImplementedError

    def uri(self) -> str:
        """What :func:`open_store` needs to reopen this store (kept in the project)."""
        raise NotImplementedError

    def qgis_source(self, table: str = TARGETS_TABLE) -> tuple[str, str]:
        """(data source, provider key) to open a store table as a QGIS layer (e.g. for Processing)."""
        raise NotImplementedError

    @contextmanager
    def _connection(self) -> Iterator[object]:
        raise NotImplementedError
        yield  # pragma: no cover

    def _begin(self, cursor) -> None:
        """Start a write transaction (SQLite takes the write lock at once)."""

    def _number(self, cents: Optional[int]) -> object:
        """A 亩 value as the driver binds it (exact Decimal; SQLite overrides)."""
        return mu_decimal(cents)

    def _values(self, record: TargetRecord) -> tuple:
        return (
            self._number(record.farmland),
            self._number(record.pbf),
            self._number(record.high_standard),
            self._number(record.supplement),
            record.doc_no,
            record.signed_on,
            record.parties,
            record.note,
        )

    def _sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    def _run(self, cursor, text: str, params: Sequence[object] = ()) -> None:
        cursor.execute(self._sql(text), tuple(params))

    def ensure_schema(self) -> None:
        """Create the tables if they are missing (safe to call every time)."""
        raise NotImplementedError

    # -- targets -------------------------------------------------------------------------
    def years(self) -> list[int]:
        with self._connection() as connection:
            cursor = connection.cursor()
            self._run(cursor, "SELECT DISTINCT year FROM fg_targets ORDER BY year")
            return [int(row[0]) for row in cursor.fetchall()]

    def load_targets(self, year: Optional[int] = None) -> list[TargetRecord]:
        """Every target row (of ``year`` when given), ordered by unit code."""
        with self._connection() as connection:
            cursor = connection.cursor()
            if year is None:
                self._run(cursor, _SELECT_TARGETS + " ORDER BY year, unit_code")
            else:
                self._run(cursor, _SELECT_TARGETS + " WHERE year = ? ORDER BY unit_code", (int(year),))
            return [_record(row) for row in cursor.fetchall()]

    def save_targets(
        self,
        changes: Iterable[TargetChange],
        unit_names: Optional[Mapping[str, str]] = None,
        user: Optional[str] = None,
    ) -> list[TargetRecord]:
        """Write ``changes`` in one transaction; return the stored rows with their new versions.

        Raises :class:`SaveConflict` (nothing written) when any row's version is not the one the
        change was based on, or a new row already exists.
        """
        changes = list(changes)
        names = unit_names or {}
        who = user if user is not None else _user()
        when = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        saved: list[TargetRecord] = []
        conflicts: list[Conflict] = []
        with self._connection() as connection:
            cursor = connection.cursor()
            self._begin(cursor)
            try:
                for change in changes:
                    code, year = change.key
                    if change.base is None and change.new is not None:
                        self._run(
                            cursor,
                            _INSERT,
                            (code, year, names.get(code), *self._values(change.new), who, when),
                        )
                        done = cursor.rowcount == 1
                        version = 1
                    elif change.new is not None and change.base is not None:
                        params = (
                            names.get(code),
                            *self._values(change.new),
                            who,
                            when,
                            code,
                            year,
                            change.base.version,
                        )
                        self._run(cursor, _UPDATE, params)
                        done = cursor.rowcount == 1
                        version = change.base.version + 1
                    elif change.base is not None:
                        self._run(cursor, _DELETE, (code, year, change.base.version))
                        done = cursor.rowcount == 1
                        version = 0
                    else:
                        continue
                    if not done:
                        self._run(cursor, _SELECT_ONE, (code, year))
                        row = cursor.fetchone()
                        conflicts.append(Conflict(change.base, change.new, _record(row) if row else None))
                    elif change.new is not None:
                        saved.append(replace(change.new, version=version))
                if conflicts:
                    connection.rollback()
                    raise SaveConflict(conflicts)
                connection.commit()
            except SaveConflict:
                raise
            except Exception:
                connection.rollback()
                raise
        return saved

    # -- roster ----------------------------------------------------------------------------
    def _roster_has_extras(self, cursor) -> bool:
        """True when TZ has the DWMC and WGBH columns (the demo county's shape)."""
        self._run(cursor, 'SELECT * FROM "TZ" WHERE 1 = 0')
        names = {str(column[0]).upper() for column in cursor.description}
        cursor.fetchall()
        return set(ROSTER_EXTRA_FIELDS) <= names

    def load_roster(self, unit_code: Optional[str] = None) -> list[RosterEntry]:
        """Roster rows (of one unit when given, CJDM written with 12 digits or significant), table order."""
        with self._connection() as connection:
            cursor = connection.cursor()
            return self._read_roster(cursor, unit_code)

    def _read_roster(self, cursor, unit_code: Optional[str]) -> list[RosterEntry]:
        extras = self._roster_has_extras(cursor)
        if extras:
            select = 'SELECT "CJDM", "JB", "XM", "ZW", "DH", "DWMC", "WGBH" FROM "TZ"'
        else:
            select = 'SELECT "CJDM", "JB", "XM", "ZW", "DH" FROM "TZ"'
        if unit_code is None:
            self._run(cursor, select + ' ORDER BY "CJDM", fid')
            return [entry_from_row(row) for row in cursor.fetchall()]
        self._run(
            cursor, select + ' WHERE "CJDM" IN (?, ?) ORDER BY fid', (roster_code(unit_code), unit_code)
        )
        return [entry_from_row(row, unit_code) for row in cursor.fetchall()]

    def save_roster(self, unit_code: str, base: list[RosterEntry], rows: list[RosterEntry]) -> None:
        """Replace the roster of ``unit_code`` by ``rows`` in one transaction (CJDM with 12 digits).

        Raises :class:`RosterConflict` (nothing written) when the stored rows are no longer ``base``.
        """
        with self._connection() as connection:
            cursor = connection.cursor()
            self._begin(cursor)
            try:
                theirs = self._read_roster(cursor, unit_code)
                if not same_rows(theirs, base):
                    connection.rollback()
                    raise RosterConflict(unit_code, base, theirs)
                extras = self._roster_has_extras(cursor)
                self._run(
                    cursor, 'DELETE FROM "TZ" WHERE "CJDM" IN (?, ?)', (roster_code(unit_code), unit_code)
                )
                for entry in rows:
                    if entry.unit_code != unit_code:
                        raise ValueError(
                            "roster row for {} saved under {}".format(entry.unit_code, unit_code)
                        )
                    if extras:
                        self._run(
                            cursor,
                            'INSERT INTO "TZ" ("CJDM", "JB", "XM", "ZW", "DH", "DWMC", "WGBH") '
                            "VALUES (?, ?, ?, ?, ?, ?, ?)",
                            entry.as_row(),
                        )
                    else:
                        self._run(
                            cursor,
                            'INSERT INTO "TZ" ("CJDM", "JB", "XM", "ZW", "DH") VALUES (?, ?, ?, ?, ?)',
                            entry.as_row()[:5],
                        )
                connection.commit()
            except RosterConflict:
                raise
            except Exception:
                connection.rollback()
                raise


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _record(row: Sequence[object]) -> TargetRecord:
    return TargetRecord(
        unit_code=str(row[0]),
        year=int(row[1]),
        farmland=cents_from_stored(row[2]),
        pbf=cents_from_stored(row[3]),
        high_standard=cents_from_stored(row[4]),
        supplement=cents_from_stored(row[5]),
        doc_no=str(row[6] or ""),
        signed_on=str(row[7] or ""),
        parties=str(row[8] or ""),
        note=str(row[9] or ""),
        version=int(row[10]),
    )


_GPKG_TARGETS_DDL = (
    "CREATE TABLE IF NOT EXISTS fg_targets ("
    "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
    "unit_code TEXT NOT NULL, year INTEGER NOT NULL, unit_name TEXT, "
    "farmland_mu REAL CHECK (farmland_mu >= 0), pbf_mu REAL CHECK (pbf_mu >= 0), "
    "high_standard_mu REAL CHECK (high_standard_mu >= 0), supplement_mu REAL CHECK (supplement_mu >= 0), "
    "doc_no TEXT, signed_on TEXT, parties TEXT, note TEXT, "
    "version INTEGER NOT NULL DEFAULT 1, modified_by TEXT, modified_at TEXT)"
)
_GPKG_ROSTER_DDL = (
    'CREATE TABLE IF NOT EXISTS "TZ" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, '
    '"CJDM" TEXT(12), "JB" TEXT(4), "XM" TEXT(20), "ZW" TEXT(50), "DH" TEXT(20), "DWMC" TEXT(100), '
    '"WGBH" TEXT(20))'
)
_PG_TARGETS_DDL = (
    "CREATE TABLE IF NOT EXISTS fg_targets ("
    "fid BIGSERIAL PRIMARY KEY, "
    "unit_code TEXT NOT NULL, year INTEGER NOT NULL, unit_name TEXT, "
    "farmland_mu NUMERIC(16, 2) CHECK (farmland_mu >= 0), pbf_mu NUMERIC(16, 2) CHECK (pbf_mu >= 0), "
    "high_standard_mu NUMERIC(16, 2) CHECK (high_standard_mu >= 0), "
    "supplement_mu NUMERIC(16, 2) CHECK (supplement_mu >= 0), "
    "doc_no TEXT, signed_on TEXT, parties TEXT, note TEXT, "
    "version INTEGER NOT NULL DEFAULT 1, modified_by TEXT, modified_at TEXT)"
)
_PG_ROSTER_DDL = (
    'CREATE TABLE IF NOT EXISTS "TZ" (fid BIGSERIAL PRIMARY KEY, '
    '"CJDM" VARCHAR(19), "JB" VARCHAR(20), "XM" VARCHAR(50), "ZW" VARCHAR(100), "DH" VARCHAR(30), '
    '"DWMC" VARCHAR(254), "WGBH" VARCHAR(20))'
)
_UNIQUE_DDL = "CREATE UNIQUE INDEX IF NOT EXISTS fg_targets_unit_year ON fg_targets (unit_code, year)"
_ROSTER_INDEX_DDL = 'CREATE INDEX IF NOT EXISTS "TZ_CJDM" ON "TZ" ("CJDM")'
_REGISTER = (
    "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
    "VALUES (?, 'attributes', ?, ?, 0)"
)


class GeoPackageStore(TargetStore):
    """Tables ``fg_targets`` and ``TZ`` in a GeoPackage (created, with the GeoPackage, if missing)."""

    placeholder = "?"

    def __init__(self, path: str | Path, timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.timeout = timeout

    def describe(self) -> str:
        return str(self.path)

    def uri(self) -> str:
        return "gpkg:{}".format(self.path)

    def qgis_source(self, table: str = TARGETS_TABLE) -> tuple[str, str]:
        return "{}|layername={}".format(self.path, table), "ogr"

    def _number(self, cents: Optional[int]) -> object:
        value = mu_decimal(cents)
        return None if value is None else float(value)

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        if not self.path.exists():
            raise StoreError("not-found", str(self.path))
        try:
            connection = sqlite3.connect(str(self.path), timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError("connection", str(self.path), str(error)) from error
        try:
            yield _SqliteTransactions(connection)
        finally:
            connection.close()

    def _begin(self, cursor) -> None:
        cursor.execute("BEGIN IMMEDIATE")

    def ensure_schema(self) -> None:
        if not self.path.exists():
            _create_empty_geopackage(self.path)
        with self._connection() as connection:
            cursor = connection.cursor()
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_contents'"
            )
            if cursor.fetchone()[0] != 1:
                raise StoreError("not-a-geopackage", str(self.path))
            self._begin(cursor)
            try:
                for statement in (_GPKG_TARGETS_DDL, _UNIQUE_DDL, _GPKG_ROSTER_DDL, _ROSTER_INDEX_DDL):
                    cursor.execute(statement)
                cursor.execute(_REGISTER, ("fg_targets", "fg_targets", "耕地保护目标责任书 targets"))
                cursor.execute(_REGISTER, ("TZ", "TZ", "田长/网格员 roster"))
                connection.commit()
            except Exception:
                connection.rollback()
                raise


class _SqliteTransactions:
    """sqlite3 in autocommit mode with explicit BEGIN/COMMIT/ROLLBACK (DB-API-like surface)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def cursor(self) -> sqlite3.Cursor:
        return self._connection.cursor()

    def commit(self) -> None:
        if self._connection.in_transaction:
            self._connection.execute("COMMIT")

    def rollback(self) -> None:
        if self._connection.in_transaction:
            self._connection.execute("ROLLBACK")


def _create_empty_geopackage(path: Path) -> None:
    from osgeo import ogr

    driver = ogr.GetDriverByName("GPKG")
    if driver is None:
        raise StoreError("driver-missing", "GPKG")
    dataset = driver.CreateDataSource(str(path))
    if dataset is None:
        raise StoreError("connection", str(path), "cannot create a GeoPackage")
    dataset = None


class PostgresStore(TargetStore):
    """Tables ``fg_targets`` and ``"TZ"`` in a schema of a PostgreSQL database (psycopg2)."""

    placeholder = "%s"

    def __init__(
        self, dsn: str, schema: str = DEFAULT_PG_SCHEMA, connection_name: str = "", timeout: int = 10
    ) -> None:
        self.dsn = dsn
        self.timeout = timeout
        self.schema = schema
        self.connection_name = connection_name

    def describe(self) -> str:
        return "PostgreSQL {} ({})".format(self.connection_name or _safe_dsn(self.dsn), self.schema)

    def uri(self) -> str:
        if self.connection_name:
            return "postgres-connection:{}:{}".format(self.connection_name, self.schema)
        return "postgres:{}:{}".format(self.schema, self.dsn)

    def qgis_source(self, table: str = TARGETS_TABLE) -> tuple[str, str]:
        from qgis.core import QgsDataSourceUri

        uri = QgsDataSourceUri(self.dsn)
        uri.setDataSource(self.schema, table, None, "", "fid")
        return uri.uri(False), "postgres"

    @contextmanager
    def _connection(self) -> Iterator[object]:
        try:
            import psycopg2
            from psycopg2 import sql
        except ImportError as error:
            raise StoreError("driver-missing", "psycopg2", str(error)) from error
        try:
            connection = psycopg2.connect(self.dsn, connect_timeout=self.timeout)
        except psycopg2.Error as error:
            raise StoreError("connection", self.describe(), str(error).strip()) from error
        try:
            cursor = connection.cursor()
            cursor.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(self.schema)))
            connection.commit()
            yield connection
        finally:
            connection.close()

    def ensure_schema(self) -> None:
        from psycopg2 import sql

        with self._connection() as connection:
            cursor = connection.cursor()
            try:
                cursor.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(self.schema)))
                for statement in (_PG_TARGETS_DDL, _UNIQUE_DDL, _PG_ROSTER_DDL, _ROSTER_INDEX_DDL):
                    cursor.execute(statement)
                connection.commit()
            except Exception:
                connection.rollback()
                raise


def _safe_dsn(dsn: str) -> str:
    """A DSN without its password, for messages."""
    return " ".join(part for part in dsn.split() if not part.lower().startswith("password="))


def postgres_dsn(connection_name: str) -> str:
    """The libpq DSN of a PostgreSQL connection saved in QGIS (auth configs expanded)."""
    from qgis.core import QgsDataSourceUri, QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    if metadata is None:
        raise StoreError("driver-missing", "postgres")
    try:
        connection = metadata.findConnection(connection_name)
    except Exception as error:  # QgsProviderConnectionException
        raise StoreError("no-connection", connection_name, str(error)) from error
    if connection is None:
        raise StoreError("no-connection", connection_name)
    return QgsDataSourceUri(connection.uri()).connectionInfo(True)


def postgres_connection_names() -> list[str]:
    """Names of the PostgreSQL connections saved in QGIS."""
    from qgis.core import QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    return sorted(metadata.connections().keys()) if metadata is not None else []


def open_store(uri: str) -> TargetStore:
    """Reopen a store from :meth:`TargetStore.uri` (what the project remembers)."""
    kind, _, rest = uri.partition(":")
    if kind == "gpkg" and rest:
        return GeoPackageStore(rest)
    if kind == "postgres-connection":
        name, _, schema = rest.rpartition(":")
        return PostgresStore(postgres_dsn(name), schema or DEFAULT_PG_SCHEMA, connection_name=name)
    if kind == "postgres":
        schema, _, dsn = rest.partition(":")
        return PostgresStore(dsn, schema or DEFAULT_PG_SCHEMA)
    raise StoreError("not-found", uri)
