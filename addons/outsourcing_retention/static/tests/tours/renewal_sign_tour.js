/** @odoo-module **/

import {registry} from "@web/core/registry";

// The employee opens the renewal offer on a phone, signs it, and sees it signed.
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
            trigger: ".o_renewal_offer dd:contains('Li Na')",
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
            content: "The offer is signed",
            trigger: ".alert-success:contains('signed')",
        },
    ],
});
