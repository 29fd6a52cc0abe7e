import importlib

from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.sql import index_exists, make_index_name


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    """The addon installs, owns the Retention app, its groups and menus."""

    def test_module_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "outsourcing_retention")])
        self.assertEqual(module.state, "installed")

    def test_groups(self):
        user_group = self.env.ref("outsourcing_retention.group_retention_user")
        manager_group = self.env.ref("outsourcing_retention.group_retention_manager")
        self.assertIn(user_group, manager_group.implied_ids)
        self.assertIn(self.env.ref("base.group_user"), user_group.implied_ids)
        self.assertEqual(
            user_group.category_id, self.env.ref("outsourcing_retention.module_category_retention")
        )
        # The administrator manages the suite from installation on.
        self.assertIn(manager_group, self.env.ref("base.user_admin").groups_id)

    def test_menus_follow_groups(self):
        root = self.env.ref("outsourcing_retention.menu_retention_root")
        clients = self.env.ref("outsourcing_retention.menu_retention_clients")
        configuration = self.env.ref("outsourcing_retention.menu_retention_configuration")
        self.assertFalse(root.parent_id)
        self.assertEqual(
            clients.action, self.env.ref("outsourcing_retention.res_partner_action_outsourcing_client")
        )

        def visible_ids(user):
            return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

        retention_user = new_test_user(
            self.env, "ret_user", groups="outsourcing_retention.group_retention_user"
        )
        retention_manager = new_test_user(
            self.env, "ret_manager", groups="outsourcing_retention.group_retention_manager"
        )
        employee = new_test_user(self.env, "plain_employee", groups="base.group_user")
        self.assertTrue({root.id, clients.id} <= visible_ids(retention_user))
        self.assertTrue({root.id, clients.id} <= visible_ids(retention_manager))
        self.assertNotIn(root.id, visible_ids(employee))
        # Configuration stays hidden until it has entries; it is for managers only.
        manager_group = self.env.ref("outsourcing_retention.group_retention_manager")
        self.assertEqual(configuration.groups_id, manager_group)

    def test_root_menu_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "outsourcing_retention")])._update_translations(
            ["zh_CN"]
        )
        root = self.env.ref("outsourcing_retention.menu_retention_root")
        self.assertEqual(root.with_context(lang="zh_CN").name, "员工留存")

    def test_engine_importable_from_odoo(self):
        # The addon and the repository's pytest share one engine package.
        engine = importlib.import_module("odoo.addons.outsourcing_retention.engine")
        from ..engine import dispatch

        self.assertIs(engine.dispatch, dispatch)
        self.assertEqual(dispatch.max_dispatched(900), 100)

    def test_fields_searched_by_crons_and_rules_are_indexed(self):
        searched = [
            ("retention.assignment", "date_start"),  # assignment state cron
            ("retention.assignment", "date_end"),
            ("retention.assignment", "company_id"),  # company rule
            ("retention.vendor.qualification", "date_end"),  # expiry cron
            ("retention.vendor.qualification", "company_id"),
            ("retention.service.agreement", "date_start"),  # agreement state cron
            ("retention.service.agreement", "date_end"),
            ("retention.service.agreement", "company_id"),
            ("retention.client.site", "regional_manager_id"),  # regional manager rules
            ("retention.client.site", "company_id"),
            ("retention.vendor.review", "company_id"),
        ]
        for model, field in searched:
            with self.subTest(model=model, field=field):
                table = self.env[model]._table
                self.assertTrue(index_exists(self.env.cr, make_index_name(table, field)))

    def test_date_state_crons_share_one_mixin(self):
        for model in (
            "retention.assignment",
            "retention.vendor.qualification",
            "retention.service.agreement",
        ):
            with self.subTest(model=model):
                self.assertIn("retention.date.state.mixin", self.env[model]._inherit)
