import xmlrpc.client

from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools import mute_logger

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestXmlRpc(CareerCase, HttpCase):
    @mute_logger("odoo.http")
    def test_certificate_over_xmlrpc_proposes_the_promotion(self):
        self._set_skill(self.employee, self.python, self.advanced)
        self._set_skill(self.employee, self.sql, self.intermediate)
        self._set_skill(self.employee_2, self.python, self.advanced)
        db, login = self.env.cr.dbname, self.officer.login
        uid = self.xmlrpc_common.authenticate(db, login, login, {})
        self.assertEqual(uid, self.officer.id)
        certificate_id = self.xmlrpc_object.execute_kw(
            db,
            uid,
            login,
            "career.certificate",
            "create",
            [
                {
                    "employee_id": self.employee.id,
                    "certificate_type_id": self.cert_l3.id,
                    "issuer": "苏州市职业技能鉴定中心",
                    "number": "3205-2026-0001",
                    "date_issued": "2026-03-01",
                    "state": "verified",
                }
            ],
        )
        promotions = self.xmlrpc_object.execute_kw(
            db,
            uid,
            login,
            "career.promotion",
            "search_read",
            [[["state", "=", "proposed"]]],
            {"fields": ["employee_id", "grade_to_id", "readiness"]},
        )
        self.assertEqual(len(promotions), 1)
        self.assertEqual(promotions[0]["employee_id"][0], self.employee.id)
        self.assertEqual(promotions[0]["grade_to_id"][0], self.grade_2.id)
        self.assertEqual(promotions[0]["readiness"], 100.0)
        certificate = self.env["career.certificate"].browse(certificate_id)
        self.assertEqual(certificate.verified_by_id, self.officer)
        # Bad input comes back as a fault and writes nothing.
        with self.assertRaises(xmlrpc.client.Fault) as fault:
            self.xmlrpc_object.execute_kw(
                db,
                uid,
                login,
                "career.certificate",
                "create",
                [
                    {
                        "employee_id": self.employee_2.id,
                        "certificate_type_id": self.cert_l3.id,
                        "date_issued": "2026-03-01",
                        "date_expiry": "2025-03-01",
                    }
                ],
                {"context": {"lang": "en_US"}},
            )
        self.assertIn("before it was issued", fault.exception.faultString)
        self.assertFalse(self.env["career.certificate"].search([("employee_id", "=", self.employee_2.id)]))
        # An internal user without HR rights cannot record one.
        internal = self.internal
        internal_uid = self.xmlrpc_common.authenticate(db, internal.login, internal.login, {})
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc_object.execute_kw(
                db,
                internal_uid,
                internal.login,
                "career.certificate",
                "create",
                [{"employee_id": self.employee_2.id, "certificate_type_id": self.cert_l3.id}],
            )
