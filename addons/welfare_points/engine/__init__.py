"""Pure-Python core of welfare_points (no ``odoo`` import).

The ORM layer reads ledger lines in batches and asks this package for
balances and expiries, so the arithmetic is unit-tested without a database.
"""

from . import ledger
from . import rules
