{
    "name": "Career Paths",
    "summary": "Dual career tracks, skill gaps, training plans and mentoring trios",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "author": "Retention Suite Contributors",
    "maintainers": ["retention-suite"],
    "website": "https://github.com/retention-suite/retention-suite",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["outsourcing_retention", "hr_skills"],
    "data": ["views/career_paths_menus.xml"],
}
