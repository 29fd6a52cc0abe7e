from . import legal_case_category
from . import legal_claim_type
from . import legal_calendar_day
from . import legal_law_firm
from . import legal_case
from . import legal_claim_item
from . import legal_case_event
from . import legal_case_access_log
