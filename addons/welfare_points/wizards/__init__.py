from . import welfare_points_post_wizard
from . import welfare_rule_grant_wizard
