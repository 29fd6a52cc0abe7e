/** @odoo-module **/

import {registry} from "@web/core/registry";

// The employee opens the renewal offer on a phone, signs it, sees it signed and is
// told that the PDF of the signed offer is being prepared.
registry.category("web_tour.tours").add("outsourcing_retention_renewal_sign_tour", {
    url: "/my/renewals",
    steps: () => [
        {
            content: "Open the offer",
            trigger: "a:contains('Renewal offer for Li Na')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The terms are shown",
            trigger: ".o_renewal_terms dd:contains('Li Na')",
        },
        {
            content: "The HR contact is shown",
            trigger: ".o_renewal_terms dd:contains('portal_renewal_hr')",
        },
        {
            content: "Open the signature dialog",
            trigger: "button.o_renewal_sign",
            run: "click",
        },
        {
            content: "The name is filled in",
            trigger: ".modal .o_web_sign_name_and_signature input:value(Li Na)",
        },
        {
            content: "The signature is drawn from the name",
            trigger: ".modal canvas.o_web_sign_signature",
            async run(helpers) {
                const canvas = helpers.anchor;
                for (let i = 0; i < 50; i++) {
                    const pixels = new Uint32Array(
                        canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data.buffer
                    );
                    if (pixels.some((pixel) => pixel !== 0)) {
                        return;
                    }
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
            },
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The success is shown as a success, with no error",
            trigger: ".alert-success.o_renewal_signed",
            run() {
                if (document.querySelector(".o_portal_sign_error_msg, .alert-danger")) {
                    throw new Error("an error is shown after signing");
                }
            },
        },
        {
            content: "The signed PDF is announced as being prepared",
            trigger: ".o_renewal_pdf_pending",
        },
        {
            content: "The new contract can be downloaded",
            trigger: "a.o_renewal_contract_pdf",
        },
    ],
});
