/* forcegen: the little behaviour the pages need, served by us (CSP: script-src 'self').
 *
 * - repeat groups: add and remove rows (inputs are named by answer path, rows renumbered)
 * - country pickers: filter the checkbox list, show what is selected
 * - condition fields: checked live (debounced) by the condition language on the server
 * - autosave: the draft is saved a few seconds after a change, from the version last seen;
 *   a conflict stops autosave and keeps the text on screen
 * Every page works without it: forms post normally and the server answers with a page.
 */
(function () {
  "use strict";

  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var ATTRS = ["name", "id", "for", "aria-describedby", "data-error-for", "data-ok-for",
               "aria-label", "aria-controls"];

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

  /* ---- messages next to fields ---- */

  function clearProblems(form) {
    form.querySelectorAll("[data-error-for]").forEach(function (el) {
      el.textContent = "";
      var wrap = el.closest(".field");
      if (wrap) { wrap.classList.remove("has-error"); }
    });
  }

  function slotFor(form, path) {
    var probe = path;
    while (probe) {
      var slot = form.querySelector('[data-error-for="' + CSS.escape(probe) + '"]');
      if (slot) { return slot; }
      var shorter = probe.replace(/(\[\d+\]|\.[^.\[\]]+)$/, "");
      if (shorter === probe) { break; }
      probe = shorter;
    }
    return form.querySelector("[data-error-for='']");
  }

  function showProblems(form, problems) {
    clearProblems(form);
    (problems || []).forEach(function (problem) {
      var slot = slotFor(form, problem.path);
      if (!slot) { return; }
      slot.textContent = (slot.textContent ? slot.textContent + " " : "") +
        (slot.dataset.errorFor === problem.path ? "" : problem.path + ": ") + problem.message;
      var wrap = slot.closest(".field");
      if (wrap) { wrap.classList.add("has-error"); }
    });
  }

  /* ---- condition check ---- */

  var conditionTimers = new WeakMap();

  function checkCondition(input) {
    clearTimeout(conditionTimers.get(input));
    conditionTimers.set(input, setTimeout(function () {
      var url = input.dataset.conditionCheck + "?text=" + encodeURIComponent(input.value);
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (body) {
          var form = input.closest("form") || document;
          var error = form.querySelector('[data-error-for="' + CSS.escape(input.name) + '"]');
          var ok = form.querySelector('[data-ok-for="' + CSS.escape(input.name) + '"]');
          var wrap = input.closest(".field");
          if (error) { error.textContent = body.message || ""; }
          if (ok) { ok.textContent = body.ok && input.value.trim() ? "Condition understood: " + body.normalised : ""; }
          if (wrap) { wrap.classList.toggle("has-error", Boolean(body.message)); }
        })
        .catch(function () { /* the server check on save still applies */ });
    }, 500));
  }

  /* ---- autosave ---- */

  var AUTOSAVE_DELAY_MS = 3000;
  var state = new WeakMap();

  function status(form, kind, text) {
    var el = form.querySelector("[data-save-status]");
    if (el) { el.dataset.state = kind; el.textContent = text; }
  }

  function changed(form) {
    if (!form || !form.dataset.autosave) { return; }
    var s = state.get(form) || {};
    state.set(form, s);
    if (s.conflict) { return; }
    s.dirty = true;
    status(form, "dirty", "Changes not saved yet…");
    clearTimeout(s.timer);
    s.timer = setTimeout(function () { save(form); }, AUTOSAVE_DELAY_MS);
  }

  function save(form) {
    var s = state.get(form);
    if (!s || s.conflict) { return Promise.resolve(); }
    if (s.inFlight) { s.again = true; return s.inFlight; }
    s.dirty = false;
    status(form, "saving", "Saving draft…");
    var body = new URLSearchParams(new FormData(form));
    s.inFlight = fetch(form.dataset.autosave, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf }
    }).then(function (r) {
      return r.json().then(function (data) { return { status: r.status, data: data }; });
    }).then(function (result) {
      var data = result.data;
      if (result.status === 200 && data.ok) {
        form.querySelector("input[name=base_version]").value = String(data.version);
        clearProblems(form);
        status(form, "saved", "Draft saved (version " + data.version + ") at " + data.saved_at_text + ".");
      } else if (result.status === 409) {
        s.conflict = true;
        status(form, "conflict", "Not saved: another save happened. Your text is still here.");
        var box = document.querySelector("[data-conflict]");
        if (box) { box.hidden = false; box.querySelector("[data-conflict-message]").textContent = data.error; box.focus(); }
      } else {
        showProblems(form, data.problems);
        status(form, "error", "Not saved: " + (data.problems ? data.problems.length + " answer(s) to correct (marked below)." : data.error));
      }
    }).catch(function () {
      s.dirty = true;
      status(form, "error", "Not saved: the connection failed. Will retry on your next change.");
    }).then(function () {
      s.inFlight = null;
      if (s.again) { s.again = false; return save(form); }
    });
    return s.inFlight;
  }

  function beforeSubmit(event) {
    var form = event.target;
    var s = state.get(form);
    if (!s) { return; }
    clearTimeout(s.timer);
    if (s.inFlight && !s.submitting) {
      // Wait for the running autosave so the submission carries the version it created.
      event.preventDefault();
      s.submitting = true;
      var submitter = event.submitter;
      s.inFlight.then(function () { form.requestSubmit(submitter); });
    }
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
    if (el.matches("[data-picker-filter]")) { filterPicker(el); return; }
    if (el.matches("[data-condition-check]")) { checkCondition(el); }
    changed(el.closest("form[data-autosave]"));
  });

  document.addEventListener("change", function (event) {
    var el = event.target;
    var picker = el.closest("[data-picker]");
    if (picker) { updatePicker(picker); }
    if (!el.matches("[data-picker-filter]")) { changed(el.closest("form[data-autosave]")); }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (form.dataset.autosave) { beforeSubmit(event); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
      state.set(form, {});
      form.querySelectorAll("[data-group]").forEach(renumberGroup);
    });
  });
})();
