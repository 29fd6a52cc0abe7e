/** @odoo-module **/

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// A retention user working in Chinese opens the Retention app and lands on
// its client list: the menus are translated and the action loads.
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
            content: "The first screen is the client list",
            trigger: ".o_breadcrumb:contains('客户')",
        },
    ],
});
