"""Pure-Python core of legal_aid (no ``odoo`` import): limitation periods, firm matching, results."""

from . import deadlines
from . import matching
from . import results
