"""Every menu and window action of the suite, opened in the web client by each role, in Chinese.

The menus are found by the module of their xml id, so that the screens of welfare_points,
career_paths and legal_aid are covered as soon as they land, under the Retention app or under
an app of their own.
"""

import json
import logging
from datetime import date, timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

_logger = logging.getLogger(__name__)

SUITE_MODULES = ("outsourcing_retention", "welfare_points", "career_paths", "legal_aid")

# Opens each action of the list in turn, then a record of each action in its form view,
# failing on any error dialog; then hands over to Odoo's clickbot, which clicks every menu
# of the app, every view switcher and every filter.
CLICK_JS = """
(async () => {
    const env = odoo.__WOWL_DEBUG__.root.env;
    const settle = async (what) => {
        await new Promise((resolve) => setTimeout(resolve, 250));
        if (document.querySelector(".o_error_dialog")) {
            throw new Error(`Error dialog on ${what}`);
        }
    };
    for (const id of %(action_ids)s) {
        console.log(`Opening action ${id}`);
        await env.services.action.doAction(id, {clearBreadcrumbs: true});
        await settle(`action ${id}`);
    }
    for (const [id, resId] of %(forms)s) {
        console.log(`Opening record ${resId} of action ${id}`);
        await env.services.action.doAction(id, {
            clearBreadcrumbs: true,
            viewType: "form",
            props: {resId},
        });
        await settle(`record ${resId} of action ${id}`);
    }
    await odoo.loader.modules.get("@web/webclient/clickbot/clickbot_loader")
        .startClickEverywhere(%(app)s);
})();
"""


@tagged("post_install", "-at_install")
class TestClickEverywhere(HttpCase):
    allow_end_on_form = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "in", SUITE_MODULES), ("state", "=", "installed")]
        )._update_translations(["zh_CN"])
        company = cls.env.ref("base.main_company")
        common = {
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "lang": "zh_CN",
            "tz": "Asia/Shanghai",
        }
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.lang = "zh_CN"
        cls.roles = {
            "administrator": cls.admin,
            "retention manager": new_test_user(
                cls.env, "click_manager", groups="outsourcing_retention.group_retention_manager", **common
            ),
            "retention user": new_test_user(
                cls.env, "click_user", groups="outsourcing_retention.group_retention_user", **common
            ),
            # An internal user of a client company: the Client Services app only.
            "client HR": new_test_user(
                cls.env, "click_client_hr", groups="outsourcing_retention.group_retention_client", **common
            ),
            # The HR officer who runs contract renewals in the Retention app.
            "HR officer": new_test_user(
                cls.env,
                "click_hr_officer",
                groups="hr.group_hr_user,hr_contract.group_hr_contract_manager,"
                "outsourcing_retention.group_retention_user",
                **common,
            ),
        }
        users = cls.env["res.users"].union(*cls.roles.values())
        if "tour_enabled" in users._fields:
            users.tour_enabled = False
        cls._create_records(cls.roles["retention user"])

    @classmethod
    def _create_records(cls, regional_manager):
        """A few records, so that lists, groupings and graphs have rows to draw."""
        client = cls.env["res.partner"].create(
            {
                "name": "苏州精密制造有限公司",
                "is_company": True,
                "is_outsourcing_client": True,
                "client_workforce": 500,
            }
        )
        site = cls.env["retention.client.site"].create(
            {
                "name": "苏州二厂",
                "code": "SZ-2",
                "client_id": client.id,
                "state_id": cls.env.ref("base.state_cn_JS").id,
                "city": "苏州",
                "regional_manager_id": regional_manager.id,
            }
        )
        # The client HR user works for this client; their screens get an incident and a request.
        cls.roles["client HR"].partner_id.parent_id = client
        cls.env["retention.client.incident"].create({"name": "夜班缺员", "site_id": site.id})
        cls.env["retention.staffing.request"].create(
            {"site_id": site.id, "quantity": 2, "date_start": date.today() + timedelta(days=7)}
        )
        employee = cls.env["hr.employee"].create({"name": "王芳"})
        cls.env["retention.assignment"].create(
            {
                "employee_id": employee.id,
                "site_id": site.id,
                "date_start": "2026-01-01",
                "employment_mode": "dispatch",
                "position_nature": "auxiliary",
            }
        )
        vendor = cls.env["res.partner"].create(
            {"name": "上海人力服务有限公司", "is_company": True, "is_outsourcing_vendor": True}
        )
        cls.env["retention.vendor.review"].create({"vendor_id": vendor.id, "period_start": "2026-01-01"})
        cls.env["retention.vendor.qualification"].create(
            {
                "vendor_id": vendor.id,
                "type_id": cls.env.ref("outsourcing_retention.qualification_type_business_licence").id,
                "number": "91310000",
                "date_end": "2027-01-01",
            }
        )
        cls.env["retention.service.agreement"].create(
            {
                "name": "FW-2026-001",
                "agreement_type": "vendor",
                "partner_id": vendor.id,
                "date_start": "2026-01-01",
            }
        )
        cls.env["hr.contract"].create(
            {
                "name": "王芳 2026",
                "employee_id": employee.id,
                "wage": 6500,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "state": "open",
            }
        )

    def _suite_xmlids(self, model):
        """{res_id: complete xml id} of the suite's records of ``model``."""
        data = (
            self.env["ir.model.data"].sudo().search([("model", "=", model), ("module", "in", SUITE_MODULES)])
        )
        return {d.res_id: d.complete_name for d in data}

    def _apps_and_actions(self, user):
        """The apps holding a suite menu visible to ``user``; the suite's window actions
        that the user may read but reaches through no menu (buttons, smart buttons); and
        for each readable action with a form view, a record to open in that form."""
        Menu = self.env["ir.ui.menu"].with_user(user)
        # The web client shows a menu when it and all its parents are visible.
        ids = Menu._visible_menu_ids()
        visible = Menu.browse(ids).filtered(
            lambda m: all(int(i) in ids for i in m.parent_path.strip("/").split("/"))
        )
        suite_menus = visible.filtered(lambda m: m.id in self._suite_xmlids("ir.ui.menu"))
        root_ids = {int(menu.parent_path.split("/")[0]) for menu in suite_menus}
        all_xmlids = Menu.sudo().browse(root_ids).get_external_id()
        apps = sorted(all_xmlids[root_id] for root_id in root_ids)
        menu_actions = {
            menu.action.id for menu in visible if menu.action and menu.action._name == "ir.actions.act_window"
        }
        actions, forms = [], []
        for action in self.env["ir.actions.act_window"].browse(self._suite_xmlids("ir.actions.act_window")):
            if "active_id" in (action.context or ""):
                continue
            Model = self.env[action.res_model].with_user(user)
            if not Model.has_access("read"):
                continue
            if action.id not in menu_actions:
                actions.append(action.id)
            if "form" in action.view_mode:
                record = Model.search([], limit=1)
                if record:
                    forms.append([action.id, record.id])
        return apps, sorted(actions), sorted(forms)

    def test_click_every_menu_as_each_role_in_chinese(self):
        for role, user in self.roles.items():
            apps, actions, forms = self._apps_and_actions(user)
            # A role that sees no screen of the suite would make this test pass vacuously.
            self.assertTrue(apps, f"The {role} sees no menu of the suite")
            for index, app in enumerate(apps):
                with self.subTest(role=role, app=app):
                    _logger.info("Clicking everywhere in %s as %s", app, role)
                    code = CLICK_JS % {
                        "action_ids": json.dumps(actions if index == 0 else []),
                        "forms": json.dumps(forms if index == 0 else []),
                        "app": json.dumps(app),
                    }
                    self.browser_js(
                        "/odoo",
                        code,
                        "odoo.isReady === true",
                        login=user.login,
                        timeout=600,
                        success_signal="clickbot test succeeded",
                    )
