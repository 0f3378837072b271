"""The statistical risk model that votes beside the lexicon rules.

The rules catch what the lexicon's authors foresaw; new wording slips past them. A small
bag-of-words text classifier, trained from code on the project's labelled sets, catches some of
that wording. It can only raise a message's level, and to crisis at most: "when in doubt,
escalate", while an emergency still needs the rules' explicit evidence.
"""
