/** @odoo-module **/

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// A retention user working in Chinese opens the Retention app and lands on
// the retention overview: the menus and the overview are translated, its
// figures load, and a figure opens the report behind it.
registry.category("web_tour.tours").add("outsourcing_retention_menu_zh_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "The Retention app is listed in Chinese",
            trigger: ".o_app[data-menu-xmlid='outsourcing_retention.menu_retention_root']:contains('员工留存')",
            run: "click",
        },
        {
            content: "Its top menu reads 外包管理",
            trigger: ".o_main_navbar .o_menu_sections:contains('外包管理')",
        },
        {
            content: "The first screen is the retention overview, in Chinese",
            trigger: ".o_retention_overview h2:contains('留存概览')",
        },
        {
            content: "Its interventions figure opens the report behind it",
            trigger: ".o_retention_overview_interventions a:contains('留任干预')",
            run: "click",
        },
        {
            content: "The interventions report is open",
            trigger: ".o_breadcrumb:contains('留任干预')",
        },
    ],
});
