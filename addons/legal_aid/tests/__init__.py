from . import test_install
from . import test_case
from . import test_deadlines
from . import test_access
from . import test_xmlrpc
from . import test_attachment
from . import test_portal
from . import test_ui
