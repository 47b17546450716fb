// select2 4.0 (Django's autocomplete) shows its choice in a span with role="textbox" whose only name is
// the title it sets once a choice is made: an empty autocomplete is nameless to a screen reader (axe:
// aria-input-field-name). Each such box is named after its field's label, also in inline rows added later.
"use strict";
{
    const nameBoxes = () => {
        for (const box of document.querySelectorAll(".select2-selection__rendered[role=textbox]:not([aria-label])")) {
            const field = box.id.replace(/^select2-/, "").replace(/-container$/, "");
            const label = document.querySelector(`label[for="${field}"]`);
            if (label) {
                box.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
            }
        }
    };
    new MutationObserver(nameBoxes).observe(document.documentElement, {childList: true, subtree: true});
}
