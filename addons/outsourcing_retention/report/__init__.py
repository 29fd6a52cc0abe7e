from . import retention_renewal_report
from . import retention_performance_review_report
from . import retention_retention_report
from . import retention_voice_report
