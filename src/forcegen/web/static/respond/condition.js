/* Condition fields: a builder that writes the condition from lists, the condition in plain
 * words, and the live check of the text by the condition language on the server.
 *
 * The builder offers US support, political conditions and other governments' contributions
 * (a government found by its everyday name, "UK" or "Türkiye", and a number of personnel).
 * Whatever is chosen is written into the text field as `us.air_cover and troops(GBR) >= 5000`;
 * the text stays editable (the advanced way) and, when it is a plain "and" of such parts,
 * the builder follows it. The lists come once per page from #condition-lists.
 */
(function () {
  "use strict";

  var CHECK_DELAY_MS = 400;
  var lists = null;
  var counter = 0;
  var timers = new WeakMap();

  var fold = window.forcegen.fold;
  var element = window.forcegen.element;

  function governmentCode(typed) {
    var folded = fold(typed.replace(/\s*\([A-Z]{2,4}\)\s*$/, ""));
    var found = null;
    lists.governments.forEach(function (g) {
      if ([g.code, g.name].concat(g.aliases).some(function (n) { return fold(n) === folded; })) { found = g; }
    });
    return found;
  }

  /* A whole number as every other field reads it (forcegen.model.number): "5000", "5,000" or
     "5 000"; "5.000" and "1,5" are ambiguous and refused (NaN), never read as 5 or 15. */
  function wholeNumber(text) {
    var compact = text.replace(/[\s\u00a0\u2009\u202f]/g, "");
    if (/^\d{1,3}(,\d{3})+$/.test(compact)) { compact = compact.replace(/,/g, ""); }
    return /^\d{1,17}$/.test(compact) ? Number(compact) : NaN;
  }

  function governmentName(code) {
    var found = lists.governments.filter(function (g) { return g.code === code; })[0];
    return found ? found.name : code;
  }

  function slot(input, kind) {
    var form = input.closest("form") || document;
    return form.querySelector("[data-" + kind + '-for="' + CSS.escape(input.name) + '"]');
  }

  /* ---- the live check ---- */

  function check(input) {
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () {
      var url = input.dataset.conditionCheck + "?text=" + encodeURIComponent(input.value);
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (body) { showVerdict(input, body); })
        .catch(function () { /* the check on saving still applies */ });
    }, CHECK_DELAY_MS));
  }

  function showVerdict(input, body) {
    var error = slot(input, "error"), ok = slot(input, "ok"), words = slot(input, "plain");
    var typed = input.value.trim() !== "";
    if (error) { error.textContent = body.message || ""; }
    if (ok) { ok.textContent = body.ok && typed ? "Condition understood: " + body.normalised : ""; }
    if (words) { words.textContent = body.ok && typed ? "In plain words: only if " + body.plain + "." : ""; }
    var wrap = input.closest(".field");
    if (wrap) { wrap.classList.toggle("has-error", Boolean(body.message)); }
    var builder = slot(input, "builder");
    if (builder && builder.builder && body.ok) { builder.builder.follow(body.parts); }
  }

  /* ---- the builder ---- */

  function Builder(root, input) {
    counter += 1;
    this.id = "cb-" + counter;
    this.root = root;
    this.input = input;
    this.thresholds = [];
    root.builder = this;
    root.textContent = "";
    root.appendChild(element("p", { "class": "hint" },
      "Choose what this contribution depends on; the condition below is written for you."));
    this.boxes = [this.checkboxes("US support", lists.us), this.checkboxes("Political conditions", lists.political)];
    this.governments();
    this.note = root.appendChild(element("p", { "class": "hint builder-note" }));
    this.note.hidden = true;
    root.hidden = false;
  }

  Builder.prototype.checkboxes = function (title, drivers) {
    var self = this;
    var set = this.root.appendChild(element("fieldset", { "class": "builder-set" }));
    set.appendChild(element("legend", {}, title));
    var boxes = set.appendChild(element("div", { "class": "choices" }));
    return drivers.map(function (driver) {
      var id = self.id + "-" + driver.key.replace(/[^A-Za-z0-9]/g, "-");
      var label = boxes.appendChild(element("label", { "class": "choice", "for": id }));
      var box = label.appendChild(element("input", { type: "checkbox", id: id, value: driver.key }));
      label.appendChild(document.createTextNode(" " + driver.name));
      box.addEventListener("change", function (event) { event.stopPropagation(); self.write(); });
      return box;
    });
  };

  Builder.prototype.governments = function () {
    var self = this;
    var set = this.root.appendChild(element("fieldset", { "class": "builder-set" }));
    set.appendChild(element("legend", {}, "Other governments' contributions"));
    this.list = set.appendChild(element("ul", { "class": "builder-thresholds" }));
    var row = set.appendChild(element("div", { "class": "builder-add" }));
    var who = this.field(row, "Government", { list: "condition-governments", autocomplete: "off" });
    var much = this.field(row, "Sends at least (personnel)", { inputmode: "numeric", autocomplete: "off" });
    var add = row.appendChild(element("button", { type: "button", "class": "button-secondary button-small" }, "Add this condition"));
    var problem = set.appendChild(element("p", { "class": "field-error", "aria-live": "polite" }));
    add.addEventListener("click", function () {
      var government = governmentCode(who.value);
      var number = much.value.trim() ? wholeNumber(much.value) : 1;
      if (!government) {
        problem.textContent = "No government called “" + who.value + "”: type a name such as France, UK or Türkiye.";
      } else if (!Number.isInteger(number) || number < 0) {
        problem.textContent = "Write the personnel as a whole number, e.g. 5000 or 5,000.";
      } else {
        problem.textContent = "";
        self.thresholds.push({ code: government.code, atLeast: number });
        who.value = ""; much.value = "";
        self.drawThresholds();
        self.write();
      }
    });
  };

  Builder.prototype.field = function (row, text, attributes) {
    var id = this.id + "-" + row.children.length;
    var wrap = row.appendChild(element("div", { "class": "builder-field" }));
    wrap.appendChild(element("label", { "for": id }, text));
    var input = wrap.appendChild(element("input", Object.assign({ type: "text", id: id }, attributes)));
    ["input", "change"].forEach(function (name) {
      input.addEventListener(name, function (event) { event.stopPropagation(); });
    });
    return input;
  };

  Builder.prototype.drawThresholds = function () {
    var self = this;
    this.list.textContent = "";
    this.thresholds.forEach(function (t, i) {
      var words = governmentName(t.code) + " sends at least " + t.atLeast.toLocaleString("en") + " personnel";
      var item = self.list.appendChild(element("li", {}, words + " "));
      var remove = item.appendChild(element("button", { type: "button", "class": "button-link", "aria-label": "Remove: " + words }, "Remove"));
      remove.addEventListener("click", function () { self.thresholds.splice(i, 1); self.drawThresholds(); self.write(); });
    });
  };

  Builder.prototype.write = function () {
    var parts = [];
    this.boxes.forEach(function (boxes) {
      boxes.forEach(function (box) { if (box.checked) { parts.push(box.value); } });
    });
    this.thresholds.forEach(function (t) { parts.push("troops(" + t.code + ") >= " + t.atLeast); });
    this.input.value = parts.join(" and ");
    this.input.dispatchEvent(new Event("input", { bubbles: true }));
  };

  Builder.prototype.follow = function (parts) {
    var usable = Array.isArray(parts);
    this.root.querySelectorAll("input, button").forEach(function (el) { el.disabled = !usable; });
    this.note.hidden = usable;
    this.note.textContent = usable ? "" :
      "This condition uses 'or', 'not' or a count of contributors: change it in the text below.";
    if (!usable) { return; }
    var drivers = parts.filter(function (p) { return p.kind === "driver"; }).map(function (p) { return p.name; });
    this.boxes.forEach(function (boxes) {
      boxes.forEach(function (box) { box.checked = drivers.indexOf(box.value) !== -1; });
    });
    this.thresholds = parts.filter(function (p) { return p.kind === "troops"; })
      .map(function (p) { return { code: p.name, atLeast: p.at_least }; });
    this.drawThresholds();
  };

  /* ---- wiring ---- */

  function enhance(root) {
    if (!lists) { return; }
    root.querySelectorAll("[data-condition-check]").forEach(function (input) {
      var builderRoot = slot(input, "builder");
      if (builderRoot && !builderRoot.builder && !input.disabled) { new Builder(builderRoot, input); }
      if (input.value.trim()) { check(input); }
    });
  }

  function start() {
    var data = document.getElementById("condition-lists");
    lists = data ? JSON.parse(data.textContent) : null;
    if (lists) {
      var datalist = document.body.appendChild(element("datalist", { id: "condition-governments" }));
      lists.governments.forEach(function (g) {
        datalist.appendChild(element("option", { value: g.name + " (" + g.code + ")" }));
      });
    }
    enhance(document);
    document.addEventListener("input", function (event) {
      if (event.target.matches("[data-condition-check]")) { check(event.target); }
    });
    document.addEventListener("forcegen:row-added", function (event) { enhance(event.target); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
