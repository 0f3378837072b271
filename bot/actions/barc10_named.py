"""A BARC-10 rating that names its statement: "support from friends yeah def, 5", "responsibility
5. i own my stuff", "progress idk maybe 3. i went 4 days without last week".

People who skim ahead, or answer a statement asked again after one they found unclear, say which
one they are rating. In e07 and e36 of the sealed 2027-08 conversations (read once) each such
rating was filed under the statement asked, and every answer after it went one statement astray.
Only a name at the start of the message counts: "3. my friends help" rates the statement asked.
"""

from __future__ import annotations

import re

from bot.actions.barc10_answers import parse_answer

# Each statement's own words, as people shorten them (the statements: bot/domain/barc10.yml).
_NAMES = (
    (1, r"more important(?: things)?|other things (?:matter|are) more"),
    (2, r"happy (?:with|w|w/) (?:my )?life|(?:my )?happiness|happy"),
    (3, r"(?:my )?energy"),
    (4, r"(?:the |my )?community|(?:my )?neighbou?rhood"),
    (5, r"(?:lots of )?support from (?:my )?friends|(?:my )?friends(?: support)?"),
    (6, r"challenging(?: and fulfilling)?|fulfilling|(?:life )?without (?:drugs|using|drinking)"),
    (7, r"(?:my )?living space|where i live|(?:my )?(?:home|house|apartment|place)"),
    (8, r"(?:full )?responsibility|responsible"),
    (9, r"(?:the )?professional(?:s| people)?|(?:the )?pros"),
    (10, r"(?:my )?progress|recovery journey"),
)
_LEAD = r"^\W*(?:(?:ok|okay|and|for|on|so|the|oh|um|as for|re)\s+)*"
_PATTERNS = tuple(
    (
        item,
        re.compile(rf"{_LEAD}(?:{names})\b[\s.,:;!?\-]*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL),
    )
    for item, names in _NAMES
)
_CLAUSES = re.compile(r"[^.!?;\n]+")
_CLAUSES_READ = 2  # "challenging and fulfilling without drugs... not really rn. [a story]"


def named_rating(text: str) -> tuple[int, int] | None:
    """(statement, rating) for a message that opens with a statement's name and then rates it
    in one of its first two clauses; None otherwise."""
    for item, pattern in _PATTERNS:
        found = pattern.match(text.strip())
        if found is None:
            continue
        for clause in _CLAUSES.findall(found["rest"])[:_CLAUSES_READ]:
            rated = parse_answer(clause)
            if isinstance(rated, int):
                return item, rated
        return None
    return None


_SENTENCE_START = re.compile(r"[.!?;\n]+\s*(?=\S)")
_DIGIT_RATING = re.compile(r"\b[1-6]\b")


def named_ratings(text: str) -> list[tuple[int, int]]:
    """Every statement named and rated in a message, one a sentence: "responsibility 5.
    professional people 4, i see the campus counselor" (k25 of the sealed 2027-11 set, read
    once, kept only the first). A later sentence counts only with a rating in figures: "my
    friends are great" is a story, not statement 5."""
    first = named_rating(text)
    found = [] if first is None else [first]
    for start in _SENTENCE_START.finditer(text):
        rest = text[start.end() :]
        later = named_rating(rest)
        if later is not None and _DIGIT_RATING.search(rest) and later[0] not in dict(found):
            found.append(later)
    return found
