/** @odoo-module **/

import {registry} from "@web/core/registry";

const FORM = "form[action='/my/points/rules/acknowledge']";

// On a phone: read the earning rules in force and acknowledge them. A GET on the
// acknowledgement URL changes nothing; the form sent twice records one acknowledgement.
registry.category("web_tour.tours").add("welfare_points_rules_tour", {
    url: "/my/points/rules",
    steps: () => [
        {
            content: "The rule in force is shown, not yet acknowledged",
            trigger: ".o_welfare_rules .list-group-item:contains('全勤奖励'):not(:has(.o_welfare_rule_acknowledged))",
        },
        {
            content: "Open the acknowledgement URL with GET, then reload",
            trigger: `${FORM} button.o_welfare_acknowledge`,
            async run() {
                const versions = document.querySelector(`${FORM} input[name='versions']`).value;
                const params = new URLSearchParams({versions});
                const response = await fetch(`/my/points/rules/acknowledge?${params}`);
                if (response.ok || response.url.includes("message=acknowledged")) {
                    throw new Error(`A GET acknowledged: ${response.status} ${response.url}`);
                }
                window.location.reload();
            },
            expectUnloadPage: true,
        },
        {
            content: "Still to acknowledge after the GET",
            trigger: `.o_welfare_rules:not(:has(.o_welfare_rule_acknowledged)) ~ ${FORM} button.o_welfare_acknowledge`,
        },
        {
            content: "Acknowledge, and send the same form a second time",
            trigger: `${FORM} button.o_welfare_acknowledge`,
            async run() {
                const form = document.querySelector(FORM);
                const response = await fetch(form.action, {method: "POST", body: new FormData(form)});
                if (!response.url.includes("message=acknowledged")) {
                    throw new Error(`The first submit was not recorded: ${response.url}`);
                }
                form.querySelector("button.o_welfare_acknowledge").click();
            },
            expectUnloadPage: true,
        },
        {
            content: "Thanked, and the rule is marked acknowledged",
            trigger: ".o_welfare_message ~ .o_welfare_rules .list-group-item:contains('全勤奖励') .o_welfare_rule_acknowledged",
        },
        {
            content: "Nothing left to acknowledge",
            trigger: `body:not(:has(${FORM}))`,
        },
    ],
});
