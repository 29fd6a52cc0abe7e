from collections import defaultdict

from odoo import fields, models

from ..engine import matching
from ..engine import readiness as engine
from .career_grade import TIER_RANK
from .retention_staffing_request import OPEN_STATES

HR_OFFICER = "hr.group_hr_user"
PERFORMANCE_MODEL = "retention.performance.review"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # Fields only on hr.employee carry groups="hr.group_hr_user": others see hr.employee.public.
    career_grade_ids = fields.One2many(
        "career.employee.grade", "employee_id", string="Career Grades", groups=HR_OFFICER
    )
    career_certificate_ids = fields.One2many(
        "career.certificate", "employee_id", string="Certificates", groups=HR_OFFICER
    )
    career_promotion_ids = fields.One2many(
        "career.promotion", "employee_id", string="Promotions", groups=HR_OFFICER
    )
    career_high_potential = fields.Boolean(
        string="High Potential",
        groups=HR_OFFICER,
        help="Keeps the employee in the reserve pool at any readiness.",
    )
    career_desired_track_ids = fields.Many2many(
        "career.track",
        "career_employee_desired_track_rel",
        "employee_id",
        "track_id",
        string="Desired Tracks",
        groups=HR_OFFICER,
        help="The tracks the employee said they want to grow on: matching prefers their positions.",
    )
    career_desired_cities = fields.Char(
        string="Desired Cities",
        groups=HR_OFFICER,
        help="Cities where the employee said they would work, separated by commas (苏州, 上海).",
    )
    career_match_ids = fields.One2many(
        "career.match", "employee_id", string="Position Matches", groups=HR_OFFICER
    )
    career_readiness_summary = fields.Text(
        string="Readiness for the Next Grades", compute="_compute_career_readiness_summary", groups=HR_OFFICER
    )

    def _compute_career_readiness_summary(self):
        next_grades = self._career_next_grades()
        assessments = self._career_assess(next_grades)
        for employee in self:
            lines = [
                employee._career_explain(grade, assessments[employee.id, grade.id])
                for grade in next_grades.get(employee.id, [])
            ]
            employee.career_readiness_summary = "\n\n".join(lines) or False

    # ------------------------------------------------------------------ grades
    def _career_current_grade_map(self):
        """{(employee id, track id): current grade} in one query."""
        rows = self.env["career.employee.grade"].search(
            [("employee_id", "in", self.ids), ("date_end", "=", False)]
        )
        return {(row.employee_id.id, row.track_id.id): row.grade_id for row in rows}

    def _career_current_grades(self):
        self.ensure_one()
        return {track_id: grade for (_emp, track_id), grade in self._career_current_grade_map().items()}

    def _career_next_grades(self, held_only=False):
        """{employee id: [grade]}: on every track of the employee's company, the grade above the current
        one, or the track's first grade when the employee holds none on it yet (unless ``held_only``:
        entering another track is a transfer decided by people, never proposed by rule)."""
        grades = self.env["career.grade"].search(
            [
                ("track_id.active", "=", True),
                "|",
                ("company_id", "=", False),
                ("company_id", "in", self.company_id.ids),
            ],
            order="track_id, sequence, id",
        )
        by_track = defaultdict(list)
        for grade in grades:
            by_track[grade.track_id].append(grade)
        current = self._career_current_grade_map()
        result = {}
        for employee in self:
            result[employee.id] = []
            for track, ladder in by_track.items():
                if track.company_id and track.company_id != employee.company_id:
                    continue
                held = current.get((employee.id, track.id))
                if held_only and not held:
                    continue
                following = [g for g in ladder if not held or g.sequence > held.sequence]
                if following:
                    result[employee.id].append(following[0])
        return result

    # ------------------------------------------------------------------ readiness
    def _career_service_starts(self):
        """{employee id: first contract start}. sudo: HR officers may not read contracts (wages); only
        the earliest start date of these employees' running or past contracts leaves this method."""
        groups = (
            self.env["hr.contract"]
            .sudo()
            ._read_group(
                [("employee_id", "in", self.ids), ("state", "in", ("open", "close"))],
                ["employee_id"],
                ["date_start:min"],
            )
        )
        return {employee.id: start for employee, start in groups}

    def _career_performance_ranks(self):
        """{employee id: [tier rank, newest first]} from outsourcing_retention's confirmed reviews."""
        # sudo: reviewers' scorecards may be closed to HR officers; only each review's tier, as a
        # rank, for the employees being assessed leaves this method.
        reviews = (
            self.env[PERFORMANCE_MODEL]
            .sudo()
            .search_read(
                [("employee_id", "in", self.ids), ("state", "=", "confirmed"), ("tier", "!=", False)],
                ["employee_id", "tier"],
                order="period desc, id desc",
            )
        )
        ranks = defaultdict(list)
        for review in reviews:
            ranks[review["employee_id"][0]].append(TIER_RANK.get(review["tier"], 0))
        return ranks

    def _career_assess(self, grades_by_employee, day=None):
        """{(employee id, grade id): engine Assessment} for the given grades, in a fixed number of queries."""
        day = day or fields.Date.context_today(self)
        skills = defaultdict(dict)
        for row in self.env["hr.employee.skill"].search_read(
            [("employee_id", "in", self.ids)], ["employee_id", "skill_id", "level_progress"]
        ):
            skills[row["employee_id"][0]][row["skill_id"][0]] = row["level_progress"]
        held = defaultdict(list)
        certificates = self.env["career.certificate"].search(
            [
                ("employee_id", "in", self.ids),
                ("state", "=", "verified"),
                "|",
                ("date_expiry", "=", False),
                ("date_expiry", ">=", day),
            ]
        )
        for certificate in certificates:
            kind = certificate.certificate_type_id
            held[certificate.employee_id.id].append((kind.id, kind.family or "", kind.rank))
        all_grades = self.env["career.grade"].union(
            *[g for grades in grades_by_employee.values() for g in grades]
        )
        all_grades.skill_requirement_ids.skill_level_id.mapped("level_progress")  # prefetch
        starts = self._career_service_starts() if any(all_grades.mapped("min_service_months")) else {}
        ranks = self._career_performance_ranks() if any(all_grades.mapped("min_performance_tier")) else {}
        result = {}
        for employee in self:
            for grade in grades_by_employee.get(employee.id, []):
                requirements = [
                    engine.SkillRequirement(line.skill_id.id, line.level_progress, line.weight)
                    for line in grade.skill_requirement_ids
                ]
                gates = engine.certificate_gates(
                    [(t.id, t.family or "", t.rank) for t in grade.certificate_type_ids], held[employee.id]
                )
                if grade.min_service_months:
                    gates.append(engine.service_gate(starts.get(employee.id), day, grade.min_service_months))
                if grade.min_performance_tier:
                    gates.append(
                        engine.performance_gate(
                            None if ranks is None else ranks.get(employee.id, []),
                            TIER_RANK[grade.min_performance_tier],
                            grade.performance_review_count,
                        )
                    )
                result[employee.id, grade.id] = engine.assess(requirements, skills[employee.id], gates)
        return result

    def _career_explain(self, grade, assessment):
        """The assessment in words, one line per requirement and gate."""
        _ = self.env._
        Skill = self.env["hr.skill"]
        CertificateType = self.env["career.certificate.type"]
        lines = [
            _(
                "%(grade)s: %(readiness)s %% ready",
                grade=grade.display_name,
                readiness=assessment.readiness,
            )
        ]
        for item in assessment.items:
            lines.append(
                _(
                    "- %(skill)s: level %(actual)s %% of %(required)s %% required, "
                    "%(points)s of %(max)s points",
                    skill=Skill.browse(item.key).name,
                    actual=item.actual,
                    required=item.required,
                    points=round(item.points, 1),
                    max=round(item.max_points, 1),
                )
            )
        status_label = {
            engine.PASSED: _("met"),
            engine.FAILED: _("missing"),
            engine.NOT_EVALUATED: _("not evaluated (no performance reviews installed)"),
        }
        tier_names = dict(grade._fields["min_performance_tier"]._description_selection(self.env))
        tier_label = {rank: tier_names[key] for key, rank in TIER_RANK.items()}
        for gate in assessment.gates:
            if gate.key == "certificate":
                what = _("Certificate %(name)s", name=CertificateType.browse(gate.detail["certificate"]).name)
            elif gate.key == "service":
                what = _(
                    "Service %(months)s of %(required)s months",
                    months=gate.detail["months"],
                    required=gate.detail["required"],
                )
            else:
                what = _(
                    "Performance tier %(tier)s or better in the last %(count)s reviews",
                    tier=tier_label.get(gate.detail["required"], ""),
                    count=gate.detail["count"],
                )
            lines.append(_("- %(what)s: %(status)s", what=what, status=status_label[gate.status]))
        if assessment.eligible:
            lines.append(_("Eligible for promotion."))
        return "\n".join(lines)

    def _career_propose_promotions(self, day=None):
        """Propose (once) every promotion these employees have become eligible for on their tracks."""
        next_grades = self._career_next_grades(held_only=True)
        assessments = self._career_assess(next_grades, day)
        open_promotions = {
            (p.employee_id.id, p.grade_to_id.id)
            for p in self.env["career.promotion"].search(
                [("employee_id", "in", self.ids), ("state", "in", ("proposed", "approved"))]
            )
        }
        current = self._career_current_grade_map()
        vals_list = []
        for employee in self:
            for grade in next_grades[employee.id]:
                assessment = assessments[employee.id, grade.id]
                if not assessment.eligible or (employee.id, grade.id) in open_promotions:
                    continue
                vals_list.append(
                    {
                        "employee_id": employee.id,
                        "track_id": grade.track_id.id,
                        "grade_from_id": current.get((employee.id, grade.track_id.id), grade.browse()).id,
                        "grade_to_id": grade.id,
                        "kind": "rule",
                        "readiness": assessment.readiness,
                        "readiness_breakdown": employee._career_explain(grade, assessment),
                    }
                )
        promotions = self.env["career.promotion"].create(vals_list)
        self.env["career.reserve.entry"]._refresh(self)
        return promotions

    def career_readiness(self):
        """Readiness of these employees for the next grade on every track, for integrators (XML-RPC).

        Runs with the caller's rights: only users who may read these employees' files get an answer.
        """
        self.check_access("read")
        next_grades = self._career_next_grades()
        assessments = self._career_assess(next_grades)
        current = self._career_current_grade_map()
        skills = {
            skill.id: skill.name
            for skill in self.env["hr.skill"].browse(
                {item.key for assessment in assessments.values() for item in assessment.items}
            )
        }
        result = []
        for employee in self:
            tracks = []
            for grade in next_grades[employee.id]:
                assessment = assessments[employee.id, grade.id]
                held = current.get((employee.id, grade.track_id.id))
                tracks.append(
                    {
                        "track_id": grade.track_id.id,
                        "track": grade.track_id.name,
                        "current_grade_id": held.id if held else False,
                        "next_grade_id": grade.id,
                        "next_grade": grade.name,
                        "readiness": assessment.readiness,
                        "eligible": assessment.eligible,
                        "skills": [
                            {
                                "skill_id": item.key,
                                "skill": skills[item.key],
                                "actual": item.actual,
                                "required": item.required,
                                "points": round(item.points, 2),
                                "max_points": round(item.max_points, 2),
                            }
                            for item in assessment.items
                        ],
                        "gates": [
                            {
                                "kind": gate.key,
                                "status": gate.status,
                                **{k: (False if v is None else v) for k, v in gate.detail.items()},
                            }
                            for gate in assessment.gates
                        ],
                    }
                )
            result.append({"employee_id": employee.id, "tracks": tracks})
        return result

    # ------------------------------------------------------------------ matching
    def _career_match_candidates(self):
        """Engine candidates for these employees, in a fixed number of queries.

        Only skills, verified certificates, the city of the current site and the stated
        preferences are read: nothing else about the person can reach the ranking.
        """
        day = fields.Date.context_today(self)
        skills = defaultdict(dict)
        for row in self.env["hr.employee.skill"].search_read(
            [("employee_id", "in", self.ids)], ["employee_id", "skill_id", "level_progress"]
        ):
            skills[row["employee_id"][0]][row["skill_id"][0]] = row["level_progress"]
        held = defaultdict(list)
        for certificate in self.env["career.certificate"].search(
            [
                ("employee_id", "in", self.ids),
                ("state", "=", "verified"),
                "|",
                ("date_expiry", "=", False),
                ("date_expiry", ">=", day),
            ]
        ):
            kind = certificate.certificate_type_id
            held[certificate.employee_id.id].append((kind.id, kind.family or "", kind.rank))
        cities = {}
        for assignment in self.env["retention.assignment"].search(
            [("employee_id", "in", self.ids), ("state", "=", "active")], order="date_start desc, id desc"
        ):
            cities.setdefault(assignment.employee_id.id, (assignment.site_id.city or "").strip())
        return [
            matching.Candidate(
                employee.id,
                cities.get(employee.id, ""),
                skills[employee.id],
                tuple(held[employee.id]),
                frozenset(employee.career_desired_track_ids.ids),
                frozenset(
                    city.strip()
                    for city in (employee.career_desired_cities or "").replace("，", ",").split(",")
                    if city.strip()
                ),
            )
            for employee in self
        ]

    def career_matches(self, refresh=False):
        """The open client positions these employees were matched to, best first, for integrators.

        ``refresh``: rank again first. Runs with the caller's rights (HR officers).
        """
        self.check_access("read")
        if refresh:
            self.env["career.match"]._match_employees(self)
        matches = self.env["career.match"].search(
            [("employee_id", "in", self.ids), ("request_id.state", "in", OPEN_STATES)],
            order="employee_id, score desc, id",
        )
        by_employee = defaultdict(list)
        for match in matches:
            by_employee[match.employee_id.id].append(
                {
                    "match_id": match.id,
                    "request_id": match.request_id.id,
                    "request": match.request_id.name,
                    "site": match.site_id.name,
                    "client": match.client_id.name,
                    "city": match.city or False,
                    "score": match.score,
                    "readiness": match.readiness,
                    "eligible": match.eligible,
                    "same_city": match.same_city,
                    "state": match.state,
                    "explanation": match.explanation,
                    "scoring_version": match.scoring_version,
                }
            )
        return [{"employee_id": employee.id, "matches": by_employee[employee.id]} for employee in self]

    def action_career_best_positions(self):
        self.env["career.match"]._match_employees(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "career.match",
            "name": self.env._("Best Open Positions"),
            "view_mode": "list,form",
            "domain": [("employee_id", "in", self.ids)],
            "context": {"create": False},
        }

    def action_career_propose_promotions(self):
        promotions = self._career_propose_promotions()
        return {
            "type": "ir.actions.act_window",
            "res_model": "career.promotion",
            "name": self.env._("Promotions"),
            "view_mode": "list,form",
            "domain": [("employee_id", "in", self.ids)],
            "context": {"create": False, "highlight": promotions.ids},
        }
