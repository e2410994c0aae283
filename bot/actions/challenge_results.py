"""A challenge's end: its results, and the picture of its grid, posted once.

As with the weekly picture, no transaction stays open while the picture is drawn: the
challenges due are read first (claiming nothing), the caller draws each, and a transaction
of its own then finishes the challenge if nothing else did and writes the post as an intent
to send (``bot.store.posts``) in the same commit. A challenge whose results can't be made
is backed off (``isolation.Failing``) and the others go on.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from bot.actions.challenges import Standing, challenge_rules
from bot.actions.isolation import Failing
from bot.actions.places import group_info
from bot.actions.posting import PostText
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.domain.challenges import Results, progress, results
from bot.domain.schedule import PostKind
from bot.store import challenges as store
from bot.store import posts
from bot.store.chats import rules_of
from bot.store.checkins import counting_kinds
from bot.store.posts import LEASE, new_token

# Results are kept trying for this long (a post's usual two hours would lose them to an
# outage of Telegram; they are news for a day).
RESULTS_WINDOW = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ChallengeEnded:
    """A challenge whose results are due, read for its post."""

    challenge_id: int
    chat_id: int
    telegram_id: int
    group: GroupInfo
    title: str
    weekly_target: int | None
    first_day: date
    last_day: date
    standings: list[Standing]
    results: Results


async def results_due(
    uow: UnitOfWork, *, limit: int, failing: Failing, left_out: Collection[int] = ()
) -> list[ChallengeEnded]:
    """The challenges whose results are due now, each read (nothing is held)."""
    found = []
    for challenge, chat in await store.results_due(
        session=uow.session, now=uow.now, limit=limit, left_out=list(left_out)
    ):
        try:
            async with uow.session.begin_nested():
                rules = challenge_rules(challenge, chat)
                joined = await store.joined(
                    session=uow.session,
                    challenge=challenge,
                    kinds=counting_kinds(rules_of(chat)),
                )
                # At the end every day of it is past, whatever the member's zone.
                after = challenge.last_day + timedelta(days=1)
                standings = [
                    Standing(j.member.first_name, j.member.user_id, progress(rules, j.days, after))
                    for j in joined
                ]
        except Exception as error:
            store.postpone_results(
                challenge, uow.now + failing.failed(PostKind.CHALLENGE.value, chat.id, error)
            )
            continue
        found.append(
            ChallengeEnded(
                challenge_id=challenge.id,
                chat_id=chat.id,
                telegram_id=chat.telegram_id,
                group=group_info(chat),
                title=challenge.title,
                weekly_target=challenge.weekly_target,
                first_day=challenge.first_day,
                last_day=challenge.last_day,
                standings=standings,
                results=results(rules, [(s.name, s.progress) for s in standings]),
            )
        )
    return found


async def post_results(
    uow: UnitOfWork, ended: ChallengeEnded, post: PostText | Exception, failing: Failing
) -> list[posts.ToSend]:
    """Finish the challenge if it is still due and write its results post; an error (the
    post could not be made) backs it off instead."""
    challenge = await store.current_challenge(session=uow.session, chat_id=ended.chat_id)
    if challenge is None or challenge.id != ended.challenge_id:
        return []  # finished meanwhile (another process, or an admin stopped it)
    if isinstance(post, Exception):
        delay = failing.failed(PostKind.CHALLENGE.value, ended.chat_id, post)
        store.postpone_results(challenge, uow.now + delay)
        return []
    if not await store.finish(session=uow.session, challenge_id=challenge.id, now=uow.now):
        return []
    failing.worked(PostKind.CHALLENGE.value, ended.chat_id)
    draft = posts.Draft(
        owner=ended.chat_id,
        telegram_id=ended.telegram_id,
        day=challenge.last_day,
        text=post.text,
        markup=post.markup,
        window_ends_at=uow.now + RESULTS_WINDOW,
        topic_id=ended.group.topic_id,
        photo=post.photo,
    )
    return await posts.claim_new(
        session=uow.session,
        kind=PostKind.CHALLENGE.value,
        drafts=[draft],
        now=uow.now,
        lease=LEASE,
        token=new_token(),
    )
