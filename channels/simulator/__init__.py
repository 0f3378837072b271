"""The text simulator: a phone-like page and POST /dev/chat (routes.py), and a channel that
sends like SMS into the stored conversation the page reads (channel.py)."""

from channels.simulator.channel import SimulatorChannel, from_settings

__all__ = ["SimulatorChannel", "from_settings"]
