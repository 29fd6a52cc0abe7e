{
    "name": "Outsourcing Retention",
    "summary": "Keep outsourced and core employees: client sites, assignments, "
    "contract renewals, pulse surveys and the attrition risk engine",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "author": "Retention Suite Contributors",
    "maintainers": ["retention-suite"],
    "website": "https://github.com/retention-suite/retention-suite",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "depends": ["hr_contract", "hr_holidays", "survey", "calendar", "portal"],
    "external_dependencies": {"python": ["python-dateutil"]},
    "data": [
        "security/retention_security.xml",
        "views/res_partner_views.xml",
        "views/retention_menus.xml",
    ],
    "demo": ["demo/retention_demo_users.xml"],
    "assets": {
        "web.assets_tests": ["outsourcing_retention/static/tests/tours/**/*"],
    },
}
