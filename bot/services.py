"""What handlers and jobs share: settings, the database, the clock, and Telegram out."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import CallbackContext

from bot.actions.isolation import Failing
from bot.actions.uow import UnitsOfWork
from bot.clock import Clock
from bot.config import Settings
from bot.intake.flood import FloodGuard
from bot.intake.inbox import Inbox
from bot.outbox.app_links import AppLinks
from bot.outbox.courier import Courier
from bot.outbox.limits import SendBudget
from bot.outbox.posts import PostSender
from bot.store.db import SessionFactory

SERVICES_KEY = "services"


@dataclass(frozen=True, slots=True)
class Services:
    settings: Settings
    engine: AsyncEngine
    sessions: SessionFactory
    clock: Clock
    default_zone: ZoneInfo
    budget: SendBudget
    courier: Courier
    posts: PostSender  # the groups' posts and private reminders, to the courier
    inbox: Inbox
    flood: FloodGuard
    work: UnitsOfWork  # opens the actions' units of work
    failing: Failing  # the groups whose posts keep failing, backed off
    links: AppLinks  # the Mini App's buttons for groups


def services(context: CallbackContext) -> Services:  # type: ignore[type-arg]
    found = context.bot_data[SERVICES_KEY]
    assert isinstance(found, Services)
    return found
