from . import portal
from . import renewal_portal
from . import performance_portal
from . import client_service_portal
