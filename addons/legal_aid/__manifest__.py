{
    "name": "Legal Aid",
    "summary": "Labour-dispute help for employees with partner law firms, confidential by default",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "author": "Retention Suite Contributors",
    "maintainers": ["retention-suite"],
    "website": "https://github.com/retention-suite/retention-suite",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["outsourcing_retention"],
    "external_dependencies": {"python": ["python-dateutil"]},
    "data": ["views/legal_aid_menus.xml"],
}
