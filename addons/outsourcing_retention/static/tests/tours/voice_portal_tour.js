/** @odoo-module **/

import {registry} from "@web/core/registry";

// On a phone, the employee writes a complaint to HR, then reads HR's answer to an
// earlier one.
registry.category("web_tour.tours").add("outsourcing_retention_voice_tour", {
    url: "/my/voice",
    steps: () => [
        {
            content: "Choose complaint",
            trigger: "select#voice_category",
            run: "selectByLabel Complaint",
        },
        {
            content: "Write the complaint",
            trigger: "textarea#voice_text",
            run: "edit 宿舍晚上太吵，睡不好",
        },
        {
            content: "Send it",
            trigger: "button.o_voice_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "HR has received it",
            trigger: ".o_voice_submitted",
        },
        {
            content: "The complaint is shown",
            trigger: ".o_voice_text:contains('宿舍晚上太吵')",
        },
        {
            content: "Back to the list",
            trigger: "a:contains('Back')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the earlier complaint HR answered",
            trigger: ".o_voice_item_link:contains('食堂')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "HR's answer is there",
            trigger: ".o_voice_answer_body:contains('已联系食堂')",
        },
    ],
});
