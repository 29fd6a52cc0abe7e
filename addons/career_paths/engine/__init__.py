"""Pure-Python core of career_paths (no ``odoo`` import): skill gaps and readiness."""

from . import contest, effect, matching, pairing, readiness, skill_gap, training
