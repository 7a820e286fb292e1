"""``hightide content check`` on a hostile folder finishes within a bound and prints a bounded,
readable report: a 50 MB value, a 3,000-scene ``next`` chain, a FIFO as a scene file, TOML
nested 100,000 deep, and a syntax error reported as file:line."""

from __future__ import annotations

import io
import os
import time

from game.content.bounded import PER_FILE, check_folder


def chain(n: int) -> str:
    out = []
    for i in range(n):
        head = 'year = 1955\nseason = "summer"\n' if i == 0 else ""
        nxt = f'next = "c{i + 1}"\n' if i < n - 1 else ""
        out.append(f'[[scene]]\nid = "c{i}"\nrole = "peasant"\n{head}title = "C{i}"\ntext = "t"\n'
                   f'[[scene.choice]]\nlabel = "on"\n{nxt}')
    return "\n".join(out)


def test_a_hostile_folder_is_checked_quickly_and_briefly(make_assets) -> None:
    root = make_assets()
    scenes = root / "scenes" / "peasant"
    (scenes / "1954-spring.toml").write_text('[[scene]]\nid = "big"\ntext = "' + "x" * 50_000_000 + '"\n')
    (scenes / "1955-summer.toml").write_text(chain(3000))
    os.mkfifo(scenes / "1956-spring.toml")
    (scenes / "1956-summer.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    (scenes / "1956-autumn.toml").write_text('[[scene]]\nid = "broken"\ntitle = "no end\n')
    out = io.StringIO()
    start = time.perf_counter()
    code = check_folder(str(root), out=out, games=150)
    took = time.perf_counter() - start
    text = out.getvalue()
    assert code == 1
    assert took < 20, f"content check took {took:.1f} s on a hostile folder"
    assert len(text) < 20_000, f"content check printed {len(text):,} characters"
    lines = text.splitlines()
    assert all(len(line) <= 320 for line in lines)
    assert any("1954-spring.toml" in line and "too large" in line for line in lines)
    assert any("1956-spring.toml" in line and "not a regular file" in line for line in lines)
    assert any("1956-summer.toml" in line and "nest" in line for line in lines)
    assert any("1956-autumn.toml:3: TOML syntax error" in line for line in lines), text[:3000]
    chain_lines = [line for line in lines if "1955-summer.toml" in line]
    assert len(chain_lines) <= 2 * (PER_FILE + 1)  # errors and warnings, each capped per file
    assert any("more problems in this file" in line for line in chain_lines)
