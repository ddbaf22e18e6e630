"""The parts of `hooks/adopt.py`, which brings an existing repository onto the templates."""
