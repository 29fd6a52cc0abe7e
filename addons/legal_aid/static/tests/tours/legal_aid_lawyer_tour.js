/** @odoo-module **/

import {registry} from "@web/core/registry";

// On a phone, a partner lawyer accepts a case assigned to the firm, writes to the
// employee and moves the case to consultation.
registry.category("web_tour.tours").add("legal_aid_lawyer_tour", {
    url: "/my/legal/cases",
    steps: () => [
        {
            content: "Open the case to answer",
            trigger: ".o_legal_firm_cases li:has(.text-bg-warning) a.o_legal_case_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Accept it",
            trigger: "button.o_legal_accept",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Write to the employee",
            trigger: ".o_legal_message_form textarea[name=body]",
            run: "edit 请先提供劳动合同和工资条",
        },
        {
            content: "Send",
            trigger: ".o_legal_message_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The message is on the case",
            trigger: ".o_legal_message:contains('请先提供劳动合同')",
        },
        {
            content: "Move to consultation",
            trigger: ".o_legal_update_form select[name=stage]",
            run: "select consultation",
        },
        {
            content: "Save",
            trigger: ".o_legal_update_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The case is in consultation",
            trigger: ".o_legal_stage:contains('Consultation')",
        },
    ],
});
