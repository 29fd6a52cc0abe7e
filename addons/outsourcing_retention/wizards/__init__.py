from . import retention_staffing_fill_wizard
from . import retention_risk_model_import
