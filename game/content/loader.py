"""Load and cross-check everything in ``assets/`` (except scenarios) into a ContentBundle.

``load_content`` is what the game calls: it raises the first ``ContentError`` (with file and
line) if anything is wrong. ``load_collecting`` returns the bundle of everything that did load
plus every error, for ``hightide content check``. Cross-file checks live here: duplicate ids,
``next`` targets, speakers, source ids, ``seen()`` ids, ``document()`` ids, and effects used
by the wrong role. Never imports textual.
"""

from __future__ import annotations

from pathlib import Path

from game.content.bundle import ContentBundle, content_hash
from game.content.errors import ContentError
from game.content.files import LineIndex, display_name, read_text
from game.content.model import Document, Event, Passage, Scene
from game.content.reference import (
    load_characters,
    load_document,
    load_glossary,
    load_sources,
    load_timeline,
)
from game.content.scenes import load_passages

REFERENCE_FILES = ("characters.toml", "glossary.toml", "sources.toml", "timeline.toml")


def load_content(assets_dir: Path) -> ContentBundle:
    """Load all content; raises ContentError (file, line, one sentence) on the first mistake."""
    bundle, errors = load_collecting(assets_dir)
    if errors:
        first = errors[0]
        more = ""
        if len(errors) > 1:
            more = f" (and {len(errors) - 1} more; run 'hightide content check')"
        raise ContentError(first.message + more, first.file, first.line)
    return bundle


def load_collecting(assets_dir: Path) -> tuple[ContentBundle, list[ContentError]]:
    """Load what can be loaded and collect every error instead of stopping at the first."""
    root = Path(assets_dir)
    errors: list[ContentError] = []
    if not root.is_dir():
        raise ContentError("content folder not found", root.as_posix())

    def read(path: Path) -> tuple[str, str] | None:
        name = display_name(path, root)
        try:
            return read_text(path, name), name
        except ContentError as error:
            errors.append(error)
            return None

    scenes = []
    for path in sorted((root / "scenes").rglob("*.toml")):
        if (got := read(path)) is not None:
            scenes += load_passages(*got, "scene", errors)
    events = []
    for path in sorted((root / "events").glob("*.toml")):
        if (got := read(path)) is not None:
            events += load_passages(*got, "event", errors)
    documents: dict[str, Document] = {}
    for path in sorted((root / "documents").glob("*.md")):
        if (got := read(path)) is not None:
            document = load_document(*got, errors)
            if document is None:
                continue
            if document.id in documents:
                errors.append(ContentError(
                    f"duplicate document id '{document.id}' "
                    f"(also in {documents[document.id].file})",
                    document.file, document.line))
            documents[document.id] = document
    loaded: dict[str, list] = {}
    loaders = {"characters.toml": load_characters, "glossary.toml": load_glossary,
               "sources.toml": load_sources, "timeline.toml": load_timeline}
    for filename in REFERENCE_FILES:
        path = root / filename
        loaded[filename] = []
        if not path.is_file():
            errors.append(ContentError("file is missing", display_name(path, root)))
            continue
        if (got := read(path)) is not None:
            loaded[filename] = loaders[filename](*got, errors)
    characters = _unique(loaded["characters.toml"], "character", errors)
    sources = _unique(loaded["sources.toml"], "source", errors)
    _unique(loaded["glossary.toml"], "glossary term", errors)
    bundle = ContentBundle(
        assets_dir=root,
        scenes=tuple(scenes),
        events=tuple(events),
        characters=characters,
        documents=documents,
        glossary=tuple(loaded["glossary.toml"]),
        sources=sources,
        timeline=tuple(loaded["timeline.toml"]),
        hash=content_hash(root),
    )
    errors += cross_check(bundle)
    return bundle, errors


def _unique(items: list, what: str, errors: list[ContentError]) -> dict:
    out: dict = {}
    for item in items:
        if item.id in out:
            errors.append(ContentError(
                f"duplicate {what} id '{item.id}' (first at line {out[item.id].line})",
                item.file, item.line))
            continue
        out[item.id] = item
    return out


def cross_check(bundle: ContentBundle) -> list[ContentError]:
    """References between files: ids, targets, speakers, sources, documents, roles."""
    errors: list[ContentError] = []
    first: dict[str, Passage] = {}
    passages: list[Passage] = [*bundle.scenes, *bundle.events]
    for passage in passages:
        if passage.id in first:
            other = first[passage.id]
            errors.append(ContentError(
                f"duplicate id '{passage.id}' (also at {other.file}:{other.line})",
                passage.file, passage.line))
        else:
            first[passage.id] = passage
    has_sources = bool(bundle.sources)
    lines: dict[str, LineIndex] = {}

    def where(passage: Passage, needle: str, line: int | None) -> int | None:
        if passage.file not in lines:
            path = bundle.assets_dir.parent / passage.file
            try:
                lines[passage.file] = LineIndex(read_text(path, passage.file))
            except ContentError:
                return line
        return lines[passage.file].find(needle, line)

    def check_sources(ids, file, line, finder=None) -> None:
        for sid in ids:
            if sid not in bundle.sources:
                hint = "" if has_sources else " (sources.toml has no sources)"
                at = finder(f'"{sid}"') if finder else line
                errors.append(ContentError(f"unknown source id '{sid}'{hint}", file, at))

    for passage in passages:
        kind = "scene" if isinstance(passage, Scene) else "event"
        if passage.speaker and passage.speaker not in bundle.characters:
            errors.append(ContentError(f"unknown speaker '{passage.speaker}' (not in "
                                       "characters.toml)", passage.file,
                                       where(passage, "speaker", passage.line)))
        check_sources(passage.sources, passage.file, passage.line,
                      lambda s, p=passage: where(p, s, p.line))
        head = passage.when if isinstance(passage, Scene) else passage.trigger
        conditions = [head]
        for choice in passage.choices:
            conditions.append(choice.when)
            at = choice.line or passage.line
            if choice.next is not None and choice.next not in first:
                errors.append(ContentError(f"next '{choice.next}' is not a scene id",
                                           passage.file, where(passage, choice.next, at)))
            elif choice.next is not None and isinstance(first[choice.next], Event):
                errors.append(ContentError(f"next '{choice.next}' is an event, not a scene",
                                           passage.file, where(passage, choice.next, at)))
            for effect in choice.effects:
                if effect.name == "document" and effect.args[0] not in bundle.documents:
                    errors.append(ContentError(
                        f"document('{effect.args[0]}') names no file in documents/",
                        passage.file, where(passage, str(effect.args[0]), at)))
                if effect.role != "any" and passage.role not in (effect.role, "any"):
                    errors.append(ContentError(
                        f"{effect.name}() is a {effect.role} effect but this {kind} is for "
                        f"the {passage.role} role", passage.file, where(passage, effect.name, at)))
        for condition in conditions:
            if condition is None:
                continue
            for sid in condition.calls("seen"):
                if sid not in first:
                    errors.append(ContentError(f"seen('{sid}') names no scene or event",
                                               passage.file, where(passage, sid, passage.line)))
    for document in bundle.documents.values():
        check_sources(document.sources, document.file, document.line)
    for entry in (*bundle.glossary, *bundle.timeline):
        check_sources(entry.sources, entry.file, entry.line)
    return errors
