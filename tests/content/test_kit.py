"""The teaching kit is complete: every reflection question in the example assignments has an
answer key (what a secure answer contains, and an exemplar), the document-based question has its
excerpts, questions, model answer and rubric, and the guides say plainly that Liudu is invented."""

from __future__ import annotations

import re

from game.paths import assets_dir
from game.session.assignment import load_assignment

KEYS = assets_dir() / "assignments" / "answer-keys.md"
DOCS = assets_dir() / "docs"


def _sections(text: str, level: str) -> dict[str, str]:
    parts = re.split(rf"^{level} (\S+)\s*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_reflection_question_has_an_answer_key():
    keys = _sections(KEYS.read_text(encoding="utf-8"), "##")
    files = sorted((assets_dir() / "assignments").glob("*.toml"))
    assert files
    for path in files:
        assignment = load_assignment(path, assets_dir())
        assert assignment.id in keys, f"no answer keys for {assignment.id}"
        questions = _sections(keys[assignment.id], "###")
        for question in assignment.questions:
            key = questions.get(question.id)
            assert key, f"{assignment.id}: no key for {question.id}"
            assert "**A secure answer contains:**" in key and "**Exemplar" in key, f"{assignment.id} {question.id}"
            words = " ".join(question.text.split()[1:8])
            assert words in " ".join(key.split()), f"{assignment.id} {question.id}: the key does not quote its question"


def test_the_document_based_question_is_complete():
    text = (DOCS / "dbq.md").read_text(encoding="utf-8")
    documents = re.findall(r"^### ([A-F])\. ", text, flags=re.M)
    assert documents == list("ABCDEF")
    for heading in ("## Part 1", "## Part 2", "## Model answer", "## Rubric"):
        assert heading in text, heading
    for block in re.split(r"^### ", text, flags=re.M)[1:7]:
        assert re.search(r"\(S\d+[a-z]?\)", block), f"document {block[:2]} cites no source"
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in block)
        assert chinese or "written in English" in block, f"document {block[:2]} has no Chinese original"


def test_guides_say_what_is_invented():
    for name in ("teacher-guide.md", "student-guide.md", "misconceptions.md"):
        text = (DOCS / name).read_text(encoding="utf-8")
        assert "Liudu and its people are invented" in text, name
    student = (DOCS / "student-guide.md").read_text(encoding="utf-8")
    for level in ("County (县)", "Township (乡)", "Village (村)", "co-op", "Production team (生产队)"):
        assert level in student, level


def test_the_handout_covers_the_famine_and_carries_a_content_note():
    text = (DOCS / "misconceptions.md").read_text(encoding="utf-8")
    assert "1959-1961" in text and "## Content note" in text
    assert len(re.findall(r"^\*\*\d+\. ", text, flags=re.M)) >= 12
