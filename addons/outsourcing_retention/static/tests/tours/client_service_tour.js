/** @odoo-module **/

import {registry} from "@web/core/registry";

// A client HR user opens their service report on a phone, then the review action items.
registry.category("web_tour.tours").add("outsourcing_retention_client_service_tour", {
    url: "/my/client/reports",
    steps: () => [
        {
            content: "Open the quarter's service report",
            trigger: "a.o_retention_report_link:contains('2026-Q1')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The headcount of the site is shown",
            trigger: ".o_retention_service_report .o_retention_headcount td:contains('苏州二厂')",
        },
        {
            content: "Go to the service reviews",
            trigger: "body",
            run: () => {
                window.location.href = "/my/client/reviews";
            },
            expectUnloadPage: true,
        },
        {
            content: "The open action item is listed",
            trigger: ".o_retention_open_actions li:contains('补充夜班人员')",
        },
        {
            content: "The minutes are readable",
            trigger: ".o_retention_review:contains('夜班缺员问题已解决')",
        },
    ],
});
