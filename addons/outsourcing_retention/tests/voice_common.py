from odoo import Command
from odoo.tests import new_test_user

from .common import TODAY, RetentionCase


class VoiceCase(RetentionCase):
    """RetentionCase plus: the portal employee works at site_a, an admin-level retention
    manager, a retention manager of the second company, and the voice categories."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_manager = new_test_user(
            cls.env,
            "ret_admin_manager",
            groups="outsourcing_retention.group_retention_manager,base.group_system,hr.group_hr_manager",
            company_id=cls.company.id,
            company_ids=[Command.set((cls.company | cls.company_2).ids)],
        )
        cls.manager_c2 = new_test_user(
            cls.env,
            "ret_manager_c2",
            groups="outsourcing_retention.group_retention_manager",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        cls._assign(cls.employee_portal, cls.site_a, TODAY.replace(month=1, day=1))
        cls.complaint = cls.env.ref("outsourcing_retention.voice_category_complaint")
        cls.suggestion = cls.env.ref("outsourcing_retention.voice_category_suggestion")
        cls.Alert = cls.env["retention.pulse.alert"]
        cls.Item = cls.env["retention.voice.item"]
