from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged

from .common import LegalAidCase


@tagged("post_install", "-at_install")
class TestXmlRpc(HttpCase, LegalAidCase):
    def _call(self, login, model, method, *args, **kwargs):
        user = self.env["res.users"].search([("login", "=", login)])
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, login, model, method, list(args), kwargs
        )

    def test_hotline_request_by_a_coordinator(self):
        case_id = self._call(
            "la_coordinator",
            "legal.case",
            "create",
            {
                "contact_name": "热线来电",
                "contact_phone": "13800000000",
                "category_id": self.category_dismissal.id,
                "known_on": "2026-02-20",
                "facts": "电话咨询",
                "claim_ids": [(0, 0, {"claim_type_id": self.type_compensation.id, "amount": 8000})],
            },
        )
        [values] = self._call(
            "la_coordinator", "legal.case", "read", [case_id], fields=["stage", "next_deadline"]
        )
        self.assertEqual(values["stage"], "request")
        self.assertEqual(values["next_deadline"], "2027-02-22")  # 20 Feb 2027 is a Saturday
        stages = self._call("la_coordinator", "legal.case", "search_read", [], fields=["name", "stage"])
        self.assertIn(case_id, [row["id"] for row in stages])

    def test_refusals_over_rpc(self):
        for login in ("la_hr_officer", "la_ret_manager", "la_lawyer_b", "la_neighbour", "la_coordinator_2"):
            with self.subTest(login=login):
                with self.assertRaises(Fault) as caught:
                    self._call(login, "legal.case", "read", [self.case_a.id], fields=["facts"])
                self.assertRegex(caught.exception.faultString, "top-secret|not allowed")
                self.assertNotIn("工资拖欠", caught.exception.faultString)
                rows = self._call(login, "legal.case", "search_read", [], fields=["facts"])
                self.assertNotIn(self.case_a.id, [row["id"] for row in rows])
        with self.assertRaises(Fault):
            self._call("la_lawyer_a", "legal.case", "write", [self.case_a.id], {"amount_awarded": 99999})

    def test_bad_input_is_refused_and_nothing_written(self):
        count = self.env["legal.case"].search_count([])
        with self.assertRaises(Fault) as caught:
            self._call(
                "la_coordinator",
                "legal.case",
                "create",
                {"category_id": self.category_wages.id, "known_on": "2099-01-01"},
            )
        self.assertIn("cannot be in the future", caught.exception.faultString)
        with self.assertRaises(Fault) as caught:
            self._call(
                "la_coordinator",
                "legal.case",
                "write",
                [self.case_a.id],
                {"stage": "first_instance"},
            )
        self.assertIn("arbitrated first", caught.exception.faultString)
        with self.assertRaises(Fault) as caught:
            self._call(
                "la_coordinator",
                "legal.case.event",
                "create",
                {"case_id": self.case_a.id, "day": "2025-12-01", "kind": "interruption_claim"},
            )
        self.assertIn("before the day the employee knew", caught.exception.faultString)
        with self.assertRaises(Fault) as caught:
            self._call(
                "la_coordinator",
                "legal.case",
                "write",
                [self.case_a.id],
                {"amount_awarded": 10000, "amount_recovered": 12000},
            )
        self.assertIn("recovery note", caught.exception.faultString)
        self.assertEqual(self.env["legal.case"].search_count([]), count)
        self.assertEqual(self.case_a.stage, "request")
        self.assertFalse(self.case_a.amount_awarded)
        self.assertFalse(self.case_a.event_ids)

    def test_errors_in_the_callers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "legal_aid")])._update_translations(["zh_CN"])
        with self.assertRaises(Fault) as caught:
            self._call(
                "la_coordinator",
                "legal.case",
                "create",
                {"category_id": self.category_wages.id, "known_on": "2099-01-01"},
                context={"lang": "zh_CN"},
            )
        self.assertIn("不能晚于今天", caught.exception.faultString)

    def test_no_private_method_over_rpc(self):
        for method in ("_legal_firm_answer", "_legal_assign_firm"):
            with self.subTest(method=method), self.assertRaises(Fault):
                self._call("la_lawyer_a", "legal.case", method, [self.case_a.id])
        with self.assertRaises(Fault) as caught:
            self._call(
                "la_coordinator", "legal.case", "write", [self.case_a.id], {"firm_response": "accepted"}
            )
        self.assertIn("cannot be set", caught.exception.faultString)
        self.assertEqual(self.case_a.firm_response, "pending")

    def test_hr_reads_anonymous_results_only(self):
        rows = self._call("la_ret_manager", "legal.case.report", "search_read", [], fields=["case_count"])
        self.assertTrue(all(row["case_count"] >= 5 for row in rows))
        with self.assertRaises(Fault):
            self._call("la_ret_manager", "legal.case", "read", [self.case_a.id], fields=["stage"])
