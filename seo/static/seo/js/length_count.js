// A live character count under the title tag and meta description in the page
// editor, measured against what search results show before cutting text short.
// Registered with the admin's own Stimulus application; the panel carries
// data-controller="seo-length" and the range (seo/models.py).
class SeoLengthController extends window.StimulusModule.Controller {
  static values = { min: Number, max: Number };

  connect() {
    this.field = this.element.querySelector("input, textarea");
    if (!this.field) return;
    this.count = document.createElement("p");
    this.count.className = "help seo-length";
    this.count.id = `${this.field.id}-length`;
    this.field.insertAdjacentElement("afterend", this.count);
    const describedBy = this.field.getAttribute("aria-describedby") || "";
    this.field.setAttribute("aria-describedby", `${describedBy} ${this.count.id}`.trim());
    this.update = this.update.bind(this);
    this.field.addEventListener("input", this.update);
    this.update();
  }

  disconnect() {
    if (!this.field) return;
    this.field.removeEventListener("input", this.update);
    this.count.remove();
  }

  update() {
    const length = this.field.value.trim().length;
    let verdict = "";
    if (length > this.maxValue) verdict = " (search results may cut it short)";
    else if (length > 0 && length < this.minValue) verdict = " (room for more)";
    this.count.textContent = `${length} characters${verdict}`;
  }
}

window.wagtail.app.register("seo-length", SeoLengthController);
