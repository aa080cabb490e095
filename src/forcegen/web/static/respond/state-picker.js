/* The state picker: a search box over the states of a multi-select, the chosen ones shown as
 * chips with a remove button. Likely participants are offered first; "UK", "Britain" or
 * "Turkey" find the state they name. The multi-select stays the form's field (hidden), so the
 * form posts the same values with or without this script.
 *
 * Keyboard: type to filter, Down/Up to move through the offers, Enter to choose, Escape to
 * close; each chip's button removes its state.
 */
(function () {
  "use strict";

  var MAX_OFFERS = 12;
  var counter = 0;

  var fold = window.forcegen.fold;
  var element = window.forcegen.element;

  function Picker(root) {
    counter += 1;
    this.root = root;
    this.select = root.querySelector("select");
    this.options = Array.prototype.slice.call(this.select.options);
    var id = this.select.id.replace(/-select$/, "");
    this.chips = element("ul", { "class": "chips", "aria-label": "Chosen" });
    this.input = element("input", {
      type: "text", id: id + "-search", role: "combobox", autocomplete: "off",
      "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": id + "-offers",
      "aria-describedby": this.select.getAttribute("aria-describedby") || "",
      "class": "state-search", placeholder: "Type a name, e.g. France or UK"
    });
    this.list = element("ul", { role: "listbox", id: id + "-offers", "class": "offers" });
    this.list.hidden = true;
    this.active = -1;
    var label = root.querySelector("[data-picker-label]");
    label.setAttribute("for", this.input.id);
    this.list.setAttribute("aria-label", label.textContent.replace(/\s*\(required\)\s*$/, ""));
    this.select.hidden = true;
    this.select.after(this.chips, this.input, this.list);
    this.input.disabled = this.select.disabled;
    this.drawChips();
    this.wire();
  }

  Picker.prototype.matches = function (needle) {
    var folded = fold(needle);
    return this.options.filter(function (option) {
      if (option.selected) { return false; }
      if (!folded) { return option.parentElement.label === "Likely participants"; }
      var haystack = fold(option.textContent + " " + (option.dataset.keywords || ""));
      return haystack.split(/[\s(),]+/).some(function (word) { return word.indexOf(folded) === 0; }) ||
        haystack.indexOf(folded) === 0;
    }).slice(0, MAX_OFFERS);
  };

  Picker.prototype.open = function () {
    var self = this;
    this.offers = this.matches(this.input.value);
    this.list.textContent = "";
    this.offers.forEach(function (option, i) {
      var item = element("li", { role: "option", id: self.list.id + "-" + i, "aria-selected": "false" },
        option.textContent);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });
      item.addEventListener("click", function () { self.choose(option); });
      self.list.appendChild(item);
    });
    if (!this.offers.length) {
      this.list.appendChild(element("li", { "class": "no-offer", role: "presentation" }, "No state by that name."));
    }
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.highlight(-1);
  };

  Picker.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Picker.prototype.highlight = function (index) {
    var items = this.list.querySelectorAll("[role=option]");
    this.active = Math.max(-1, Math.min(index, items.length - 1));
    items.forEach(function (item, i) { item.setAttribute("aria-selected", String(i === this.active)); }, this);
    if (this.active >= 0) {
      this.input.setAttribute("aria-activedescendant", items[this.active].id);
      items[this.active].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Picker.prototype.choose = function (option) {
    option.selected = true;
    this.input.value = "";
    this.close();
    this.drawChips();
    this.input.focus();
    this.select.dispatchEvent(new Event("change", { bubbles: true }));
  };

  Picker.prototype.remove = function (option) {
    option.selected = false;
    this.drawChips();
    this.input.focus();
    this.select.dispatchEvent(new Event("change", { bubbles: true }));
  };

  Picker.prototype.drawChips = function () {
    var self = this;
    this.chips.textContent = "";
    this.options.filter(function (option) { return option.selected; }).forEach(function (option) {
      var name = option.textContent.replace(/\s*\([A-Z]+\)$/, "");
      var chip = element("li", { "class": "chip" }, option.textContent + " ");
      if (!self.select.disabled) {
        var button = element("button", { type: "button", "class": "chip-remove", "aria-label": "Remove " + name }, "×");
        button.addEventListener("click", function () { self.remove(option); });
        chip.appendChild(button);
      }
      self.chips.appendChild(chip);
    });
    this.chips.hidden = !this.chips.children.length;
  };

  Picker.prototype.wire = function () {
    var self = this;
    this.input.addEventListener("input", function (event) {
      event.stopPropagation();  // the search text is not an answer
      self.open();
    });
    this.input.addEventListener("change", function (event) { event.stopPropagation(); });
    this.input.addEventListener("blur", function () { self.close(); });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (self.list.hidden) { self.open(); }
        self.highlight(self.active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (!self.list.hidden && self.active >= 0) { self.choose(self.offers[self.active]); }
        else if (!self.list.hidden && self.offers.length === 1) { self.choose(self.offers[0]); }
      } else if (event.key === "Escape" && !self.list.hidden) {
        event.preventDefault();
        self.close();
      }
    });
  };

  function start() {
    document.querySelectorAll("[data-state-picker]").forEach(function (root) { new Picker(root); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
