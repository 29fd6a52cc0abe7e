from datetime import date, timedelta
from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestXmlRpc(HttpCase, RetentionCase):
    def _call(self, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, self.manager.id, "ret_manager", model, method, list(args), kwargs
        )

    def test_create_update_end(self):
        today = date.today()
        assignment_id = self._call(
            "retention.assignment",
            "create",
            {
                "employee_id": self.employee_1.id,
                "site_id": self.site_a.id,
                "date_start": str(today - timedelta(days=30)),
                "employment_mode": "dispatch",
                "position_nature": "auxiliary",
            },
        )
        [values] = self._call("retention.assignment", "read", [assignment_id], fields=["state", "client_id"])
        self.assertEqual(values["state"], "active")
        self.assertEqual(values["client_id"], [self.client.id, self.client.name])
        self._call("retention.assignment", "write", [assignment_id], {"note": "夜班"})
        # End: the last day in the past turns the assignment to Ended at once.
        self._call(
            "retention.assignment", "action_end", [assignment_id], date_end=str(today - timedelta(days=1))
        )
        [values] = self._call("retention.assignment", "read", [assignment_id], fields=["state", "date_end"])
        self.assertEqual(values["state"], "ended")
        self.assertEqual(values["date_end"], str(today - timedelta(days=1)))

    def test_bad_input_returns_clear_fault(self):
        with self.assertRaises(Fault) as caught:
            self._call(
                "retention.assignment",
                "create",
                {
                    "employee_id": self.employee_1.id,
                    "site_id": self.site_a.id,
                    "date_start": "2026-03-10",
                    "date_end": "2026-03-01",
                },
            )
        self.assertIn("before it starts", caught.exception.faultString)
        with self.assertRaises(Fault) as caught:
            self._call(
                "retention.assignment",
                "create",
                {"employee_id": self.employee_1.id, "site_id": self.site_a.id, "employment_mode": "dispatch"},
            )
        self.assertIn("needs a position nature", caught.exception.faultString)
