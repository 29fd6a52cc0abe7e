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

    @mute_logger("odoo.http")
    def test_batch_is_idempotent_and_all_or_nothing(self):
        self._set_skill(self.employee, self.python, self.advanced)
        self._set_skill(self.employee, self.sql, self.intermediate)
        db, login = self.env.cr.dbname, self.officer.login
        uid = self.xmlrpc_common.authenticate(db, login, login, {})

        def call(model, method, *args, **kwargs):
            return self.xmlrpc_object.execute_kw(db, uid, login, model, method, list(args), kwargs)

        batch = [
            {
                "employee_id": self.employee.id,
                "certificate_type_id": self.cert_l3.id,
                "number": "B-1",
                "date_issued": "2026-03-01",
                "verified": True,
            },
            {
                "employee_id": self.employee_2.id,
                "certificate_type_id": self.electrician.id,
                "number": "B-2",
                "date_issued": "2025-03-01",
                "date_expiry": "2031-03-01",
            },
        ]
        ids = call("career.certificate", "record_batch", batch)
        self.assertEqual(len(ids), 2)
        # Sent again: the same records, nothing new.
        self.assertEqual(call("career.certificate", "record_batch", batch), ids)
        self.assertEqual(self.env["career.certificate"].search_count([("number", "in", ("B-1", "B-2"))]), 2)
        self.assertEqual(
            self.env["career.promotion"].search([("employee_id", "=", self.employee.id)]).grade_to_id,
            self.grade_2,
        )
        # One bad certificate and the whole batch is refused.
        bad = [
            dict(batch[0], number="B-3"),
            dict(batch[1], number="B-4", date_expiry="2020-01-01"),
        ]
        with self.assertRaises(xmlrpc.client.Fault) as fault:
            call("career.certificate", "record_batch", bad)
        self.assertIn("before it was issued", fault.exception.faultString)
        self.assertFalse(self.env["career.certificate"].search([("number", "in", ("B-3", "B-4"))]))
        with self.assertRaises(xmlrpc.client.Fault) as fault:
            call("career.certificate", "record_batch", [dict(batch[0], number=False)])
        self.assertIn("needs an employee, a certificate type and its number", fault.exception.faultString)
        with self.assertRaises(xmlrpc.client.Fault) as fault:
            call("career.certificate", "record_batch", [dict(batch[0], state="verified")])
        self.assertIn("Unknown certificate fields: state", fault.exception.faultString)

    @mute_logger("odoo.http")
    def test_read_readiness(self):
        self._set_skill(self.employee, self.python, self.intermediate)
        db, login = self.env.cr.dbname, self.officer.login
        uid = self.xmlrpc_common.authenticate(db, login, login, {})
        [result] = self.xmlrpc_object.execute_kw(
            db, uid, login, "hr.employee", "career_readiness", [[self.employee.id]]
        )
        professional = next(t for t in result["tracks"] if t["track_id"] == self.track.id)
        self.assertEqual(professional["current_grade_id"], self.grade_1.id)
        self.assertEqual(professional["next_grade_id"], self.grade_2.id)
        self.assertEqual(professional["readiness"], 25.0)
        self.assertFalse(professional["eligible"])
        self.assertEqual(
            [(s["skill"], s["actual"], s["points"]) for s in professional["skills"]],
            [("Python", 40, 25.0), ("SQL", 0, 0.0)],
        )
        self.assertEqual(
            [(g["kind"], g["status"]) for g in professional["gates"]],
            [("certificate", "failed"), ("service", "passed")],
        )
        # Another company's employee, or a user without HR rights: refused.
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc_object.execute_kw(
                db, uid, login, "hr.employee", "career_readiness", [[self.employee_c2.id]]
            )
        internal_uid = self.xmlrpc_common.authenticate(db, self.internal.login, self.internal.login, {})
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc_object.execute_kw(
                db, internal_uid, self.internal.login, "hr.employee", "career_readiness", [[self.employee.id]]
            )
