/** @odoo-module **/

import {registry} from "@web/core/registry";

// On a phone, the employee answers this week's pulse from the portal, then
// withdraws their consent to keep answers under their name.
registry.category("web_tour.tours").add("outsourcing_retention_pulse_tour", {
    url: "/my/pulse",
    steps: () => [
        {
            content: "Open this week's questions",
            trigger: "a.o_retention_pulse_open",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Start",
            trigger: "button.o_retention_pulse_start",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Start the survey",
            trigger: 'button.btn:contains("Start")',
            run: "click",
        },
        {
            content: "Would recommend: 9",
            trigger: 'div.js_question-wrapper:contains("recommend working here") label:contains("9")',
            run: "click",
        },
        {
            content: "Mood: 4",
            trigger: 'div.js_question-wrapper:contains("How do you feel") label:contains("4")',
            run: "click",
        },
        {
            content: "A comment",
            trigger: 'div.js_question-wrapper:contains("Anything you want") textarea',
            run: "edit 食堂不错",
        },
        {
            content: "Submit",
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            content: "Thank you",
            trigger: '.o_survey_finished h1:contains("Thank you!")',
        },
        {
            content: "Back to the portal",
            trigger: '.o_survey_finished a[href="/my/pulse"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Nothing is waiting any more; go to the consents",
            trigger: 'a[href="/my/consent"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Withdraw the pulse consent",
            trigger: ".o_retention_consent[data-purpose='pulse'] .o_retention_consent_withdraw",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The consent is withdrawn",
            trigger: ".o_retention_consent[data-purpose='pulse'] .o_retention_consent_none",
        },
    ],
});
