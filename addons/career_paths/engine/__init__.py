"""Pure-Python core of career_paths (no ``odoo`` import): skill gaps and readiness."""

from . import contest, matching, pairing, readiness, skill_gap, training
