from datetime import timedelta

from odoo import Command
from odoo.tests import freeze_time, new_test_user

from .common import TODAY, RetentionCase


class ClientCase(RetentionCase):
    """The client side: two clients with their HR users, and staffing requests.

    * ``client`` (from RetentionCase) with ``site_a`` (user_a) and ``site_b`` (user_b)
    * ``client_user``: portal user of ``client`` (a contact of the client company)
    * ``client_internal``: internal user of ``client`` in the group Client HR
    * ``other_client`` with ``site_other`` and its portal user ``other_client_user``
    * ``portal_user`` (RetentionCase): an employee's portal user, not a client
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.client_user = new_test_user(cls.env, "client_hr", groups="base.group_portal", **common)
        cls.client_user.partner_id.write({"parent_id": cls.client.id, "name": "周敏"})
        cls.client_internal = new_test_user(
            cls.env, "client_hr_internal", groups="outsourcing_retention.group_retention_client", **common
        )
        cls.client_internal.partner_id.parent_id = cls.client
        cls.other_client = cls.env["res.partner"].create(
            {
                "name": "杭州电子有限公司",
                "is_company": True,
                "is_outsourcing_client": True,
                "client_workforce": 50,
            }
        )
        cls.site_other = cls.env["retention.client.site"].create(
            {
                "name": "杭州一厂",
                "code": "HZ-1",
                "client_id": cls.other_client.id,
                "city": "杭州",
                "regional_manager_id": cls.user_a.id,
            }
        )
        cls.other_client_user = new_test_user(
            cls.env, "other_client_hr", groups="base.group_portal", **common
        )
        cls.other_client_user.partner_id.parent_id = cls.other_client
        cls.job = cls.env["hr.job"].create({"name": "装配工", "company_id": cls.company.id})
        cls.employee_3 = cls.env["hr.employee"].create({"name": "孙伟", "company_id": cls.company.id})
        cls.Request = cls.env["retention.staffing.request"]

    @classmethod
    def _request(cls, site=None, quantity=2, days=7, **vals):
        with freeze_time(TODAY):
            return cls.Request.create(
                {
                    "site_id": (site or cls.site_a).id,
                    "job_id": cls.job.id,
                    "quantity": quantity,
                    "date_start": TODAY + timedelta(days=days),
                    **vals,
                }
            )

    def _fill(self, staffing_request, employees, user=None, **vals):
        wizard = (
            self.env["retention.staffing.fill.wizard"]
            .with_user(user or self.manager)
            .with_context(default_request_id=staffing_request.id)
            .create({"employee_ids": [Command.set(employees.ids)], **vals})
        )
        return wizard.action_fill()
