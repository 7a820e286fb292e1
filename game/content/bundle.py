"""The loaded content as one read-only bundle, and the content hash saves record.

``ContentBundle`` holds every scene, event, character, document, glossary entry, source and
timeline entry, with look-ups by id and by role and season. ``content_hash`` fingerprints
every file under ``assets/`` so a save can tell whether the content changed. Never imports
textual.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from game.content.model import (
    Character,
    Document,
    Event,
    GlossaryEntry,
    Passage,
    Scene,
    Source,
    TimelineEntry,
)


PLAY_CONTENT = ("scenarios", "scenes", "events", "characters.toml")
"""What a game's course depends on; documents, glossary, guides and the timeline can be
corrected without invalidating anyone's saves."""


def content_hash(assets_dir: Path) -> str:
    """sha256 (hex) over the files that shape play (PLAY_CONTENT): relative path and bytes, sorted."""
    digest = hashlib.sha256()
    root = Path(assets_dir)
    files = sorted((p for p in root.rglob("*") if p.is_file()
                    and p.relative_to(root).parts[0] in PLAY_CONTENT and not p.name.startswith(".")),
                   key=lambda p: p.relative_to(root).as_posix())
    for path in files:
        data = path.read_bytes()
        digest.update(path.relative_to(root).as_posix().encode("utf-8"))
        digest.update(b"\0" + str(len(data)).encode("ascii") + b"\0")
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True, eq=False)
class ContentBundle:
    """Everything in ``assets/`` except scenarios, validated and ready to use."""

    assets_dir: Path
    scenes: tuple[Scene, ...] = ()
    events: tuple[Event, ...] = ()
    characters: dict[str, Character] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    glossary: tuple[GlossaryEntry, ...] = ()
    sources: dict[str, Source] = field(default_factory=dict)
    timeline: tuple[TimelineEntry, ...] = ()
    hash: str = ""

    def __post_init__(self) -> None:
        by_id: dict[str, Passage] = {}
        for passage in (*self.scenes, *self.events):
            by_id.setdefault(passage.id, passage)
        object.__setattr__(self, "_by_id", by_id)

    def scene(self, scene_id: str) -> Scene:
        """The scene with this id; raises KeyError if there is none."""
        passage = self._by_id[scene_id]  # type: ignore[attr-defined]
        if not isinstance(passage, Scene):
            raise KeyError(scene_id)
        return passage

    def passage(self, passage_id: str) -> Passage | None:
        """The scene or event with this id, or None."""
        return self._by_id.get(passage_id)  # type: ignore[attr-defined]

    def event(self, event_id: str) -> Event:
        """The event with this id; raises KeyError if there is none."""
        passage = self._by_id[event_id]  # type: ignore[attr-defined]
        if not isinstance(passage, Event):
            raise KeyError(event_id)
        return passage

    def scenes_for(self, role: str, year: int, season: str) -> list[Scene]:
        """Scenes dated to this season for this role (or 'any'), highest priority first.

        Conditions are not evaluated here; ``game.content.runner`` does that.
        """
        found = [s for s in self.scenes
                 if s.year == year and s.season == season and s.role in (role, "any")]
        return sorted(found, key=lambda s: -s.priority)  # stable: file order breaks ties

    def events_for(self, role: str) -> list[Event]:
        """Events for this role (or 'any'), highest priority first."""
        found = [e for e in self.events if e.role in (role, "any")]
        return sorted(found, key=lambda e: -e.priority)

    def character(self, character_id: str) -> Character:
        """The character with this id; raises KeyError if there is none."""
        return self.characters[character_id]

    def households(self) -> list[Character]:
        """The characters whose household the player may choose."""
        return [c for c in self.characters.values() if c.household]
