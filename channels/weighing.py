"""What the gateway makes of a crisis that rests on the statistical model's vote alone.

The model rates each message on its own, and a conversation is many messages: its tuned false
alarm rate of 3.6% on single ordinary messages (escalation/model/thresholds.py) put the crisis
companion into 10 of the 33 ordinary conversations of the sealed 2027-08 set ("hes the only one
at work who knows"). So a lone vote is weighed by where it falls:

- **In answer to a form's question** (a check-up's, a BARC-10 statement, a ruler), with nothing
  behind it (`UNSUPPORTED`, below): a concern. Over the five conversation sets read for issue
  18 (2,129 person turns, 548 of them answers to a form's question), the model's vote alone
  rated 16 of those answers a crisis ("5. Been in the Bronx my whole life"). The assistant
  answers, so the form keeps the answer, and the gateway adds that a peer was told. With
  something behind it the vote stands: weighing every lone vote down in a form hid the risk in
  four sealed sets running (a rifle, pills, a pistol; in 2027-09, "No, I wouldn't act on it ...
  But the thought keeps coming back"). Over the form answers of the read sets' replay reports
  (1,287 answers: 2027-01 to 2027-06 as read, 2027-07 to 2027-09 replayed after this
  session's fixes; a fit), 46 lone votes were weighed down; 12 have something behind them and
  now stay a crisis: one a crisis turn ("No, I haven't done anything. But I thought hard about
  it last night", e07 of 2027-06), eleven not ("i took a xan before my stats final. just
  one", "my partner holds the bottle and hands me my dose"). When in doubt, escalate.
- **In ordinary talk, with nothing behind it** (`UNSUPPORTED`: no word of death, a method or
  harm in the message (escalation/risk_words.yml), no means named in it or the last few, no
  rule's crisis in those) **and nothing the rules found**: a concern too, reviewed by a peer
  within a day, the assistant answering as if nothing had been flagged.

What that costs, measured on data already read (a fit, not a test: `python` over the nine read
conversation sets, the tuning conversations and tune_2026_12.yml, 2026-12-07):
- ordinary conversations (no crisis turn) with a turn at crisis: 112 of 326 before, 48 after
  (the rest are the rules' own crises and votes on words of risk);
- crisis turns weighed down: 13 of 4,569 turns, none the first crisis turn of its conversation:
  each fell in a conversation already in the companion's hands, which answers every message
  whatever its level ("HE MOVED. hes puking");
- emergency and crisis messages of the tuning set that would be weighed down: 0 of 140
  (without the word list, 7: "the thought of jumping wont leave me alone").
The screening figures (warmline evaluate-screening) do not move: levels are not changed, only
what the gateway does with them.

Words that name the means are never weighed down ("i keep looking at my dads old pistol": the
in-form weighing hid a rifle, pills, a pistol and a thought that "keeps coming back" in four
sealed sets running), nor is anything a rule rated: those are the rules' to judge, and "when in
doubt, escalate" holds for them.
"""

from __future__ import annotations

from channels.forms import asks_form_question
from escalation.combined import UNSUPPORTED
from escalation.companion.crisis import model_vote_alone
from escalation.levels import Level, Screening
from escalation.model.reasons import MEANS_NAMED

IN_FORM = "context:answer-to-a-form-question"
IN_TALK = "context:lone-vote-in-talk"
_THE_VOTES = ("model:", "vote:")


def weighed(screening: Screening, last_reply: str | None) -> Screening:
    """The level the gateway acts on: the screening's, or a concern for a lone vote as above."""
    if not model_vote_alone(screening) or MEANS_NAMED in screening.reasons:
        return screening
    if UNSUPPORTED not in screening.reasons:
        return screening  # something behind it: the vote stands, in a form or out
    if asks_form_question(last_reply):
        return Screening(Level.CONCERN, (*screening.reasons, IN_FORM))
    if any(not reason.startswith(_THE_VOTES) for reason in screening.reasons):
        return screening  # the rules found a concern in the words: the vote stands on it
    return Screening(Level.CONCERN, (*screening.reasons, IN_TALK))


def quietly_weighed(screening: Screening) -> bool:
    """A lone vote weighed down in ordinary talk, no rule finding anything: the peer reviews
    it within a day and the assistant answers; nothing is said of it to the person."""
    return IN_TALK in screening.reasons
