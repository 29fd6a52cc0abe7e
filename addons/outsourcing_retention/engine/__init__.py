"""Pure-Python core of outsourcing_retention.

Nothing here imports ``odoo``: the repository's pytest imports these modules
directly, and the addon imports them as ``odoo.addons.outsourcing_retention.engine``.
The ORM layer gathers records in batches, calls these functions, writes results.
"""

from . import (
    client_programme,
    dispatch,
    keywords,
    labour_law,
    performance,
    pulse,
    renewal,
    risk_scorecard,
    service_agreement,
    staffing,
    vendor_review,
)
