"""Programs' post-discharge check-ups: plans, enrollment, and (to come) the scheduler's due rows."""
