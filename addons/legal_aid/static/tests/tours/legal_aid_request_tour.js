/** @odoo-module **/

import {registry} from "@web/core/registry";

// On a phone, the employee asks for legal help and lands on the new case.
registry.category("web_tour.tours").add("legal_aid_request_tour", {
    url: "/my/legal",
    steps: () => [
        {
            content: "Ask for help",
            trigger: "a.o_legal_ask",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose the category",
            trigger: "select[name=category_id]",
            run: "selectByIndex 1",
        },
        {
            content: "Say what happened",
            trigger: "textarea[name=facts]",
            run: "edit 班组长扣了我两个月的加班费",
        },
        {
            content: "Say when",
            trigger: "input[name=known_on]",
            run(helpers) {
                // The phone's native date picker cannot be driven: set the value it would give.
                helpers.anchor.value = "2026-03-01";
            },
        },
        {
            content: "Send",
            trigger: ".o_legal_request_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request is recorded",
            trigger: ".alert-success:contains('Your request has been sent')",
        },
        {
            content: "The case is at the request stage",
            trigger: ".o_legal_stage:contains('Request')",
        },
    ],
});
