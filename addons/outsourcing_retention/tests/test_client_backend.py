from datetime import date, timedelta

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .client_service_common import TODAY, ClientServiceCase

CLIENT_ROOT = "outsourcing_retention.menu_retention_client_hr_root"
# What a client may know of the people placed at its sites (retention_client_people).
PLACEMENT_FIELDS = {
    "id",
    "display_name",
    "employee_name",
    "job_name",
    "site_id",
    "client_id",
    "company_id",
    "date_start",
    "date_end",
    "employment_mode",
    "state",
}


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestClientBackend(ClientServiceCase):
    """The Client Services menu of internal Client HR users: each screen opens for them in
    Chinese and shows their own client's records only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.client_hr.lang = "zh_CN"
        cls.other_client_hr = cls.env["res.users"].create(
            {
                "name": "无锡人事",
                "login": "cs_other_client_hr",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [Command.set(cls.env.ref("outsourcing_retention.group_retention_client").ids)],
            }
        )
        cls.other_client_hr.partner_id.parent_id = cls.client_2
        with freeze_time(TODAY):
            cls.people = cls._people(2, cls.site_a, prefix="苏州员工")
            cls.people_2 = cls._people(2, cls.site_2, prefix="无锡员工")
            job_c2 = cls.env["hr.job"].create({"name": "坐席", "company_id": cls.company_2.id})
            cls.people_c2 = cls._people(1, cls.site_c2, job=job_c2, prefix="深圳员工")
            Request = cls.env["retention.staffing.request"]
            request_vals = {"job_id": cls.job.id, "quantity": 2, "date_start": TODAY + timedelta(days=7)}
            cls.request = Request.create({"site_id": cls.site_a.id, **request_vals})
            cls.request_2 = Request.create({"site_id": cls.site_2.id, **request_vals})
            Incident = cls.env["retention.client.incident"]
            cls.incident = Incident.create({"name": "夜班缺员", "site_id": cls.site_a.id})
            cls.incident_2 = Incident.create({"name": "无锡缺员", "site_id": cls.site_2.id})
            Report = cls.env["retention.service.report"]
            period = {"period_type": "quarter", "date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31)}
            cls.report = Report.create({"client_id": cls.client.id, **period})
            cls.report_2 = Report.create({"client_id": cls.client_2.id, **period})
            (cls.report | cls.report_2).action_generate()
            (cls.report | cls.report_2).action_publish()
            Review = cls.env["retention.service.review"]
            review_vals = {"date": "2026-03-10 02:00:00", "minutes": "<p>夜班缺员问题已解决</p>"}
            cls.review, cls.review_2 = (
                Review.create(
                    {
                        "name": name,
                        "client_id": client.id,
                        "action_ids": [
                            Command.create(
                                {"name": "补充夜班人员", "owner_id": owner.id, "deadline": date(2026, 3, 31)}
                            )
                        ],
                        **review_vals,
                    }
                )
                for name, client, owner in (
                    ("第一季度服务回顾会", cls.client, cls.user_a.partner_id),
                    ("无锡回顾会", cls.client_2, cls.user_b.partner_id),
                )
            )
            Satisfaction = cls.env["retention.client.satisfaction"]
            survey = cls.env.ref("outsourcing_retention.survey_client_satisfaction")
            cls.satisfaction, cls.satisfaction_2 = (
                Satisfaction.create(
                    {
                        "client_id": client.id,
                        "quarter": "2026 Q1",
                        "date_from": date(2026, 1, 1),
                        "date_to": date(2026, 3, 31),
                        "survey_id": survey.id,
                    }
                )
                for client in (cls.client, cls.client_2)
            )
        cls.own = {
            "retention.staffing.request": cls.request,
            "retention.client.placement": cls._placements(cls.site_a),
            "retention.client.incident": cls.incident,
            "retention.service.report": cls.report,
            "retention.service.review": cls.review,
            "retention.service.review.action": cls.review.action_ids,
            "retention.client.satisfaction": cls.satisfaction,
        }
        cls.others = {
            "retention.staffing.request": cls.request_2,
            "retention.client.placement": cls._placements(cls.site_2) | cls._placements(cls.site_c2),
            "retention.client.incident": cls.incident_2,
            "retention.service.report": cls.report_2,
            "retention.service.review": cls.review_2,
            "retention.service.review.action": cls.review_2.action_ids,
            "retention.client.satisfaction": cls.satisfaction_2,
        }

    @classmethod
    def _placements(cls, site):
        assignments = cls.env["retention.assignment"].search([("site_id", "=", site.id)])
        return cls.env["retention.client.placement"].browse(assignments.ids)

    def _client_menus(self, user):
        Menu = self.env["ir.ui.menu"].with_user(user)
        # The web client loads menus and their actions as superuser, as here, and shows a
        # menu when it and all its parents are visible.
        ids = Menu._visible_menu_ids()
        visible = (
            Menu.browse(ids)
            .sudo()
            .filtered(lambda m: all(int(i) in ids for i in m.parent_path.strip("/").split("/")))
        )
        root = self.env.ref(CLIENT_ROOT)
        return visible, visible.filtered(lambda m: m.parent_path.startswith(f"{root.id}/"))

    @staticmethod
    def _specification(Model, arch):
        """The web client's read specification for the top-level fields of a view."""
        spec = {}
        node = etree.fromstring(arch)
        for field in node.iter("field"):
            if any(
                parent.tag in ("list", "kanban", "form")
                for parent in field.iterancestors()
                if parent is not node
            ):
                continue  # a field of an inline sub-view
            name = field.get("name")
            if Model._fields[name].type in ("many2one", "many2many", "one2many"):
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    def test_menus_of_client_hr_only(self):
        visible, client_menus = self._client_menus(self.client_hr)
        self.assertIn(self.env.ref(CLIENT_ROOT).id, visible.ids)
        actions = client_menus.filtered("action")
        self.assertEqual(len(actions), 8, "Every screen of Client Services is reachable")
        # No screen of the provider: the suite's other menus and the HR apps stay hidden.
        suite = self.env["ir.model.data"].search(
            [
                ("model", "=", "ir.ui.menu"),
                ("module", "in", ("outsourcing_retention", "welfare_points", "career_paths", "legal_aid")),
            ]
        )
        leaked = (visible - client_menus - self.env.ref(CLIENT_ROOT)) & visible.browse(suite.mapped("res_id"))
        self.assertFalse(leaked, f"Client HR sees {leaked.mapped('complete_name')}")
        for xmlid in ("hr.menu_hr_root", "hr_holidays.menu_hr_holidays_root"):
            self.assertNotIn(self.env.ref(xmlid).id, visible.ids)
        # And the provider's users do not get the client's menu.
        for user in (self.user_a, self.manager):
            self.assertNotIn(self.env.ref(CLIENT_ROOT).id, self._client_menus(user)[0].ids)

    def test_every_screen_opens_with_own_records_only(self):
        _visible, client_menus = self._client_menus(self.client_hr)
        for menu in client_menus.filtered("action"):
            action = menu.action
            with self.subTest(action=action.name):
                Model = self.env[action.res_model].with_user(self.client_hr).with_context(lang="zh_CN")
                views = [[view.view_id.id, view.view_mode] for view in action.view_ids]
                modes = {mode for _id, mode in views}
                views += [[False, mode] for mode in action.view_mode.split(",") if mode not in modes]
                views.append([action.search_view_id.id, "search"])
                result = Model.get_views(views, {"load_filters": True, "toolbar": True})
                seen = Model.browse()
                for mode in ("list", "form"):
                    if mode not in result["views"]:
                        continue
                    spec = self._specification(Model, result["views"][mode]["arch"])
                    if mode == "list":
                        rows = Model.web_search_read([], spec)["records"]
                        seen = Model.browse([row["id"] for row in rows])
                    elif seen:
                        Model.browse(seen[0].id).web_read(spec)
                if "pivot" in result["views"]:
                    groups = Model.read_group([], ["site_id"], ["site_id"])
                    self.assertEqual(sum(g["site_id_count"] for g in groups), len(self.own[Model._name]))
                self.assertEqual(seen, self.own[Model._name].with_user(self.client_hr))
                for record in self.others[Model._name]:
                    with self.assertRaises(AccessError):
                        Model.browse(record.id).read(["display_name"])

    def test_placements_show_the_allowed_fields_only(self):
        Placement = self.env["retention.client.placement"].with_user(self.client_hr)
        self.assertLessEqual(set(Placement.fields_get()), PLACEMENT_FIELDS)
        rows = Placement.search_read([], ["employee_name", "job_name", "site_id", "employment_mode"])
        self.assertEqual({row["employee_name"] for row in rows}, {"苏州员工0", "苏州员工1"})
        self.assertEqual({row["job_name"] for row in rows}, {"包装工"})
        # The other client's HR sees their own people only; nobody else reads the view.
        rows = (
            self.env["retention.client.placement"]
            .with_user(self.other_client_hr)
            .search_read([], ["employee_name"])
        )
        self.assertEqual({row["employee_name"] for row in rows}, {"无锡员工0", "无锡员工1"})
        for user in (self.user_a, self.client_user, self.hr_officer):
            with self.assertRaises(AccessError):
                self.env["retention.client.placement"].with_user(user).search([])

    def test_client_hr_asks_follows_and_cancels_from_the_backend(self):
        view = self.env.ref("outsourcing_retention.retention_staffing_request_view_form_client")
        Request = self.env["retention.staffing.request"].with_user(self.client_hr)
        # The job positions are offered by name only; the client reads nothing else of hr.job.
        jobs = self.env["hr.job"].with_user(self.client_hr).name_search("包装")
        self.assertEqual([job_id for job_id, _name in jobs], self.job.ids)
        with self.assertRaises(AccessError):
            self.job.with_user(self.client_hr).read(["no_of_employee"])
        with Form(Request, view=view) as form:
            form.site_id = self.site_a
            form.job_id = self.job.with_user(self.client_hr)
            form.quantity = 3
            form.date_start = TODAY + timedelta(days=3)
        staffing_request = form.record
        self.assertEqual(staffing_request.state, "requested")
        self.assertEqual(staffing_request.client_id, self.client)
        staffing_request.action_cancel()
        self.assertEqual(staffing_request.state, "cancelled")
        with self.assertRaises(AccessError):
            self.request_2.with_user(self.client_hr).action_cancel()

    def test_client_hr_raises_an_incident_from_the_backend(self):
        view = self.env.ref("outsourcing_retention.retention_client_incident_view_form_client")
        Incident = self.env["retention.client.incident"].with_user(self.client_hr)
        severity = self.env["retention.incident.severity"].search([], order="target_minutes", limit=1)
        with Form(Incident, view=view) as form:
            form.name = "夜班三人未到岗"
            form.site_id = self.site_a
            form.category = "shortage"
            form.severity_id = severity
            form.description = "今晚夜班缺三人，产线停工。"
        incident = form.record.sudo()
        self.assertEqual(incident.channel, "portal")
        self.assertEqual(incident.reporter_id, self.client_hr.partner_id)
        self.assertEqual(incident.user_id, self.user_a, "The site's regional manager answers")
        self.assertEqual(incident.target_minutes, severity.target_minutes)
        activity = incident.activity_ids
        self.assertEqual(activity.user_id, self.user_a)
        self.assertIn(str(severity.target_minutes), activity.summary)
        self.assertIn(self.client_hr.partner_id, incident.message_partner_ids)

    def test_bad_incidents_write_nothing(self):
        Incident = self.env["retention.client.incident"].with_user(self.client_hr).with_context(lang="zh_CN")
        before = self.env["retention.client.incident"].search_count([])
        good = {"name": "缺员", "site_id": self.site_a.id, "description": "夜班缺人"}
        for vals, error in (
            ({**good, "site_id": self.site_2.id}, ValidationError),
            ({**good, "site_id": 999999}, ValidationError),
            ({**good, "description": "  "}, ValidationError),
            ({**good, "severity_id": 999999}, ValidationError),
            ({**good, "category": "earthquake"}, ValidationError),
            ({**good, "first_response_at": "2026-03-16 08:00:00"}, AccessError),
            ({**good, "user_id": self.client_hr.id}, AccessError),
        ):
            with self.subTest(vals=vals), self.assertRaises(error):
                Incident.create(vals)
        self.assertEqual(self.env["retention.client.incident"].search_count([]), before)
        # A client user may not answer nor change an incident.
        with self.assertRaises(AccessError):
            self.incident.with_user(self.client_hr).action_respond()
        with self.assertRaises(AccessError):
            self.incident.with_user(self.client_hr).write({"description": "改写"})

    def test_client_hr_reads_no_internal_note(self):
        staffing_request = self.request.with_context(tracking_disable=False)
        note = staffing_request.message_post(body="内部备注：该客户付款慢", subtype_xmlid="mail.mt_note")
        comment = staffing_request.message_post(body="已收到，明天安排面试", subtype_xmlid="mail.mt_comment")
        Message = self.env["mail.message"].with_user(self.client_hr)
        seen = Message.search(
            [("model", "=", "retention.staffing.request"), ("res_id", "=", self.request.id)]
        )
        self.assertIn(comment, seen)
        self.assertNotIn(note, seen)
        with self.assertRaises(AccessError):
            note.with_user(self.client_hr).read(["body"])
        # The provider's users still read their notes.
        self.assertIn(note, self.env["mail.message"].with_user(self.user_a).search([("id", "=", note.id)]))
