from . import portal
from . import renewal_portal
