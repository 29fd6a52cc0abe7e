/** @odoo-module **/

import {registry} from "@web/core/registry";

// The client's HR, on a phone, sees their own people only, asks for three more
// people at the Kunshan warehouse and finds the request in the list; then raises an
// incident at the Suzhou plant through the emergency contact channel and sees it listed.
registry.category("web_tour.tours").add("outsourcing_retention_client_portal_tour", {
    url: "/my/client",
    steps: () => [
        {
            content: "Their own person is listed",
            trigger: ".o_retention_client_person_name:contains('王芳')",
        },
        {
            content: "Another client's person is not",
            trigger: ".o_retention_client_people:not(:has(.o_retention_client_person_name:contains('孙伟')))",
        },
        {
            content: "Open the request form",
            trigger: "a.o_retention_client_new_request",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose the site",
            trigger: "select[name='site_id']",
            run: "selectByLabel 昆山仓库",
        },
        {
            content: "Three people",
            trigger: "input[name='quantity']",
            run: "edit 3",
        },
        {
            content: "The shift",
            trigger: "input[name='shift']",
            run: "edit 两班倒",
        },
        {
            content: "Send the request",
            trigger: "button.o_retention_client_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request was sent and asks for three people",
            trigger: ".o_retention_client_request_page:has(.alert-success) dd:contains('3')",
        },
        {
            content: "Back to the client portal",
            trigger: "a[href='/my/client'].btn-link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request is listed",
            trigger: ".o_retention_client_request:contains('昆山仓库')",
        },
        {
            content: "Raise an incident",
            trigger: "a.o_retention_client_new_incident",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Where it happens",
            trigger: "select[name='site_id']",
            run: "selectByLabel 苏州二厂",
        },
        {
            content: "People are missing",
            trigger: "select[name='category']",
            run: "select shortage",
        },
        {
            content: "The subject",
            trigger: "input[name='name']",
            run: "edit 夜班三人未到岗",
        },
        {
            content: "What happened",
            trigger: "textarea[name='description']",
            run: "edit 今晚夜班缺三人，产线停工。",
        },
        {
            content: "Send it to the provider",
            trigger: "button.o_retention_client_incident_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The incident was sent",
            trigger: ".o_retention_client_incident_sent",
        },
        {
            content: "The incident is listed, open",
            trigger: ".o_retention_client_incident:contains('夜班三人未到岗') .badge.text-bg-danger",
        },
    ],
});
