/** @odoo-module **/

import {registry} from "@web/core/registry";

// On a phone: browse the catalogue, redeem a benefit, see the balance and the
// stock fall, cancel the redemption, see the points and the stock come back.
registry.category("web_tour.tours").add("welfare_points_redeem_tour", {
    url: "/my/points",
    steps: () => [
        {
            content: "The wallet shows the balance",
            trigger: ".o_welfare_balance:contains('500')",
        },
        {
            content: "Filter the catalogue on health check-ups",
            trigger: ".o_welfare_categories a:contains('Health Check-up')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the check-up",
            trigger: ".o_welfare_benefits a:contains('年度体检套餐')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The confirmation shows the balance after and the stock",
            trigger: ".o_welfare_after:contains('200') ~ .o_welfare_stock:contains('3')",
        },
        {
            content: "Confirm",
            trigger: "button.o_welfare_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The balance fell",
            trigger: ".o_welfare_message + .o_welfare_wallet .o_welfare_balance:contains('200')",
        },
        {
            content: "Open the check-up again",
            trigger: ".o_welfare_benefits a:contains('年度体检套餐')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "One unit less in stock",
            trigger: ".o_welfare_stock:contains('2')",
        },
        {
            content: "Back to the wallet",
            trigger: ".o_welfare_benefit a[href='/my/points']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Cancel the redemption",
            trigger: ".o_welfare_redemptions button.o_welfare_cancel",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The points are back",
            trigger: ".alert-info.o_welfare_message + .o_welfare_wallet .o_welfare_balance:contains('500')",
        },
        {
            content: "The redemption shows as cancelled",
            trigger: ".o_welfare_redemptions .o_welfare_state:contains('Cancelled')",
        },
        {
            content: "Open the check-up once more",
            trigger: ".o_welfare_benefits a:contains('年度体检套餐')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The unit is back in stock",
            trigger: ".o_welfare_stock:contains('3')",
        },
    ],
});
