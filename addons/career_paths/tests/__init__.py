from . import test_install
from . import test_eligibility
from . import test_promotion
from . import test_validation
from . import test_access
from . import test_xmlrpc
from . import test_skill_evidence
from . import test_training
