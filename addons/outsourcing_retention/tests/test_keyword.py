from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestKeyword(RetentionCase):
    def test_defaults_match_in_the_database(self):
        Keyword = self.env["retention.keyword"]
        found = Keyword._retention_match("这个月又拖欠工资了，我真的不想干了")
        self.assertEqual(set(found.mapped("term")), {"拖欠工资", "不想干了"})
        self.assertEqual(
            found.mapped("category_id"),
            self.env.ref("outsourcing_retention.keyword_category_pay")
            | self.env.ref("outsourcing_retention.keyword_category_quit"),
        )
        self.assertEqual(Keyword._retention_match("I might QUIT next week").term, "quit")
        self.assertFalse(Keyword._retention_match("the job is quite fine"))
        self.assertEqual(self.env.ref("outsourcing_retention.keyword_pay_00").language, "zh_CN")

    def test_changes_apply_at_once(self):
        Keyword = self.env["retention.keyword"]
        self.assertFalse(Keyword._retention_match("宿舍太吵"))
        keyword = Keyword.create(
            {
                "term": "宿舍太吵",
                "category_id": self.env.ref("outsourcing_retention.keyword_category_overtime").id,
            }
        )
        self.assertEqual(Keyword._retention_match("最近宿舍太吵，睡不好"), keyword)
        keyword.active = False
        self.assertFalse(Keyword._retention_match("最近宿舍太吵，睡不好"))
        with self.assertRaisesRegex(ValidationError, "cannot be blank"):
            Keyword.create({"term": "\u3000 ", "category_id": keyword.category_id.id})

    def test_access(self):
        keyword = self.env.ref("outsourcing_retention.keyword_pay_00")
        self.assertEqual(keyword.with_user(self.user_a).term, "拖欠工资")
        with self.assertRaises(AccessError):
            keyword.with_user(self.user_a).write({"severity": "low"})
        keyword.with_user(self.manager).write({"severity": "low"})
        for user in (self.hr_officer, self.portal_user):
            with self.assertRaises(AccessError):
                keyword.with_user(user).read(["term"])
        # Matching works for any caller (the submitter of a text) without exposing keywords.
        found = self.env["retention.keyword"].with_user(self.portal_user)._retention_match("拖欠工资")
        self.assertEqual(found.ids, keyword.ids)
        with self.assertRaises(AccessError):
            found.read(["term"])
