"""SMS over Twilio: the outbound half (rendering, splitting, sending, error policy)."""

from channels.twilio_sms.channel import TwilioSmsChannel

__all__ = ["TwilioSmsChannel"]
