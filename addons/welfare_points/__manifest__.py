{
    "name": "Welfare Points",
    "summary": "A points wallet and a flexible-benefits catalogue for outsourced and core employees",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "author": "Retention Suite Contributors",
    "maintainers": ["retention-suite"],
    "website": "https://github.com/retention-suite/retention-suite",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["outsourcing_retention"],
    "data": ["views/welfare_points_menus.xml"],
}
