"""Pure-Python core of career_paths (no ``odoo`` import): skill gaps and readiness."""

from . import readiness, skill_gap, training
