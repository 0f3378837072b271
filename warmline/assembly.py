"""Wiring the parts from the settings: the only place that knows every channel and policy."""

from __future__ import annotations

import logging

from channels.base import Channel
from channels.keywords import Program
from channels.pacing import Pacer, Pacing
from channels.simulator.channel import SimulatorChannel
from channels.telegram.channel import TelegramChannel
from channels.twilio_sms.channel import TwilioSmsChannel
from core.settings import Settings
from escalation.service import EscalationPolicy

logger = logging.getLogger(__name__)


def build_channels(settings: Settings) -> dict[str, Channel]:
    channels: dict[str, Channel] = {}
    if settings.dev:
        channels[SimulatorChannel.scheme] = SimulatorChannel()
    if settings.twilio_account_sid and settings.twilio_auth_token:
        channels["tel"] = TwilioSmsChannel(
            settings.twilio_account_sid,
            settings.twilio_auth_token.get_secret_value(),
            from_number=settings.twilio_from_number,
            messaging_service_sid=settings.twilio_messaging_service_sid,
            api_base_url=settings.twilio_api_base_url,
            pacer=Pacer(Pacing(overall=settings.twilio_messages_per_second)),
            status_callback_url=f"{settings.base_url}/twilio/status" if settings.public_url else "",
        )
        if not settings.public_url:  # Twilio signs the URL it calls: ours must be that URL
            logger.warning(
                "WARMLINE_PUBLIC_URL is not set: Twilio webhooks are checked as calls to %s, "
                "and no delivery reports are asked for",
                settings.base_url,
            )
    if settings.telegram_bot_token:
        channels["telegram"] = TelegramChannel(
            settings.telegram_bot_token.get_secret_value(),
            settings.telegram_api_base_url,
            pacer=Pacer(TelegramChannel.pacing),
        )
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
