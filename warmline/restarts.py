"""When to restart a child that died or hung, and when to give up: pure, so it is tested with
plain numbers instead of waiting on a clock."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RestartPolicy:
    """Exponential backoff, and a crash loop: `crash_loop_restarts` restarts within
    `crash_loop_window` seconds mean restarting will not help, so the supervisor stops."""

    first_delay: float = 1.0
    max_delay: float = 30.0
    crash_loop_restarts: int = 5
    crash_loop_window: float = 120.0

    def delay(self, recent_restarts: int) -> float:
        """The wait before the next restart, doubling with each recent one."""
        return float(min(self.first_delay * 2**recent_restarts, self.max_delay))


@dataclass
class RestartHistory:
    """One child's restarts: the total since start, and those inside the crash-loop window."""

    policy: RestartPolicy
    total: int = 0
    _recent: deque[float] = field(default_factory=deque)

    def recent(self, now: float) -> int:
        while self._recent and now - self._recent[0] > self.policy.crash_loop_window:
            self._recent.popleft()
        return len(self._recent)

    def in_crash_loop(self, now: float) -> bool:
        """True when one more restart would exceed what the policy allows in its window."""
        return self.recent(now) >= self.policy.crash_loop_restarts

    def record(self, now: float) -> float:
        """Counts a restart decided at `now`; returns how long to wait before it."""
        delay = self.policy.delay(self.recent(now))
        self._recent.append(now)
        self.total += 1
        return delay
