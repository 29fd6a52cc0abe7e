/** @odoo-module **/

import {registry} from "@web/core/registry";

// On a phone, the employee opens My Career from the portal home and reads their path:
// the next grade, how ready they are, what is missing, and their training plan.
registry.category("web_tour.tours").add("career_paths_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open My Career from the portal home",
            trigger: "a[href='/my/career']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The next grade on the professional track is shown",
            trigger: ".o_career_track:contains('Professional Track') .o_career_next:contains('Senior Worker')",
        },
        {
            content: "With the readiness",
            trigger: ".o_career_track:contains('Professional Track') .o_career_readiness:contains('25.0 %')",
        },
        {
            content: "And what is missing",
            trigger: ".o_career_gate:contains('Level 3') .fa-lock",
        },
        {
            content: "The training plan lists the gap and its course",
            trigger: ".o_career_plan_item:contains('Python') .text-muted:contains('Python Advanced')",
        },
        {
            content: "The page fits a phone: no horizontal scroll",
            trigger: ".o_career_path",
            run() {
                if (document.documentElement.scrollWidth > window.innerWidth + 1) {
                    throw new Error(`page is ${document.documentElement.scrollWidth}px wide`);
                }
            },
        },
    ],
});
