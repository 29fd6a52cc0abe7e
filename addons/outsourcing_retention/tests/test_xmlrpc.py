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

    def _fault(self, model, method, *args, **kwargs):
        with self.assertRaises(Fault) as caught:
            self._call(model, method, *args, **kwargs)
        message = caught.exception.faultString
        self.assertEqual(caught.exception.faultCode, 2, message)  # a user error, not a traceback
        for leak in ("Traceback", "psycopg2", "invalid input syntax", "SELECT", "INSERT"):
            self.assertNotIn(leak, message)
        return message

    def test_wrong_types_get_clear_errors(self):
        """A string id, a malformed date, an unknown selection value or id: a clear message,
        nothing written."""
        Assignment = self.env["retention.assignment"]
        before = Assignment.search_count([])
        good = {
            "employee_id": self.employee_1.id,
            "site_id": self.site_a.id,
            "date_start": "2026-03-01",
        }
        cases = [
            ({"employee_id": str(self.employee_1.id)}, "expects the id of a record (a whole number), not"),
            ({"site_id": "苏州二厂"}, "expects the id of a record"),
            ({"site_id": 999999}, "there is no record with the id 999999"),
            ({"date_start": "2026-13-45"}, "expects a date written YYYY-MM-DD, not 2026-13-45"),
            ({"date_end": "next month"}, "expects a date written YYYY-MM-DD"),
            ({"employment_mode": "freelance"}, "must be one of outsourcing, dispatch, not freelance"),
            ({"position_nature": 3}, "must be one of temporary, auxiliary, substitute"),
            ({"note": ["夜班"]}, "expects a text"),
            ({"no_such_field": 1}, "has no field no_such_field"),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals):
                self.assertIn(message, self._fault("retention.assignment", "create", {**good, **vals}))
        self.assertEqual(Assignment.search_count([]), before)

        assignment_id = self._call("retention.assignment", "create", good)
        self.assertIn(
            "expects the id", self._fault("retention.assignment", "write", [assignment_id], {"site_id": "1"})
        )
        self.assertIn(
            "expects a date",
            self._fault("retention.assignment", "action_end", [assignment_id], date_end="昨天"),
        )
        for model, vals, message in (
            ("retention.client.site", {"name": "X", "code": "X", "client_id": "abc"}, "expects the id"),
            (
                "retention.service.agreement",
                {"name": "X", "partner_id": self.client.id, "date_start": "1/3/2026"},
                "expects a date",
            ),
            (
                "retention.service.agreement",
                {
                    "name": "X",
                    "partner_id": self.client.id,
                    "date_start": "2026-03-01",
                    "agreement_type": "x",
                },
                "must be one of",
            ),
            (
                "retention.service.agreement",
                {"name": "X", "partner_id": self.client.id, "date_start": "2026-03-01", "value": "很多"},
                "expects a number",
            ),
        ):
            with self.subTest(model=model, vals=vals):
                self.assertIn(message, self._fault(model, "create", vals))

    def test_errors_in_chinese_with_lang_in_context(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        message = self._fault(
            "retention.assignment",
            "create",
            {"employee_id": self.employee_1.id, "site_id": self.site_a.id, "date_start": "2026-13-45"},
            context={"lang": "zh_CN"},
        )
        self.assertIn("2026-13-45", message)
        self.assertNotIn("expects a date", message)
        self.assertIn("日期", message)
