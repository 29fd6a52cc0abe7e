from . import test_install
from . import test_ledger
from . import test_access
from . import test_concurrency
from . import test_xmlrpc
from . import test_redemption
from . import test_portal
from . import test_expiry
