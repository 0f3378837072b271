"""The reasons the risk model's vote gives, apart from the model itself: the crisis companion
reads them to tell a crisis only the vote saw, and must not need spaCy to do so."""

from __future__ import annotations

REASON = "model:crisis-risk"  # the vote lifted the message to crisis
WEAK_REASON = "model:possible-risk"  # the vote lifted it to concern
# Beside a crisis vote: the words name the means. Not "model:": naming the means is no everyday
# talk (escalation/combined.py gives it; the companion starts from the means when it is there).
MEANS_NAMED = "cue:means-named"
