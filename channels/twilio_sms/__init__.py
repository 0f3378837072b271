"""SMS over Twilio: sending (channel.py) and Twilio's signed webhooks (webhook.py)."""

from channels.twilio_sms.channel import TwilioSmsChannel

__all__ = ["TwilioSmsChannel"]
