from . import res_company
from . import welfare_points_account
from . import welfare_points_line
from . import welfare_benefit
from . import welfare_redemption
from . import res_config_settings
from . import welfare_earning_rule
from . import retention_performance_review
