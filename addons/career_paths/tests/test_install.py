import importlib

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    """The addon installs under the Retention app and reuses its groups."""

    def test_module_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "career_paths")])
        self.assertEqual(module.state, "installed")

    def test_groups_and_menu(self):
        self.assertTrue(self.env.ref("outsourcing_retention.group_retention_user"))
        self.assertTrue(self.env.ref("outsourcing_retention.group_retention_manager"))
        menu = self.env.ref("career_paths.menu_career_paths_root")
        self.assertEqual(menu.parent_id, self.env.ref("outsourcing_retention.menu_retention_root"))

    def test_menu_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "career_paths")])._update_translations(["zh_CN"])
        menu = self.env.ref("career_paths.menu_career_paths_root")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "职业发展")

    def test_engine_importable_from_odoo(self):
        engine = importlib.import_module("odoo.addons.career_paths.engine")
        from .. import engine as relative_engine

        self.assertIs(engine, relative_engine)
        self.assertTrue(engine.__doc__)
