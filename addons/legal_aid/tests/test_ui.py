from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestClickEverywhere(HttpCase):
    """A coordinator working in Chinese opens every Legal Aid menu and view without an error."""

    def test_click_everywhere_as_coordinator(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "legal_aid")])._update_translations(["zh_CN"])
        new_test_user(self.env, "la_click", groups="legal_aid.group_legal_aid_coordinator", lang="zh_CN")
        self.browser_js(
            "/odoo",
            "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
            ".startClickEverywhere('outsourcing_retention.menu_retention_root');",
            "odoo.isReady === true",
            login="la_click",
            success_signal="clickbot test succeeded",
            timeout=600,
        )
