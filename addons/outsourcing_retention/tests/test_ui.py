from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRetentionMenuTour(HttpCase):
    """In a real browser, a retention user working in Chinese sees the Retention app."""

    def test_menu_in_chinese_in_the_web_client(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "outsourcing_retention")])._update_translations(
            ["zh_CN"]
        )
        new_test_user(
            self.env,
            "ret_user_zh",
            groups="outsourcing_retention.group_retention_user",
            lang="zh_CN",
        )
        self.start_tour("/odoo", "outsourcing_retention_menu_zh_tour", login="ret_user_zh")
