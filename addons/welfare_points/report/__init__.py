from . import welfare_points_report
from . import welfare_payroll_report
from . import welfare_impact_report
