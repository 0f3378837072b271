"""Wiring the parts from the settings: the only place that knows every channel and policy."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from channels import simulator, telegram, twilio_sms
from channels.base import Channel
from channels.engine import EngineClient, EngineUnavailable
from channels.gateway import draft_for
from channels.keywords import Program
from channels.plain import UnconfiguredChannel
from checkins.dispatch import NotStarted, Starter
from core.settings import Settings
from escalation.service import EscalationPolicy
from store.messages import Draft
from store.participants import engine_sender

logger = logging.getLogger(__name__)

ChannelFactory = Callable[[Settings], Channel | None]

# The channel registry: each folder under channels/ makes its channel from the settings, or
# None when it is not configured. A new channel is its folder and one line here.
CHANNELS: tuple[ChannelFactory, ...] = (
    simulator.from_settings,
    twilio_sms.from_settings,
    telegram.from_settings,
)


def build_channels(
    settings: Settings, registry: Sequence[ChannelFactory] = CHANNELS
) -> dict[str, Channel]:
    """Every channel the settings configure, by its address scheme."""
    made = (factory(settings) for factory in registry)
    channels = {channel.scheme: channel for channel in made if channel is not None}
    logger.info("channels connected: %s", ", ".join(sorted(channels)) or "none")
    return channels


def program(settings: Settings) -> Program:
    return Program(name=settings.program_name, contact=settings.program_contact)


def escalation_policy(settings: Settings) -> EscalationPolicy:
    if not settings.roster:
        logger.warning("no on-call roster: escalations are recorded but nobody is alerted")
    return EscalationPolicy.from_settings(settings)


def channel_summary(settings: Settings) -> list[str]:
    """What the run command says about each channel: connected how, or what would connect it."""
    base = settings.base_url
    lines = []
    if settings.twilio_account_sid and settings.twilio_auth_token:
        lines.append(f"SMS (Twilio): connected; Twilio's messaging webhook: {base}/twilio/sms")
    else:
        lines.append("SMS: not connected (set WARMLINE_TWILIO_ACCOUNT_SID and _AUTH_TOKEN)")
    if settings.telegram_bot_token and settings.telegram_uses_webhook:
        lines.append(f"Telegram: connected by webhook at {base}/telegram/webhook")
    elif settings.telegram_bot_token:
        lines.append("Telegram: connected by polling (no WARMLINE_PUBLIC_URL)")
    else:
        lines.append("Telegram: not connected (set WARMLINE_TELEGRAM_BOT_TOKEN)")
    if not settings.has_channel_credentials:
        lines.append("running with the text simulator only" if settings.dev else "no channel!")
    elif settings.dev:
        lines.append(
            "dev mode with real channels: the simulator and the dev peer tokens are open to "
            "anyone who reaches this port; use WARMLINE_MODE=production for real people"
        )
    return lines


def scheduled_starter(engine: EngineClient, channels: Mapping[str, Channel]) -> Starter:
    """How the scheduler has the assistant start a check-up or a BARC-10 in a person's
    conversation: the engine's trigger_intent, its replies rendered for the person's channel."""

    async def start(participant_id: int, intent: str, address: str) -> list[Draft]:
        try:
            replies = await engine.trigger(engine_sender(participant_id), intent)
        except EngineUnavailable as error:
            raise NotStarted(type(error).__name__) from error
        # A channel not configured here renders plainly; its outbox rows then fail, recorded.
        channel = channels.get(address.partition(":")[0], UnconfiguredChannel())
        return [draft_for(channel, reply) for reply in replies]

    return start
