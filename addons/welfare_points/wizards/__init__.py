from . import welfare_points_post_wizard
