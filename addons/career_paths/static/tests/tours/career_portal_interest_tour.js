/** @odoo-module **/

import {registry} from "@web/core/registry";

// On a phone, the employee reads their mentoring talks, finds an open position they fit and
// says they are interested; the position is then marked.
registry.category("web_tour.tours").add("career_paths_portal_interest_tour", {
    url: "/my/career",
    steps: () => [
        {
            content: "The monthly talks of the trio are listed with the other two members",
            trigger: ".o_career_trio:contains('孙经理') .o_career_talk_notes:contains('welding certificate')",
        },
        {
            content: "With the open action items",
            trigger: ".o_career_talk_action:contains('Book the TIG course')",
        },
        {
            content: "An open position fits the employee, with what is missing",
            trigger: ".o_career_position:contains('苏州一厂') .o_career_position_missing:contains('TIG Welding')",
        },
        {
            content: "The page fits a phone: no horizontal scroll",
            trigger: ".o_career_positions",
            run() {
                if (document.documentElement.scrollWidth > window.innerWidth + 1) {
                    throw new Error(`page is ${document.documentElement.scrollWidth}px wide`);
                }
            },
        },
        {
            content: "Express interest",
            trigger: ".o_career_position:contains('苏州一厂') button.o_career_interest",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "HR is told",
            trigger: ".o_career_interest_done",
        },
        {
            content: "The position is marked",
            trigger: ".o_career_position:contains('苏州一厂') .o_career_position_state",
        },
        {
            content: "And cannot be sent twice",
            trigger: ".o_career_position:contains('苏州一厂'):not(:has(button.o_career_interest))",
        },
    ],
});
