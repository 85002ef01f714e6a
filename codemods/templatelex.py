"""A small Django template tokenizer for the template codemods, modelled on Django's ``Lexer``.

Django splits a template with ``({%.*?%}|{{.*?}}|{#.*?#})`` into text / variable / block / comment
tokens; inside ``{% verbatim %}`` ... ``{% endverbatim %}`` every token is text. On top of that this
lexer marks the tokens inside ``{% comment %}`` ... ``{% endcomment %}`` (which Django's *parser*
skips) so codemods leave them alone. Each token keeps its offsets, so a codemod rewrites exactly one
token's text and nothing else in the file moves::

    for tok in tokenize(text):
        if tok.kind == BLOCK and not tok.skipped and tok.bits()[0] == "load": ...
    new_text = replace_tokens(text, {tok: "{% load static %}"})
"""

from __future__ import annotations

import re
from typing import NamedTuple

TEXT, VAR, BLOCK, COMMENT = "text", "var", "block", "comment"

TAG_RE = re.compile(r"({%.*?%}|{{.*?}}|{#.*?#})")

# django.utils.text.smart_split_re: splits on whitespace, keeping quoted strings (with spaces) whole.
SMART_SPLIT_RE = re.compile(
    r"""
    ((?:
        [^\s'"]*
        (?:
            (?:"(?:[^"\\]|\\.)*" | '(?:[^'\\]|\\.)*')
            [^\s'"]*
        )+
    ) | \S+)
    """,
    re.VERBOSE,
)


class Token(NamedTuple):  # (a tuple: a template of a few thousand tokens is made in microseconds)
    kind: str
    raw: str  # the token as written, delimiters included
    start: int  # offset in the template text
    end: int
    lineno: int
    skipped: bool = False  # inside {% comment %} / {% verbatim %}: never rewrite

    @property
    def content(self) -> str:
        """The text between the delimiters, stripped (as Django's ``Token.contents``)."""
        if self.kind in (BLOCK, VAR, COMMENT):
            return self.raw[2:-2].strip()
        return self.raw

    @property
    def content_offset(self) -> int:
        """Offset of ``content`` inside ``raw``."""
        inner = self.raw[2:-2]
        return 2 + (len(inner) - len(inner.lstrip()))

    def bits(self) -> list[str]:
        return [m.group(0) for m in SMART_SPLIT_RE.finditer(self.content)]

    def bit_spans(self) -> list[tuple[str, int, int]]:
        """(bit, start, end) with offsets relative to ``raw``."""
        base = self.content_offset
        return [(m.group(0), base + m.start(), base + m.end()) for m in SMART_SPLIT_RE.finditer(self.content)]

    def with_content(self, new_content: str) -> str:
        """The raw token with its content replaced, keeping delimiters and inner whitespace."""
        inner = self.raw[2:-2]
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()):]
        return self.raw[:2] + lead + new_content + trail + self.raw[-2:]


_LAST: list = [None, ()]  # the last text tokenized, and its tokens


def tokenize(text: str) -> list[Token]:
    """The template's tokens. The template codemods of a file each ask for the same text's tokens
    in turn: the last text's are remembered (tokens are immutable; each caller gets its own list)."""
    last = _LAST[0]
    if last is not None and (last is text or last == text):
        return list(_LAST[1])
    tokens = _tokenize(text)
    _LAST[0], _LAST[1] = text, tuple(tokens)
    return tokens


def forget() -> None:
    """Let the last template go (the engine calls it when a file is done)."""
    _LAST[0], _LAST[1] = None, ()


def _tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    verbatim: str | None = None  # the closing tag we wait for, as Django's Lexer does
    comment_depth = 0
    lineno = 1
    pos = 0
    in_tag = False
    for piece in TAG_RE.split(text):
        if piece:
            kind = TEXT
            skipped = False
            if in_tag:
                start = piece[:2]
                if start == "{%":
                    content = piece[2:-2].strip()
                    if verbatim is not None:
                        if content != verbatim:
                            kind, skipped = TEXT, True
                        else:
                            verbatim = None
                            kind, skipped = BLOCK, True
                    elif content[:9] in ("verbatim", "verbatim "):
                        verbatim = "end" + content
                        kind, skipped = BLOCK, True
                    else:
                        kind = BLOCK
                        name = content.split(None, 1)[0] if content else ""
                        if name == "comment":
                            comment_depth += 1
                            skipped = True
                        elif name == "endcomment" and comment_depth:
                            comment_depth -= 1
                            skipped = True
                elif verbatim is not None:
                    kind, skipped = TEXT, True
                else:
                    kind = VAR if start == "{{" else COMMENT
                    skipped = kind == COMMENT
            if comment_depth and kind != TEXT:
                skipped = True
            tokens.append(Token(kind, piece, pos, pos + len(piece), lineno, skipped))
            lineno += piece.count("\n")
            pos += len(piece)
        in_tag = not in_tag
    return tokens


def replace_tokens(text: str, replacements: dict[Token, str]) -> str:
    """Apply {token: new raw text} to ``text`` (tokens must come from ``tokenize(text)``)."""
    if not replacements:
        return text
    out = []
    pos = 0
    for tok in sorted(replacements, key=lambda t: t.start):
        out.append(text[pos:tok.start])
        out.append(replacements[tok])
        pos = tok.end
    out.append(text[pos:])
    return "".join(out)


def tag_name(tok: Token) -> str:
    if tok.kind != BLOCK:
        return ""
    content = tok.content
    return content.split(None, 1)[0] if content else ""
