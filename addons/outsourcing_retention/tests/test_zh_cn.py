from datetime import timedelta

from odoo.tests import HttpCase, freeze_time, tagged

from .common import TODAY, RetentionCase


def load_zh_cn(env):
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"].search([("name", "=", "outsourcing_retention")])._update_translations(["zh_CN"])


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestChineseWording(RetentionCase):
    """The words a Chinese HR director reads: one English label per Chinese word."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh_cn(cls.env)

    def _labels(self, model, field):
        description = self.env[model].with_user(self.manager).with_context(lang="zh_CN").fields_get([field])
        return dict(description[field]["selection"])

    def test_statuses_have_their_own_chinese_words(self):
        vendor = self._labels("res.partner", "retention_vendor_status")
        review = self._labels("retention.vendor.review", "result")
        agreement = self._labels("retention.service.agreement", "state")
        assignment = self._labels("retention.assignment", "state")
        # A vendor rated "approved" is qualified (合格), not approved (已批准) as an agreement is.
        self.assertEqual(vendor["approved"], "合格")
        self.assertEqual(review["approved"], "合格")
        self.assertEqual(agreement["approved"], "已批准")
        self.assertEqual(vendor["warning"], "预警")
        self.assertEqual(review["warning"], "预警")
        self.assertEqual(assignment["active"], "在岗")
        self.assertEqual(agreement["active"], "生效中")

    def test_offer_is_a_renewal_letter_of_intent(self):
        offer = self.env["ir.model"]._get("retention.renewal.offer").with_context(lang="zh_CN")
        self.assertEqual(offer.name, "劳动合同续签意向书")

    def test_creation_message_names_the_record_in_chinese(self):
        site = (
            self.env["retention.client.site"]
            .with_user(self.manager)
            .with_context(tracking_disable=False, lang="zh_CN")
            .create({"name": "无锡三厂", "code": "WX-3", "client_id": self.client.id})
        )
        bodies = " ".join(site.message_ids.mapped("body"))
        self.assertIn("客户现场", bodies)
        self.assertNotIn("Client Site", bodies)

    def test_dispatch_ratio_in_percent_with_one_decimal(self):
        # 95 own workers allow 10 dispatched: 10 / 105 = 9.52 %, shown as 9.5.
        self.client.client_workforce = 95
        workers = self.env["hr.employee"].create(
            [{"name": f"派遣员工 {i}", "company_id": self.company.id} for i in range(10)]
        )
        for worker in workers:
            self._assign(
                worker,
                self.site_a,
                TODAY - timedelta(days=5),
                employment_mode="dispatch",
                position_nature="auxiliary",
            )
        self.env.flush_all()
        Report = self.env["retention.dispatch.compliance"].with_user(self.manager)
        line = Report.search([("client_id", "=", self.client.id)])
        self.assertEqual(line.dispatch_percent, 9.5)
        self.assertAlmostEqual(line.dispatch_ratio, 10 / 105, places=4)
        self.assertFalse(line.breach)
        percent = Report.fields_get(["dispatch_percent"])["dispatch_percent"]
        self.assertEqual(percent["digits"], (16, 1))
        titles = Report.with_context(lang="zh_CN").fields_get(["dispatch_percent", "dispatch_cap"])
        self.assertEqual(titles["dispatch_percent"]["string"], "派遣占比%")
        self.assertEqual(titles["dispatch_cap"]["string"], "派遣上限")


@tagged("post_install", "-at_install")
class TestChineseOverXmlRpc(HttpCase, RetentionCase):
    """An integrator passing context={'lang': 'zh_CN'} gets Chinese in the chatter."""

    def test_create_with_lang_logs_chinese(self):
        load_zh_cn(self.env)
        site_id = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.manager.id,
            "ret_manager",
            "retention.client.site",
            "create",
            [{"name": "常州四厂", "code": "CZ-4", "client_id": self.client.id}],
            {"context": {"lang": "zh_CN"}},
        )
        site = self.env["retention.client.site"].browse(site_id)
        bodies = " ".join(site.message_ids.mapped("body"))
        self.assertIn("客户现场", bodies)
        self.assertNotIn("Client Site", bodies)
