from . import retention_renewal_report
