from datetime import date, timedelta
from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .client_common import ClientCase

# The server answers on the real clock.
TODAY = date.today()


@tagged("post_install", "-at_install")
class TestClientXmlRpc(HttpCase, ClientCase):
    """The client API through real XML-RPC, with each caller's own rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._assign(cls.employee_1, cls.site_a, TODAY - timedelta(days=20), job_id=cls.job.id)
        cls._assign(cls.employee_2, cls.site_a, TODAY - timedelta(days=10), job_id=cls.job.id)
        cls._assign(cls.employee_3, cls.site_other, TODAY - timedelta(days=10))
        cls.request_other = cls.Request.create(
            {"site_id": cls.site_other.id, "quantity": 4, "date_start": TODAY + timedelta(days=7)}
        )

    def _call(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def _fault(self, user, model, method, *args, **kwargs):
        with self.assertRaises(Fault) as caught, mute_logger("odoo.http"):
            self._call(user, model, method, *args, **kwargs)
        return caught.exception

    def test_client_creates_and_reads_requests(self):
        request_id = self._call(
            self.client_user,
            "retention.staffing.request",
            "create",
            {
                "site_id": self.site_b.id,
                "job_id": self.job.id,
                "quantity": 5,
                "date_start": str(TODAY + timedelta(days=14)),
                "shift": "三班倒",
            },
        )
        [values] = self._call(
            self.client_user,
            "retention.staffing.request",
            "read",
            [request_id],
            fields=["name", "state", "client_id", "quantity", "filled_count", "job_id"],
        )
        self.assertEqual(values["state"], "requested")
        self.assertEqual(values["client_id"], [self.client.id, self.client.name])
        self.assertEqual(values["job_id"], [self.job.id, "装配工"])
        self.assertEqual(values["filled_count"], 0)
        found = self._call(self.client_user, "retention.staffing.request", "search_read", [], fields=["id"])
        self.assertEqual([row["id"] for row in found], [request_id])
        fault = self._fault(
            self.client_user, "retention.staffing.request", "read", [self.request_other.id], fields=["name"]
        )
        self.assertEqual(fault.faultCode, 4)
        # The client cancels; the provider confirms, the client may not.
        fault = self._fault(self.client_user, "retention.staffing.request", "action_confirm", [request_id])
        self.assertEqual(fault.faultCode, 4)
        self._call(self.user_b, "retention.staffing.request", "action_confirm", [request_id])
        self._call(self.client_user, "retention.staffing.request", "action_cancel", [request_id])
        self.assertEqual(self.Request.browse(request_id).state, "cancelled")

    def test_bad_input_gets_a_clear_fault_and_writes_nothing(self):
        count = self.Request.search_count([])
        future = str(TODAY + timedelta(days=3))
        good = {"site_id": self.site_a.id, "quantity": 1, "date_start": future}
        cases = [
            ({"date_start": str(TODAY - timedelta(days=1))}, "in the past"),
            ({"quantity": 0}, "at least one person"),
            ({"quantity": "2"}, "expects a number"),
            ({"site_id": 999999}, "there is no record with the id 999999"),
            ({"site_id": str(self.site_a.id)}, "expects the id of a record"),
            ({"site_id": self.site_other.id}, "not one of your sites"),
            ({"date_start": "2026-13-45"}, "YYYY-MM-DD"),
            ({"job_id": "装配工"}, "expects the id of a record"),
            ({"state": "filled"}, "through its buttons"),
            ({"no_such_field": 1}, "has no field no_such_field"),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals):
                fault = self._fault(
                    self.client_user, "retention.staffing.request", "create", {**good, **vals}
                )
                self.assertEqual(fault.faultCode, 2)
                self.assertIn(message, fault.faultString)
                self.assertNotIn("Traceback", fault.faultString)
        fault = self._fault(
            self.client_user, "retention.staffing.request", "create", [good, {**good, "quantity": 0}]
        )
        self.assertIn("at least one person", fault.faultString)
        self.assertEqual(self.Request.search_count([]), count)

    def test_headcount_and_people_with_the_callers_rights(self):
        Site = "retention.client.site"
        headcount = self._call(self.client_user, Site, "retention_headcount")
        self.assertEqual(
            headcount,
            [
                {
                    "site_id": self.site_a.id,
                    "site_name": "苏州二厂",
                    "job_id": self.job.id,
                    "job_name": "装配工",
                    "headcount": 2,
                }
            ],
        )
        people = self._call(self.client_user, Site, "retention_client_people", [self.site_a.id])
        self.assertEqual({row["employee_name"] for row in people}, {"王芳", "刘洋"})
        self.assertEqual(people[0]["date_start"], str(TODAY - timedelta(days=20)))
        fault = self._fault(self.client_user, Site, "retention_headcount", [self.site_other.id])
        self.assertIn("among yours", fault.faultString)
        fault = self._fault(self.client_user, Site, "retention_headcount", "all")
        self.assertIn("list of site ids", fault.faultString)
        # The provider's manager reads every client's; an employee's portal user nothing.
        manager_rows = self._call(self.manager, Site, "retention_headcount")
        self.assertEqual(sum(row["headcount"] for row in manager_rows), 3)
        self.assertEqual(self._call(self.portal_user, Site, "retention_headcount"), [])
        self.assertEqual(self._call(self.portal_user, Site, "retention_client_people"), [])
        # No way to the assignments or the employees themselves.
        for model in ("retention.assignment", "hr.employee", "hr.contract"):
            with self.subTest(model=model):
                fault = self._fault(self.client_user, model, "search_read", [], fields=["id"])
                self.assertEqual(fault.faultCode, 4)

    def test_provider_reads_fill_rates(self):
        rates = self._call(self.manager, "retention.staffing.request", "retention_fill_rates")
        self.assertEqual(
            rates,
            [
                {
                    "client_id": self.other_client.id,
                    "client_name": "杭州电子有限公司",
                    "requested": 4,
                    "filled": 0,
                    "fill_rate": 0.0,
                    "avg_time_to_fill": False,
                }
            ],
        )
        self.assertEqual(
            self._call(self.client_user, "retention.staffing.request", "retention_fill_rates"), []
        )

    def test_messages_in_chinese_when_asked(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        fault = self._fault(
            self.client_user,
            "retention.staffing.request",
            "create",
            {"site_id": self.site_a.id, "quantity": 0, "date_start": str(TODAY + timedelta(days=3))},
            context={"lang": "zh_CN"},
        )
        self.assertIn("用工需求至少需要 1 人。", fault.faultString)
