"""Pure-Python core of legal_aid (no ``odoo`` import): limitation periods."""

from . import deadlines
from . import matching
