from . import controllers
from . import models
from . import report
from . import wizards


def post_init_hook(env):
    """Link the contracts that existed before installation into renewal chains.

    New contracts are linked to their predecessor when created; older ones would
    otherwise look like first contracts and hide the art. 14 open-ended right.
    """
    employees = env["hr.contract"].with_context(active_test=False).search([]).employee_id
    for start in range(0, len(employees), 1000):
        batch = employees[start : start + 1000]
        contracts = (
            env["hr.contract"]
            .with_context(active_test=False, tracking_disable=True)
            .search([("employee_id", "in", batch.ids)])
        )
        contracts._retention_set_default_predecessors()
