from datetime import date

from odoo import Command
from odoo.tests import new_test_user

from .common import TODAY, RetentionCase


class ClientServiceCase(RetentionCase):
    """RetentionCase plus a second client, client users of both clients, a job and a programme.

    * ``client_user``: portal user of ``client`` (its commercial partner)
    * ``client_hr``: internal user of ``client`` with the Client HR group
    * ``other_client_user``: portal user of ``client_2``
    * ``programme``: a running programme of ``client`` at ``site_a``
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_2 = cls.env["res.partner"].create(
            {
                "name": "无锡电子有限公司",
                "is_company": True,
                "is_outsourcing_client": True,
                "client_workforce": 200,
            }
        )
        cls.site_2 = cls.env["retention.client.site"].create(
            {
                "name": "无锡一厂",
                "code": "WX-1",
                "client_id": cls.client_2.id,
                "regional_manager_id": cls.user_b.id,
            }
        )
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.client_user = new_test_user(cls.env, "cs_client", groups="base.group_portal", **common)
        cls.client_user.partner_id.write({"parent_id": cls.client.id, "email": "hr@client.example.com"})
        cls.client_hr = new_test_user(
            cls.env, "cs_client_hr", groups="outsourcing_retention.group_retention_client", **common
        )
        cls.client_hr.partner_id.parent_id = cls.client
        cls.other_client_user = new_test_user(
            cls.env, "cs_other_client", groups="base.group_portal", **common
        )
        cls.other_client_user.partner_id.write(
            {"parent_id": cls.client_2.id, "email": "hr@client2.example.com"}
        )
        cls.job = cls.env["hr.job"].create({"name": "包装工"})
        cls.programme = cls.env["retention.outsourcing.programme"].create(
            {
                "name": "苏州二厂包装线外包",
                "client_id": cls.client.id,
                "date_start": date(2026, 1, 1),
                "site_ids": [Command.set(cls.site_a.ids)],
                "scope_ids": [Command.create({"name": "包装", "job_id": cls.job.id, "headcount": 10})],
            }
        )
        cls.programme.action_approve()
        cls.programme.action_run()

    @classmethod
    def _people(cls, count, site, date_start=date(2025, 1, 1), job=None, prefix="员工", **vals):
        employees = cls.env["hr.employee"].create(
            [{"name": f"{prefix}{i}", "company_id": site.company_id.id} for i in range(count)]
        )
        for employee in employees:
            cls._assign(employee, site, date_start, job_id=(job or cls.job).id, **vals)
        return employees


__all__ = ["TODAY", "ClientServiceCase"]
