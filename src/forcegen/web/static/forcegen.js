/* forcegen: the little behaviour the pages need, served by us (CSP: script-src 'self').
 *
 * - repeat groups: add and remove rows (inputs are named by answer path, rows renumbered)
 * - country pickers: filter the checkbox list, show what is selected
 * - confirmation before a form that changes something hard to undo
 * The respondent's form adds respond/*.js: autosave, the save bar, the condition builder.
 * Every page works without it: forms post normally and the server answers with a page.
 */
(function () {
  "use strict";

  var ATTRS = ["name", "id", "for", "aria-describedby", "data-error-for", "data-ok-for",
               "data-builder-for", "data-plain-for", "aria-label", "aria-controls"];

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function domId(path) { return "f-" + path.replace(/[^A-Za-z0-9_]+/g, "-").replace(/^-+|-+$/g, ""); }

  /* ---- repeat groups ---- */

  function renumberRow(row, groupPath, from, to) {
    var pathPattern = new RegExp(escapeRegExp(groupPath + "[" + from + "]"), "g");
    var idPattern = new RegExp(escapeRegExp(domId(groupPath) + "-" + from + "-"), "g");
    var label = new RegExp("(row )" + (Number(from) + 1) + "\\b", "g");
    [row].concat(Array.prototype.slice.call(row.querySelectorAll("*"))).forEach(function (el) {
      ATTRS.forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value === null) { return; }
        value = value.replace(pathPattern, groupPath + "[" + to + "]")
                     .replace(idPattern, domId(groupPath) + "-" + to + "-");
        if (attr === "aria-label") { value = value.replace(label, "$1" + (to + 1)); }
        el.setAttribute(attr, value);
      });
    });
    row.dataset.index = String(to);
    var title = row.querySelector("[data-row-title]");
    if (title) { title.textContent = title.dataset.rowTitle + " " + (to + 1); }
  }

  function renumberGroup(group) {
    var path = group.dataset.group;
    var rows = group.querySelectorAll(":scope > .rows > [data-row]");
    rows.forEach(function (row, i) {
      var from = row.dataset.index;
      if (String(i) !== from) { renumberRow(row, path, from, i); }
    });
    var add = group.querySelector("[data-add-row]");
    if (add) { add.disabled = rows.length >= Number(group.dataset.maxRows || 1000); }
  }

  function addRow(group) {
    var template = group.querySelector(":scope > template");
    var list = group.querySelector(":scope > .rows");
    var index = list.querySelectorAll(":scope > [data-row]").length;
    var html = template.innerHTML.replace(/__INDEX__/g, String(index))
                                 .replace(/__NUM__/g, String(index + 1));
    list.insertAdjacentHTML("beforeend", html);
    var row = list.lastElementChild;
    enhance(row);
    row.dispatchEvent(new CustomEvent("forcegen:row-added", { bubbles: true }));
    renumberGroup(group);
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
    changed(group.closest("form"));
  }

  function removeRow(button) {
    var row = button.closest("[data-row]");
    var group = row.closest("[data-group]");
    var form = row.closest("form");
    row.remove();
    renumberGroup(group);
    var add = group.querySelector("[data-add-row]");
    if (add) { add.focus(); }
    changed(form);
  }

  /* ---- country pickers ---- */

  function updatePicker(picker) {
    var chosen = Array.prototype.slice.call(picker.querySelectorAll("input[type=checkbox]:checked"))
      .map(function (box) { return box.value; });
    var out = picker.querySelector("[data-picker-selected]");
    if (out) { out.textContent = chosen.length ? "Selected: " + chosen.join(", ") : "None selected."; }
  }

  function filterPicker(input) {
    var picker = input.closest("[data-picker]");
    var needle = input.value.trim().toLowerCase();
    picker.querySelectorAll("[data-picker-item]").forEach(function (item) {
      item.hidden = needle !== "" && item.dataset.pickerItem.toLowerCase().indexOf(needle) === -1;
    });
  }

  /* ---- telling the respondent's form (respond/form.js) that answers changed ---- */

  function changed(form) {
    if (form) { form.dispatchEvent(new CustomEvent("forcegen:changed", { bubbles: true })); }
  }

  /* ---- wiring ---- */

  function enhance(root) {
    root.querySelectorAll("[data-picker]").forEach(function (picker) {
      var filter = picker.querySelector("[data-picker-filter]");
      if (filter) { filter.hidden = false; }
      updatePicker(picker);
    });
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-row]");
    if (add) { event.preventDefault(); addRow(add.closest("[data-group]")); return; }
    var remove = event.target.closest("[data-remove-row]");
    if (remove) { event.preventDefault(); removeRow(remove); }
  });

  document.addEventListener("input", function (event) {
    var el = event.target;
    if (el.matches("[data-picker-filter]")) { filterPicker(el); }
  });

  document.addEventListener("change", function (event) {
    var picker = event.target.closest("[data-picker]");
    if (picker) { updatePicker(picker); }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var confirmation = (event.submitter && event.submitter.dataset.confirm) || form.dataset.confirm;
    if (confirmation && !window.confirm(confirmation)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
    document.querySelectorAll("[data-group]").forEach(renumberGroup);
  });

  /* ---- small tools the page scripts share (respond/*.js) ---- */

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function element(tag, attributes, text) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { el.setAttribute(name, attributes[name]); });
    if (text) { el.textContent = text; }
    return el;
  }

  window.forcegen = { enhance: enhance, fold: fold, element: element };
})();
