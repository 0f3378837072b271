"""SMS over Twilio: sending (channel.py), Twilio's signed webhooks (webhook.py: incoming
messages, read by inbound.py; delivery reports, status.py) and the carrier keywords
(keywords.py)."""

from channels.twilio_sms.channel import TwilioSmsChannel, from_settings

__all__ = ["TwilioSmsChannel", "from_settings"]
