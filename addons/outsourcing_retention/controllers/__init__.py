from . import portal
from . import renewal_portal
from . import performance_portal
from . import client_portal
from . import pulse_portal
from . import voice_portal
from . import client_service_portal
