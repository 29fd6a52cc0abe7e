import base64
import json
import random
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError

from ..engine import attrition_model
from ..models import retention_risk_model
from .common import TODAY
from .test_risk import RiskCase

HISTORY_DATE = TODAY - timedelta(days=300)
# Outside freezegun: compiled libraries imported under a frozen clock crash the interpreter.
attrition_model.preload()


@freeze_time(TODAY)
class TestRiskModel(RiskCase):
    """The learned model: trained from labelled snapshots, beside the scorecard, managers only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Model = cls.env["retention.risk.model"]
        drivers = cls.contact | cls.intention
        rng = random.Random(7)
        names = [f"历史员工{i}" for i in range(60)]
        people = cls.env["hr.employee"].create(
            [{"name": name, "company_id": cls.company.id} for name in names]
        )
        contracts, scores = [], []
        for index, employee in enumerate(people):
            leaves = index % 3 == 0  # 20 leavers among 60
            by_contract_end = leaves and index % 2 == 0
            contact = rng.uniform(0, 55) if leaves else rng.uniform(35, 100)
            intention = rng.uniform(20, 80)
            contracts.append(
                {
                    "name": f"合同 {employee.name}",
                    "employee_id": employee.id,
                    "company_id": cls.company.id,
                    "date_start": HISTORY_DATE - timedelta(days=200 + 10 * index),
                    "date_end": HISTORY_DATE + timedelta(days=100 if by_contract_end else 500),
                    "wage": 5000 + 50 * index,
                    "state": "open",
                }
            )
            scores.append(
                {
                    "employee_id": employee.id,
                    "company_id": cls.company.id,
                    "date": HISTORY_DATE,
                    "total": round(0.5 * contact + 0.5 * intention, 1),
                    "band": "medium",
                    # the driver lines, as the scoring job writes them
                    "driver_data": [
                        [driver.id, value, True, 50, f"{driver.code}_level", {}]
                        for driver, value in zip(drivers, (contact, intention), strict=True)
                    ],
                }
            )
            if leaves and not by_contract_end:
                employee.departure_date = HISTORY_DATE + timedelta(days=90)
        cls.env["hr.contract"].create(contracts)
        created = cls.env["retention.risk.score"].create(scores)
        # link each snapshot to its contract (the label reads the contract's end)
        contracts = cls.env["hr.contract"].search([("employee_id", "in", people.ids)])
        by_employee = {contract.employee_id.id: contract for contract in contracts}
        for score in created:
            score.contract_id = by_employee[score.employee_id.id]
        people.filtered("departure_date").action_archive()
        cls.people = people

    def _train(self, user=None):
        return self.Model.with_user(user or self.manager).action_train()

    def test_trains_from_labelled_history_with_its_evaluation(self):
        model = self._train()
        self.assertEqual((model.version, model.source, model.horizon_months), (1, "trained", 6))
        self.assertEqual((model.training_rows, model.training_leavers), (60, 20))
        self.assertIn("driver_contact", model.feature_names.split("\n"))
        self.assertIn("scikit-learn", model.library_versions)
        evaluation = json.loads(model.evaluation)
        self.assertEqual(set(evaluation["summary"]), {"model", "reference", "scorecard"})
        self.assertEqual(evaluation["folds"], 5)
        self.assertGreater(model.model_roc_auc, 0.5)
        self.assertGreater(model.scorecard_roc_auc, 0)
        self.assertAlmostEqual(model.always_stays_accuracy, 40 / 60, places=2)
        self.assertEqual(model.used_for_alerts, model.beats_scorecard)
        # the file is the engine's own export, reloaded without pickle
        exported = attrition_model.ExportedModel.loads(base64.b64decode(model.model_file))
        self.assertEqual(exported.columns[0], exported.data["features"][0].split("=")[0])
        # a second training is a new version; only the newest scores
        second = self._train()
        self.assertEqual(second.version, 2)
        self.assertFalse(model.active)
        self.assertIn("newer model", model.usage_note)

    def test_probability_and_reasons_beside_the_scorecard(self):
        model = self._train()
        self.Score._score_employees(self.all_employees, TODAY)
        score = self.employee_1.retention_risk_score_id
        self.assertTrue(0 < score.model_probability < 1)
        self.assertEqual(score.model_id, model)
        self.assertTrue(score.model_reasons)
        officer_view = self.employee_1.with_user(self.hr_officer)
        self.assertAlmostEqual(
            officer_view.retention_risk_model_probability, score.model_probability, places=2
        )
        # The reasons are explained on display, through sudo: an HR officer gets the same
        # feature names and points, and still nothing of the model itself.
        self.assertEqual(officer_view.retention_risk_model_reasons, score.model_reasons)
        self.assertRegex(score.model_reasons, r"\+\d+%")
        with self.assertRaises(AccessError):
            score.with_user(self.hr_officer).read(["model_id"])
        with self.assertRaises(AccessError):
            model.with_user(self.hr_officer).read(["model_file"])

    def test_query_count_does_not_grow_with_the_batch(self):
        self._train()
        Employee = self.env["hr.employee"]
        employees = Employee.create(
            [{"name": f"新员工{i}", "company_id": self.company.id} for i in range(24)]
        )
        self.Score._score_employees(employees[:2], TODAY)  # warm the caches
        counts = []
        for batch in (employees[2:6], employees[6:24]):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.Score._score_employees(Employee.browse(batch.ids), TODAY)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], f"queries for 4 and 18 employees: {counts}")
        self.assertTrue(all(employee.retention_risk_score_id.model_probability for employee in employees))

    def test_alerts_only_while_the_model_beats_the_scorecard(self):
        model = self._train()
        model.write({"beats_scorecard": False, "alert_probability": 0.01})
        self.company.retention_risk_alert_threshold = 1  # the scorecard alone raises nothing
        self.Score._score_employees(self.all_employees, TODAY)
        Alert = self.env["retention.risk.alert"]
        self.assertFalse(Alert.search([("employee_id", "=", self.employee_1.id)]))
        self.assertIn("do not all beat the scorecard", model.usage_note)

        model.beats_scorecard = True
        self.assertIn("Used for alerts", model.usage_note)
        with freeze_time(TODAY + timedelta(days=1)):
            self.Score._score_employees(self.all_employees, TODAY + timedelta(days=1))
        alert = Alert.search([("employee_id", "=", self.employee_1.id)])
        self.assertEqual((len(alert), alert.raised_by, alert.band), (1, "model", "high"))
        # the contract ending within the horizon is required, as for the scorecard
        self.assertFalse(Alert.search([("employee_id", "=", self.employee_2.id)]))
        with freeze_time(TODAY + timedelta(days=2)):
            self.Score._score_employees(self.all_employees, TODAY + timedelta(days=2))
        self.assertEqual(Alert.search_count([("employee_id", "=", self.employee_1.id)]), 1)

    def test_a_second_training_at_the_same_time_is_refused(self):
        # Another transaction (its own cursor) holds this company's training lock.
        with self.env.registry.cursor() as other:
            other.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                (retention_risk_model.TRAINING_LOCK_KEY, self.company.id),
            )
            with self.assertRaisesRegex(UserError, "being trained"):
                self._train()
            other.rollback()
        self.assertFalse(self.Model.search([]), "nothing was written")
        self.assertEqual(self._train().version, 1)

    def test_not_enough_history_is_explained(self):
        self.people.write({"departure_date": False})
        self.people.action_unarchive()
        self.env["hr.contract"].search([("employee_id", "in", self.people.ids)]).date_end = TODAY + timedelta(
            days=900
        )
        with self.assertRaisesRegex(UserError, "Not enough history to train: 0 of 60"):
            self._train()
        self.assertFalse(self.Model.with_context(active_test=False).search([]))

    # ------------------------------------------------------------------ import

    def _wizard(self, content, user=None):
        raw = content if isinstance(content, bytes) else json.dumps(content).encode()
        return (
            self.env["retention.risk.model.import"]
            .with_user(user or self.manager)
            .create({"file": base64.b64encode(raw), "filename": "model.json"})
        )

    def test_import_an_exported_model(self):
        trained = self._train()
        data = json.loads(base64.b64decode(trained.model_file))
        action = self._wizard(data).action_import()
        imported = self.Model.browse(action["res_id"])
        self.assertEqual((imported.source, imported.version), ("imported", 2))
        self.assertEqual(imported.feature_names, trained.feature_names)
        self.assertFalse(trained.active)

    def test_import_refuses_bad_files_and_writes_nothing(self):
        trained = self._train()
        data = json.loads(base64.b64decode(trained.model_file))
        tampered = json.loads(json.dumps(data))
        tampered["stack"]["intercept"] += 3
        wrong_schema = dict(data, format="sklearn-pickle")
        other_columns = attrition_model.train(
            {
                "Age": [20 + i % 30 for i in range(40)],
                "Left": ["Yes" if i % 4 == 0 else "No" for i in range(40)],
            },
            ["Yes" if i % 4 == 0 else "No" for i in range(40)],
            "Left",
            evaluate=False,
        )
        cases = [
            (tampered, "checksum does not match"),
            (wrong_schema, "wrong format name"),
            (other_columns, "columns this database does not have: Age"),
            (b"\x80\x04\x95\x00pickle", "not JSON"),
            (b"[1, 2, 3]", "top level is not an object"),
        ]
        count = self.Model.with_context(active_test=False).search_count([])
        for content, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                self._wizard(content).action_import()
        self.assertEqual(self.Model.with_context(active_test=False).search_count([]), count)
        self.assertTrue(trained.active)
        with self.assertRaisesRegex(UserError, "Choose a model file"):
            self.env["retention.risk.model.import"].with_user(self.manager).create({}).action_import()

    # ------------------------------------------------------------------ access

    def test_only_retention_managers_train_import_and_read(self):
        trained = self._train()
        for user in (self.hr_officer, self.user_a, self.portal_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self._train(user)
                with self.assertRaises(AccessError):
                    self.Model.with_user(user).search([])
                with self.assertRaises(AccessError):
                    trained.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    self._wizard(b"{}", user)
        self.assertEqual(self.Model.with_user(self.manager).search([]), trained)

    def test_another_company_model_is_out_of_reach(self):
        trained = self._train()
        manager_2 = self.manager.copy(
            {
                "login": "ret_manager_c2",
                "company_id": self.company_2.id,
                "company_ids": [Command.set(self.company_2.ids)],
            }
        )
        self.assertFalse(self.Model.with_user(manager_2).search([]))
        with self.assertRaises(AccessError):
            trained.with_user(manager_2).read(["name"])
