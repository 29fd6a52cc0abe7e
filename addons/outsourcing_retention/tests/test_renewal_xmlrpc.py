from datetime import date, timedelta
from xmlrpc.client import Fault

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRenewalXmlRpc(HttpCase):
    """Integrators read renewal states and create offers with the web client's checks."""

    def setUp(self):
        super().setUp()
        self.hr = new_test_user(self.env, "rpc_renewal_hr", groups="hr_contract.group_hr_contract_manager")
        self.employee = self.env["hr.employee"].create({"name": "RPC Employee"})
        today = date.today()
        self.contract = self.env["hr.contract"].create(
            {
                "name": "RPC contract",
                "employee_id": self.employee.id,
                "date_start": today - timedelta(days=700),
                "date_end": today + timedelta(days=30),
                "wage": 6000,
                "state": "open",
                "hr_responsible_id": self.hr.id,
            }
        )

    def _call(self, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, self.hr.id, "rpc_renewal_hr", model, method, list(args), kwargs
        )

    def test_read_states_and_create_an_offer(self):
        [contract] = self._call(
            "hr.contract",
            "search_read",
            [["id", "=", self.contract.id]],
            fields=["retention_renewal_state", "retention_open_ended_right", "date_end"],
        )
        self.assertEqual(contract["retention_renewal_state"], "not_due")
        self.assertFalse(contract["retention_open_ended_right"])
        start = self.contract.date_end + timedelta(days=1)
        offer_id = self._call(
            "retention.renewal.offer",
            "create",
            {
                "contract_id": self.contract.id,
                "wage": 6300,
                "date_start": str(start),
                "date_end": str(start + timedelta(days=3 * 365)),
                "deadline": str(date.today() + timedelta(days=10)),
            },
        )
        [offer] = self._call(
            "retention.renewal.offer", "read", [offer_id], fields=["has_blocking_issue", "check_result"]
        )
        self.assertFalse(offer["has_blocking_issue"])
        self._call("retention.renewal.offer", "action_send", [offer_id])
        [contract] = self._call("hr.contract", "read", [self.contract.id], fields=["retention_renewal_state"])
        self.assertEqual(contract["retention_renewal_state"], "offer_sent")

    def test_bad_input_returns_a_clear_fault_and_writes_nothing(self):
        start = self.contract.date_end + timedelta(days=1)
        bad = [
            ({"date_end": str(start - timedelta(days=10))}, "before it starts"),
            ({"wage": -1}, "wage must be positive"),
        ]
        for override, message in bad:
            values = {
                "contract_id": self.contract.id,
                "wage": 6300,
                "date_start": str(start),
                "date_end": str(start + timedelta(days=365)),
                **override,
            }
            with self.assertRaises(Fault) as caught:
                self._call("retention.renewal.offer", "create", values)
            self.assertIn(message, caught.exception.faultString)
        with self.assertRaises(Fault):
            self._call(
                "retention.renewal.offer", "create", {"contract_id": 999999, "wage": 1, "date_start": "x"}
            )
        self.assertFalse(self.env["retention.renewal.offer"].search([("contract_id", "=", self.contract.id)]))

    def test_private_methods_are_not_callable(self):
        with self.assertRaises(Fault):
            self._call("hr.contract", "_retention_set_renewal_state", [self.contract.id], state="renewed")
