"""Screening reasons in the words a peer uses: 'suicide:means-at-hand' is 'has the means at
hand (suicide)'. An id not listed here still reads: its parts, with the dashes dropped."""

from __future__ import annotations

PLAIN = {
    "overdose:in-progress": "overdose happening now",
    "overdose:ingested-quantity": "took a large amount",
    "overdose:ingested-dose": "took a dose that may be dangerous",
    "overdose:unresponsive": "someone is unresponsive",
    "overdose:symptoms": "signs of an overdose",
    "overdose:naloxone-needed": "naloxone needed",
    "overdose:using-alone": "using alone",
    "overdose:alone-with-substance": "alone with drugs",
    "overdose:high-risk-use": "high-risk use",
    "suicide:poisoning": "poisoning themself",
    "suicide:attempt": "suicide attempt",
    "suicide:means-at-hand": "has the means at hand",
    "suicide:unnamed-plan": "has a plan",
    "suicide:farewell": "saying goodbye",
    "suicide:ideation": "suicidal thoughts",
    "suicide:intent": "intends to end their life",
    "suicide:death-wish": "wishes to be dead",
    "suicide:warning-signs": "warning signs of suicide",
    "suicide:method-seeking": "looking for a method",
    "self-harm:act": "self-harm",
    "self-harm:eating-disorder": "disordered eating",
    "harm:violence-now": "violence happening now",
    "harm:intent-to-harm": "intends to hurt someone",
    "harm:being-harmed": "being harmed",
    "relapse:return-to-use": "return to use",
    "relapse:craving": "strong cravings",
    "mood:hopelessness": "hopelessness",
    "housing:unsafe": "unsafe housing",
    "medication:missed": "missed medication",
    "support:asks-for-person": "asks for a person",
    "loss:overdose-or-suicide": "lost someone to overdose or suicide",
    "context:past": "about the past",
    "context:recent": "recently",
    "context:hypothetical": "a what-if",
    "context:joking": "marked as a joke",
    "context:negated": "said it is not so",
    "context:quotation": "a quotation",
    "context:imagined": "imagined",
    "context:other-person": "about someone else",
    "model:failed": "the risk model failed: rated by the rules alone",
    # A lone model vote (channels/weighing.py): said plainly, so a concern does not read
    # "crisis risk" to the peer reviewing it.
    "vote:unsupported": "nothing else in the words or before them",
    "cue:means-named": "names the means",
    "context:lone-vote-in-talk": "only the risk model flagged it, in ordinary talk: a review",
    "context:answer-to-a-form-question": "only the risk model flagged it, as a form's answer",
    "test": "test",
}


_HOW_FOUND = {"frame", "net", "model"}


def plain(reason: str) -> str:
    if reason in PLAIN:
        return PLAIN[reason]
    kind, _, what = reason.partition(":")
    if kind == "model":  # "crisis-risk(0.54)": the model's score, said as what it is
        return f"risk model's vote {what.rpartition('(')[2].rstrip(')')}" if "(" in what else what
    if kind in _HOW_FOUND:  # how the screener found it says nothing more to a peer
        return what.replace("-", " ")
    return f"{what.replace('-', ' ')} ({kind})" if what else kind.replace("-", " ")


def plain_all(reasons: list[str]) -> list[str]:
    return list(dict.fromkeys(plain(reason) for reason in reasons))
