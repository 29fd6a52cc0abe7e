from . import career_track
from . import career_certificate_type
from . import career_grade
from . import career_grade_skill
from . import career_certificate
from . import career_employee_grade
from . import career_promotion
from . import hr_employee
