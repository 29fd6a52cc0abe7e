from . import career_training_plan_wizard
