from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import WelfareCase


@tagged("post_install", "-at_install")
class TestLedgerXmlRpc(HttpCase, WelfareCase):
    """The integrators' API over real XML-RPC (/xmlrpc/2/object)."""

    def _call(self, user, password, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, password, model, method, list(args), kwargs
        )

    def _officer(self, model, method, *args, **kwargs):
        return self._call(self.officer, "wf_officer", model, method, *args, **kwargs)

    @mute_logger("odoo.http")
    def test_batch_posting_is_idempotent(self):
        batch = [
            self._entry(self.employee_1, 100, "erp-2026-03-001", expiry_date="2026-12-31"),
            self._entry(self.employee_2, 80, "erp-2026-03-002"),
        ]
        ids = self._officer("welfare.points.line", "post_points", batch)
        self.assertEqual(len(ids), 2)
        self.assertEqual(self._officer("welfare.points.line", "post_points", batch), ids)
        balances = self._officer(
            "welfare.points.account",
            "get_balances",
            [self.employee_1.id, self.employee_2.id, self.employee_portal.id],
        )
        self.assertEqual(
            balances,
            {str(self.employee_1.id): 100, str(self.employee_2.id): 80, str(self.employee_portal.id): 0},
        )
        lines = self._officer(
            "welfare.points.line",
            "search_read",
            [("employee_id", "=", self.employee_1.id)],
            fields=["points", "kind", "expiry_date", "idempotency_key"],
        )
        self.assertEqual(
            lines,
            [
                {
                    "id": ids[0],
                    "points": 100,
                    "kind": "earned",
                    "expiry_date": "2026-12-31",
                    "idempotency_key": "erp-2026-03-001",
                }
            ],
        )

    @mute_logger("odoo.http")
    def test_one_bad_entry_writes_nothing(self):
        batch = [self._entry(self.employee_1, 10, "ok-1"), self._entry(self.employee_2, 0, "zero")]
        with self.assertRaises(Fault) as caught:
            self._officer("welfare.points.line", "post_points", batch)
        self.assertIn("Entry 2 (zero): points must be a non-zero whole number", caught.exception.faultString)
        with self.assertRaises(Fault) as caught:
            self._officer(
                "welfare.points.line",
                "post_points",
                [self._entry(self.employee_1, 10, "u", employee_id=424242)],
            )
        self.assertIn("unknown employee 424242", caught.exception.faultString)
        self.assertFalse(self._wallet(self.employee_1))
        # Messages in the caller's language when it asks for it.
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "welfare_points")])._update_translations(["zh_CN"])
        with self.assertRaises(Fault) as caught:
            self._officer("welfare.points.line", "post_points", batch, context={"lang": "zh_CN"})
        self.assertIn("积分", caught.exception.faultString)

    @mute_logger("odoo.http")
    def test_lines_refuse_edit_and_delete_over_xmlrpc(self):
        [line_id] = self._officer(
            "welfare.points.line", "post_points", [self._entry(self.employee_1, 10, "keep")]
        )
        admin = self.env.ref("base.user_admin")
        for user, password in ((admin, "admin"), (self.manager, "wf_manager")):
            with self.subTest(user=user.login):
                with self.assertRaises(Fault) as caught:
                    self._call(user, password, "welfare.points.line", "write", [line_id], {"points": 1000})
                self.assertIn("cannot be changed", caught.exception.faultString)
                with self.assertRaises(Fault) as caught:
                    self._call(user, password, "welfare.points.line", "unlink", [line_id])
                self.assertIn("cannot be deleted", caught.exception.faultString)
        self.assertEqual(self.Line.browse(line_id).points, 10)

    @mute_logger("odoo.http")
    def test_employee_cannot_post_over_xmlrpc(self):
        with self.assertRaises(Fault) as caught:
            self._call(
                self.employee_user,
                "wf_employee",
                "welfare.points.line",
                "post_points",
                [self._entry(self.employee_1, 10, "me")],
            )
        self.assertIn("Only welfare officers", caught.exception.faultString)
