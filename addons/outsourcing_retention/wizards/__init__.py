from . import retention_risk_model_import
