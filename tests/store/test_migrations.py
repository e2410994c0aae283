"""The schema comes from Alembic, and it agrees with the models."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, MetaData, Table, insert, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.db import make_engine
from bot.store.migrate import alembic_config
from bot.store.models import Base
from tests.conftest import PG_URL, recreate_database, worker_database_name
from tests.process.conftest import alembic_head


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_migrations_match_the_models(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        differences = await conn.run_sync(_differences)
    assert differences == []


async def test_every_model_table_is_created_by_the_migrations(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        tables = await conn.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def _fresh_database(tmp_path: Path, database_url: str, worker_id: str, purpose: str) -> str:
    """An empty database of the same kind as ``database_url``."""
    if database_url.startswith("sqlite"):
        return f"sqlite+aiosqlite:///{tmp_path / f'{purpose}.db'}"
    name = worker_database_name(purpose, worker_id)
    asyncio.run(recreate_database(PG_URL, name))
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def test_replicas_migrating_at_once_take_turns(
    tmp_path: Path, database_url: str, worker_id: str
) -> None:
    """Two processes starting together on an empty database both succeed."""
    fresh = _fresh_database(tmp_path, database_url, worker_id, "fresh")
    environment = {**os.environ, "DATABASE_URL": fresh}
    replicas = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "migrate"],
            env=environment,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(3)
    ]
    for replica in replicas:
        output, _ = replica.communicate(timeout=60)
        assert replica.returncode == 0, output.decode()
    assert asyncio.run(_version(fresh)) == alembic_head()


async def _version(url: str) -> str:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return str(
                (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar_one()
            )
    finally:
        await engine.dispose()


def test_day_key_state_comes_and_goes_with_revision_0003(
    tmp_path: Path, database_url: str, worker_id: str
) -> None:
    """Members made before 0003 keep their rows and start without the instants; going back
    to 0002 drops the two columns and nothing else."""
    url = _fresh_database(tmp_path, database_url, worker_id, "steps")
    config = alembic_config(url)
    command.upgrade(config, "0002")
    asyncio.run(_add_a_member(url))
    command.upgrade(config, "head")
    assert asyncio.run(_member_columns(url)) == {
        "last_entry_day": date(2026, 3, 1),
        "day_added_at": None,
        "prior_day_added_at": None,
    }
    command.downgrade(config, "0002")
    assert asyncio.run(_member_columns(url)) == {"last_entry_day": date(2026, 3, 1)}
    command.upgrade(config, "head")
    assert asyncio.run(_version(url)) == alembic_head()


async def _add_a_member(url: str) -> None:
    """A group and one member, written as the code of the database's revision would."""
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            chats = await conn.run_sync(_as_in_the_database, "chats")
            members = await conn.run_sync(_as_in_the_database, "members")
            await conn.execute(
                insert(chats).values(id=1, telegram_id=-1, title="t", created_at=now)
            )
            await conn.execute(
                insert(members).values(
                    chat_id=1, user_id=2, joined_at=now, last_entry_day=date(2026, 3, 1)
                )
            )
    finally:
        await engine.dispose()


def _as_in_the_database(sync: Connection, name: str) -> Table:
    """The model's table with only the columns the database has now (at an older revision),
    with the defaults of the models."""
    present = {column["name"] for column in inspect(sync).get_columns(name)}
    return Table(
        name,
        MetaData(),
        *(
            Column(
                c.name, c.type, default=getattr(c.default, "arg", None), primary_key=c.primary_key
            )
            for c in Base.metadata.tables[name].columns
            if c.name in present
        ),
    )


def test_groups_from_before_revision_0005_speak_english(
    tmp_path: Path, database_url: str, worker_id: str
) -> None:
    """0005 gives groups already there English, and going back drops only the column."""
    url = _fresh_database(tmp_path, database_url, worker_id, "language")
    config = alembic_config(url)
    command.upgrade(config, "0004")
    asyncio.run(_add_a_member(url))
    command.upgrade(config, "head")
    assert asyncio.run(_chat_languages(url)) == ["en"]
    command.downgrade(config, "0004")
    assert "language" not in asyncio.run(_columns(url, "chats"))
    # Dropping the column keeps the groups' rows, and so everything hanging off them.
    assert asyncio.run(_member_columns(url))["last_entry_day"] == date(2026, 3, 1)
    command.upgrade(config, "head")
    assert asyncio.run(_version(url)) == alembic_head()


async def _chat_languages(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return list((await conn.execute(text("SELECT language FROM chats"))).scalars())
    finally:
        await engine.dispose()


async def _member_columns(url: str) -> dict[str, object]:
    """The one member's values of the columns that 0003 may concern."""
    wanted = ("last_entry_day", "day_added_at", "prior_day_added_at")
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            present = await conn.run_sync(
                lambda sync: {c["name"] for c in inspect(sync).get_columns("members")}
            )
            names = [name for name in wanted if name in present]
            row = (await conn.execute(text(f"SELECT {', '.join(names)} FROM members"))).one()
    finally:
        await engine.dispose()
    return {name: _as_date(value) for name, value in zip(names, row, strict=True)}


def _as_date(value: object) -> object:
    # SQLite hands a DATE back as text through a plain query.
    return date.fromisoformat(value) if isinstance(value, str) else value


def test_going_back_and_forth_keeps_every_members_history(
    tmp_path: Path, database_url: str, worker_id: str
) -> None:
    """Downgrading past revisions that rebuild the members' table (SQLite copies it to a new
    one) must not take the members' check-ins, goals and breaks with the old one."""
    url = _fresh_database(tmp_path, database_url, worker_id, "history")
    config = alembic_config(url)
    command.upgrade(config, "head")
    asyncio.run(_add_a_member_with_history(url))
    command.downgrade(config, "0002")
    assert asyncio.run(_history_rows(url)) == {"checkins": 1, "goals": 1, "breaks": 1}
    command.upgrade(config, "head")
    assert asyncio.run(_history_rows(url)) == {"checkins": 1, "goals": 1, "breaks": 1}


async def _add_a_member_with_history(url: str) -> None:
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    day = date(2026, 3, 1)
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            tables = Base.metadata.tables
            await conn.execute(
                insert(tables["chats"]).values(id=1, telegram_id=-1, title="t", created_at=now)
            )
            await conn.execute(
                insert(tables["members"]).values(id=1, chat_id=1, user_id=2, joined_at=now)
            )
            await conn.execute(
                insert(tables["checkins"]).values(
                    member_id=1, day=day, kind="done", note="", created_at=now, source="m:1"
                )
            )
            await conn.execute(
                insert(tables["goals"]).values(member_id=1, text="run", created_at=now)
            )
            await conn.execute(
                insert(tables["breaks"]).values(
                    member_id=1, start_day=day, end_day=day, reason="", created_at=now
                )
            )
    finally:
        await engine.dispose()


async def _history_rows(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return {
                table: (await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
                for table in ("checkins", "goals", "breaks")
            }
    finally:
        await engine.dispose()


def test_revision_0006_keeps_every_row_both_ways(
    tmp_path: Path, database_url: str, worker_id: str
) -> None:
    """Groups, members and their entries made before 0006 stay, with the new columns'
    defaults; going back to 0005 drops only what 0006 added (on SQLite no table is rebuilt,
    which would cascade to the entries)."""
    url = _fresh_database(tmp_path, database_url, worker_id, "encouragement")
    config = alembic_config(url)
    command.upgrade(config, "0005")
    asyncio.run(_add_a_member(url))
    asyncio.run(_add_an_entry(url))
    command.upgrade(config, "head")
    assert asyncio.run(_counts(url)) == (1, 1, 1)
    assert asyncio.run(_one(url, "SELECT board FROM chats")) == "top"
    assert not asyncio.run(_one(url, "SELECT board_hidden FROM members"))
    command.downgrade(config, "0005")
    assert asyncio.run(_counts(url)) == (1, 1, 1)
    assert "board" not in asyncio.run(_columns(url, "chats"))
    command.upgrade(config, "head")
    assert asyncio.run(_version(url)) == alembic_head()


async def _add_an_entry(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            member_id = (await conn.execute(text("SELECT id FROM members"))).scalar_one()
            await conn.execute(
                insert(Base.metadata.tables["checkins"]).values(
                    member_id=member_id,
                    day=date(2026, 3, 1),
                    kind="done",
                    created_at=datetime(2026, 3, 1, 12, tzinfo=UTC),
                    source="m:-1:1",
                )
            )
    finally:
        await engine.dispose()


async def _one(url: str, query: str) -> object:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return (await conn.execute(text(query))).scalar_one()
    finally:
        await engine.dispose()


async def _counts(url: str) -> tuple[object, ...]:
    return tuple(
        [
            await _one(url, f"SELECT count(*) FROM {table}")
            for table in ("chats", "members", "checkins")
        ]
    )


async def _columns(url: str, table: str) -> set[str]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: {c["name"] for c in inspect(sync).get_columns(table)}
            )
    finally:
        await engine.dispose()


def test_revision_0007_keeps_the_day_key_state_and_adds_unknown_zones(
    tmp_path: Path, database_url: str, worker_id: str
) -> None:
    """Members from before 0007 keep their day-key moments and get no zones (read as zones
    not known); going back to 0006 drops the two columns only, every row staying."""
    url = _fresh_database(tmp_path, database_url, worker_id, "day_key_zones")
    config = alembic_config(url)
    command.upgrade(config, "0006")
    asyncio.run(_add_a_member(url))
    asyncio.run(_add_an_entry(url))
    added_at = datetime(2026, 3, 1, 12, tzinfo=UTC)
    asyncio.run(_execute(url, "UPDATE members SET day_added_at = :at", at=added_at))
    command.upgrade(config, "head")
    assert asyncio.run(_counts(url)) == (1, 1, 1)
    zones = "SELECT day_added_zone, prior_day_added_zone FROM members"
    assert asyncio.run(_row(url, zones)) == (None, None)
    kept = "SELECT day_added_at FROM members"
    assert _as_instant(asyncio.run(_one(url, kept))) == added_at
    command.downgrade(config, "0006")
    assert asyncio.run(_counts(url)) == (1, 1, 1)
    assert not {"day_added_zone", "prior_day_added_zone"} & asyncio.run(_columns(url, "members"))
    assert _as_instant(asyncio.run(_one(url, kept))) == added_at
    command.upgrade(config, "head")
    assert asyncio.run(_version(url)) == alembic_head()


async def _execute(url: str, statement: str, **values: object) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(statement), values)
    finally:
        await engine.dispose()


async def _row(url: str, query: str) -> tuple[object, ...]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return tuple((await conn.execute(text(query))).one())
    finally:
        await engine.dispose()


def _as_instant(value: object) -> datetime:
    # SQLite hands a DATETIME back as text through a plain query, and neither keeps the zone.
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    assert isinstance(moment, datetime)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def test_revision_0011_holds_what_was_left_and_drops_what_was_done(
    tmp_path: Path, database_url: str, worker_id: str
) -> None:
    """Rows left unfinished before 0011 come with a hold that ran out when they came (any
    process takes them over at once); a handled update's JSON and a sent answer go; going
    back to 0010 keeps every row and drops only the new columns."""
    url = _fresh_database(tmp_path, database_url, worker_id, "inbox_leases")
    config = alembic_config(url)
    command.upgrade(config, "0010")
    received = datetime(2026, 3, 1, 12, tzinfo=UTC)
    asyncio.run(_keep_three_updates(url, received))
    command.upgrade(config, "head")
    rows = asyncio.run(_inbox_rows(url))
    assert rows[1] == ("{1}", None, None, received)  # not handled: to take over
    assert rows[2] == ("", "{answer}", None, received)  # its answer not sent: to take over
    assert rows[3] == ("", None, None, None)  # finished: its id only
    command.downgrade(config, "0010")
    assert not {"owner", "leased_until", "user_id"} & asyncio.run(_columns(url, "inbox"))
    assert asyncio.run(_one(url, "SELECT count(*) FROM inbox")) == 3
    command.upgrade(config, "head")
    assert asyncio.run(_version(url)) == alembic_head()


async def _keep_three_updates(url: str, received: datetime) -> None:
    """Not handled; handled with its answer not sent; handled and answered."""
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            inbox = await conn.run_sync(_as_in_the_database, "inbox")
            handled = received + timedelta(seconds=1)
            for row in (
                {"update_id": 1, "payload": "{1}"},
                {"update_id": 2, "payload": "{2}", "handled_at": handled, "reply": "{answer}"},
                {
                    "update_id": 3,
                    "payload": "{3}",
                    "handled_at": handled,
                    "reply": "{picture}",
                    "replied_at": handled,
                },
            ):
                await conn.execute(insert(inbox).values(received_at=received, **row))
    finally:
        await engine.dispose()


async def _inbox_rows(url: str) -> dict[int, tuple[object, ...]]:
    """Each row's payload, reply, owner and hold, by update id."""
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(
                text("SELECT update_id, payload, reply, owner, leased_until FROM inbox")
            )
            return {
                int(update_id): (
                    payload,
                    reply,
                    owner,
                    None if held is None else _as_instant(held),
                )
                for update_id, payload, reply, owner, held in rows
            }
    finally:
        await engine.dispose()


def test_revision_0012_gives_every_member_an_empty_weekly_streak(
    tmp_path: Path, database_url: str, worker_id: str
) -> None:
    """Members from before 0012 have no weekly week: their weekly state is the empty one,
    their group's first weekday comes from its language, and nobody has a target; going
    back to 0011 keeps every member and drops only what 0012 added."""
    url = _fresh_database(tmp_path, database_url, worker_id, "weekly_targets")
    config = alembic_config(url)
    command.upgrade(config, "0011")
    asyncio.run(_add_a_member(url))
    command.upgrade(config, "head")
    weekly = (
        "SELECT weekly_current, weekly_best, weekly_best_before_run, weekly_freezes, "
        "weekly_check_ins, weekly_last_week, weekly_run_start, weekly_last_day, last_entry_day "
        "FROM members"
    )
    *state, last_entry = asyncio.run(_row(url, weekly))
    assert state == [0, 0, 0, 0, 0, None, None, None]
    assert _as_date(last_entry) == date(2026, 3, 1)
    assert asyncio.run(_one(url, "SELECT first_weekday FROM chats")) is None
    asyncio.run(
        _execute(
            url,
            "INSERT INTO targets (chat_id, member_id, starts, per_week, set_at) "
            "VALUES (1, 1, :starts, 3, :at)",
            starts=date(2026, 3, 9),
            at=datetime(2026, 3, 4, tzinfo=UTC),
        )
    )
    command.downgrade(config, "0011")
    assert "weekly_current" not in asyncio.run(_columns(url, "members"))
    assert "first_weekday" not in asyncio.run(_columns(url, "chats"))
    assert asyncio.run(_one(url, "SELECT count(*) FROM members")) == 1
    command.upgrade(config, "head")
    assert asyncio.run(_version(url)) == alembic_head()


def test_revision_0013_adds_proof_and_keeps_every_entry(
    tmp_path: Path, database_url: str, worker_id: str
) -> None:
    """Entries from before 0013 have no proof and groups don't require it; after it, the
    same media counts once for a member (the unique index), entries without proof never
    meet; going back to 0012 keeps every row and drops only what 0013 added."""
    url = _fresh_database(tmp_path, database_url, worker_id, "proof")
    config = alembic_config(url)
    command.upgrade(config, "0012")
    asyncio.run(_add_a_member(url))
    asyncio.run(_add_entries(url, 2))
    command.upgrade(config, "head")
    assert asyncio.run(_counts(url)) == (1, 1, 2)
    assert asyncio.run(_one(url, "SELECT count(*) FROM checkins WHERE proof IS NULL")) == 2
    assert not asyncio.run(_one(url, "SELECT proof_required FROM chats"))
    proof = "UPDATE checkins SET proof = 'photo', proof_id = 'AgAD1'"
    asyncio.run(_execute(url, f"{proof} WHERE source = 'm:-1:0'"))
    with pytest.raises(IntegrityError):
        asyncio.run(_execute(url, f"{proof} WHERE source = 'm:-1:1'"))
    command.downgrade(config, "0012")
    assert asyncio.run(_counts(url)) == (1, 1, 2)
    assert not {"proof", "proof_id"} & asyncio.run(_columns(url, "checkins"))
    assert "proof_required" not in asyncio.run(_columns(url, "chats"))
    command.upgrade(config, "head")
    assert asyncio.run(_version(url)) == alembic_head()


async def _add_entries(url: str, count: int) -> None:
    """``count`` entries of the one member, as the code of the database's revision wrote."""
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            checkins = await conn.run_sync(_as_in_the_database, "checkins")
            member_id = (await conn.execute(text("SELECT id FROM members"))).scalar_one()
            for n in range(count):
                await conn.execute(
                    insert(checkins).values(
                        member_id=member_id,
                        day=date(2026, 3, 1) + timedelta(days=n),
                        kind="done",
                        note="",
                        created_at=datetime(2026, 3, 1, 12, tzinfo=UTC),
                        source=f"m:-1:{n}",
                    )
                )
    finally:
        await engine.dispose()


def test_revision_0014_keeps_every_cheer_as_given_by_command(
    tmp_path: Path, database_url: str, worker_id: str
) -> None:
    """Cheers from before 0014 came by /cheer and stay; going back to 0013 drops the cheers
    only a reaction held, with the counts they added, and keeps the others."""
    url = _fresh_database(tmp_path, database_url, worker_id, "reaction_cheers")
    config = alembic_config(url)
    command.upgrade(config, "0013")
    asyncio.run(_add_three_members_and_a_cheer(url))
    command.upgrade(config, "head")
    assert asyncio.run(_cheer_rows(url)) == [(10, True, False)]
    asyncio.run(_add_a_reaction_cheer(url))
    command.downgrade(config, "0013")
    assert not {"by_command", "by_reaction"} & asyncio.run(_columns(url, "cheers"))
    assert asyncio.run(_one(url, "SELECT count(*) FROM cheers")) == 1
    assert asyncio.run(_one(url, "SELECT cheers_received FROM members WHERE id = 1")) == 1
    command.upgrade(config, "head")
    assert asyncio.run(_version(url)) == alembic_head()


async def _add_three_members_and_a_cheer(url: str) -> None:
    """Member 1 was cheered by member 2, on message 10; member 3 is there too."""
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            chats = await conn.run_sync(_as_in_the_database, "chats")
            members = await conn.run_sync(_as_in_the_database, "members")
            cheers = await conn.run_sync(_as_in_the_database, "cheers")
            await conn.execute(
                insert(chats).values(id=1, telegram_id=-1, title="t", created_at=now)
            )
            for member_id in (1, 2, 3):
                await conn.execute(
                    insert(members).values(
                        id=member_id,
                        chat_id=1,
                        user_id=member_id,
                        joined_at=now,
                        cheers_received=1 if member_id == 1 else 0,
                    )
                )
            await conn.execute(
                insert(cheers).values(member_id=1, giver_id=2, message_id=10, created_at=now)
            )
    finally:
        await engine.dispose()


async def _add_a_reaction_cheer(url: str) -> None:
    """Member 3 reacts on message 11 of member 1, as the code of 0014 records it."""
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                insert(Base.metadata.tables["cheers"]).values(
                    member_id=1,
                    giver_id=3,
                    message_id=11,
                    created_at=datetime(2026, 3, 2, 12, tzinfo=UTC),
                    by_command=False,
                    by_reaction=True,
                )
            )
            await conn.execute(text("UPDATE members SET cheers_received = 2 WHERE id = 1"))
    finally:
        await engine.dispose()


async def _cheer_rows(url: str) -> list[tuple[object, ...]]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(
                text("SELECT message_id, by_command, by_reaction FROM cheers ORDER BY id")
            )
            return [(int(m), bool(c), bool(r)) for m, c, r in rows]
    finally:
        await engine.dispose()
