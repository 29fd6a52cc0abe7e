/** @odoo-module **/

import {registry} from "@web/core/registry";

// The employee opens their performance page on a phone, reads the trend,
// opens the last review and reads its KPIs and feedback.
registry.category("web_tour.tours").add("outsourcing_retention_performance_tour", {
    url: "/my/performance",
    steps: () => [
        {
            content: "The trend shows the confirmed months",
            trigger: ".o_performance_trend .o_performance_trend_row:contains('2026-02')",
        },
        {
            content: "Open the February review",
            trigger: "a.o_performance_review_link:contains('2026-02')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The total score is shown",
            trigger: ".o_performance_review .o_performance_total:contains('88.0')",
        },
        {
            content: "The KPI is compared with the month before",
            trigger: ".o_performance_lines td:contains('72.0')",
        },
        {
            content: "The feedback is there",
            trigger: ".o_performance_feedback dd:contains('Keeps the line running')",
        },
    ],
});
