from . import retention_staffing_fill_wizard
