"""``python -m game`` runs the ``hightide`` command."""

from game.cli import main

raise SystemExit(main())
