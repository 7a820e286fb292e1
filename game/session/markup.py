"""Markdown as plain text, for line mode and screen readers: the documents, guides and
instructions are written in Markdown, and a terminal or a braille display should get words, not
``**`` and ``[...](...)``.

``to_text`` keeps the structure a reader needs (headings on their own line, list items, block
quotes indented, a link's address after its words) and drops the marks. It never imports
textual and knows nothing of the game, so any front end can call it.
"""

from __future__ import annotations

import re

_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,9})[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.I)


def inline(text: str) -> str:
    """One line's inline marks dropped: code, bold, italics, strike-through, links, escapes."""
    codes: list[str] = []

    def keep(match: re.Match[str]) -> str:
        codes.append(match.group(2).strip())
        return f"\x00{len(codes) - 1}\x00"

    text = _CODE.sub(keep, text)
    text = _LINK.sub(lambda m: m.group(1) if not m.group(2) or m.group(2) == m.group(1) or m.group(2).startswith("#")
                     else f"{m.group(1)} ({m.group(2)})", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_BREAK.sub(" ", text)
    for pattern in (_STRONG, _STRIKE):
        text = pattern.sub(lambda m: m.group(m.lastindex), text)
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = _ESCAPE.sub(r"\1", text)
    return re.sub("\x00(\\d+)\x00", lambda m: codes[int(m.group(1))], text)


def reflow(text: str) -> str:
    """Prose as paragraphs: the line breaks inside a paragraph (written for an editor's width)
    become spaces, blank lines between paragraphs are kept; each front end wraps to its own width."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


def to_text(markdown: str) -> str:
    """Markdown as plain text: headings on their own line, lists with '-' or their numbers,
    quotes indented by two spaces, tables as lines of cells separated by ' | ', code as is."""
    out: list[str] = []
    fenced = False
    for raw in markdown.replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            out.append(line)
            continue
        if _RULE.match(line):
            out.append("")
            continue
        heading = _HEADING.match(line)
        if heading:
            if out and out[-1] != "":
                out.append("")
            out.append(inline(heading.group(2)))
            continue
        quote = _QUOTE.match(line)
        depth = 0
        while quote:
            depth += 1
            line = quote.group(1)
            quote = _QUOTE.match(line)
        prefix = "  " * depth
        if _TABLE_RULE.match(line) and "-" in line:
            continue
        if line.strip().startswith("|") and line.strip().endswith("|") and line.count("|") >= 2:
            cells = [inline(c.strip()) for c in line.strip().strip("|").split("|")]
            out.append(prefix + " | ".join(cells))
            continue
        bullet = _BULLET.match(line)
        if bullet:
            out.append(prefix + bullet.group(1) + "- " + inline(bullet.group(2)))
            continue
        numbered = _NUMBERED.match(line)
        if numbered:
            out.append(prefix + numbered.group(1) + f"{numbered.group(2)}. " + inline(numbered.group(3)))
            continue
        text = inline(line.strip())
        if text.endswith("\\"):  # a hard line break
            text = text[:-1]
        out.append(prefix + text if text else "")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)
