/* The respondent's form: autosave, the save bar, progress, and leaving with unsaved changes.
 *
 * - autosave: the draft is saved a few seconds after a change, from the version last seen.
 *   A draft keeps whatever was typed; values to correct come back as problems and are marked
 *   next to their fields. Only submission needs valid, complete answers.
 * - the save bar never moves under the pointer: its buttons come first and the text beside
 *   them sits in a box of fixed size, so a status that grows or shrinks moves nothing.
 * - "Save draft" saves in place; Enter in a one-line field saves too and never submits
 *   (a reload would lose the attestation typed but not yet submitted).
 * - once a version was submitted, any later change shows as "changes not submitted" until
 *   it is submitted in turn, and the header names the newer draft version as soon as it is
 *   saved (the header must never let the officer believe the change went in).
 * - leaving the page with changes not yet saved asks first.
 * Without script the form still works: the buttons post and the server answers with a page.
 */
(function () {
  "use strict";

  var DELAY_MS = 3000;
  var NOT_ANSWERS = ["csrf_token", "base_version", "attestation_name", "attestation_title"];
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  function answersOf(form) {
    var data = new FormData(form);
    NOT_ANSWERS.forEach(function (name) { data.delete(name); });
    return new URLSearchParams(data).toString();
  }

  /* ---- messages next to fields ---- */

  function clearProblems(form) {
    form.querySelectorAll("[data-error-for]").forEach(function (el) {
      if (el.closest(".question-attestation")) { return; }
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

  function toCorrect(problems) {
    var count = (problems || []).length;
    if (!count) { return ""; }
    return " " + (count === 1 ? "1 answer" : count + " answers") +
      " to correct before submitting (marked below).";
  }

  /* ---- progress: questions answered, and required ones ---- */

  function isAnswered(section) {
    return Array.prototype.some.call(section.querySelectorAll("[name]"), function (el) {
      if (el.type === "hidden" || el.disabled) { return false; }
      if (el.type === "radio" || el.type === "checkbox") { return el.checked; }
      if (el.multiple) { return el.selectedOptions.length > 0; }
      return el.value.trim() !== "";
    });
  }

  function showProgress(form) {
    var out = document.getElementById("progress");
    if (!out) { return; }
    var sections = form.querySelectorAll("section[data-question]");
    var answered = 0, required = 0, requiredAnswered = 0;
    sections.forEach(function (section) {
      var done = isAnswered(section);
      if (done) { answered += 1; }
      if (section.hasAttribute("data-required")) {
        required += 1;
        if (done) { requiredAnswered += 1; }
      }
    });
    out.textContent = answered + " of " + sections.length + " questions answered · required: " +
      requiredAnswered + " of " + required;
  }

  /* ---- the save bar ---- */

  function Saver(form) {
    this.form = form;
    this.status = form.querySelector("[data-save-status]");
    this.pending = document.getElementById("pending-changes");
    this.submitted = Number(form.dataset.submittedVersion || 0);
    this.saved = answersOf(form);
    this.timer = null;
    this.inFlight = null;
    this.again = false;
    this.conflict = false;
    this.leaving = false;
  }

  Saver.prototype.say = function (state, text) {
    if (!this.status) { return; }
    this.status.dataset.state = state;
    this.status.textContent = text;
  };

  Saver.prototype.version = function () {
    return Number(this.form.querySelector("input[name=base_version]").value || 0);
  };

  Saver.prototype.isDirty = function () { return answersOf(this.form) !== this.saved; };

  Saver.prototype.showPending = function () {
    var saved = this.version() > this.submitted;
    var header = document.getElementById("newer-draft");
    if (header && this.submitted > 0) {
      header.hidden = !saved;
      header.querySelector("[data-draft-version]").textContent = String(this.version());
    }
    if (!this.pending) { return; }
    this.pending.hidden = !(this.submitted > 0 && (this.isDirty() || saved));
  };

  Saver.prototype.changed = function () {
    showProgress(this.form);
    if (this.conflict) { return; }
    this.showPending();
    if (!this.isDirty()) { return; }
    this.say("dirty", "Changes not saved yet…");
    clearTimeout(this.timer);
    this.timer = setTimeout(this.save.bind(this), DELAY_MS);
  };

  Saver.prototype.save = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = null;
    if (this.conflict) { return Promise.resolve(); }
    if (this.inFlight) { this.again = true; return this.inFlight; }
    var sent = answersOf(this.form);
    this.say("saving", "Saving the draft…");
    this.inFlight = fetch(this.form.dataset.autosave, {
      method: "POST",
      body: new URLSearchParams(new FormData(this.form)),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf }
    }).then(function (r) {
      return r.json().then(function (data) { return { status: r.status, data: data }; });
    }).then(function (result) {
      self.saved_(result, sent);
    }).catch(function () {
      self.say("error", "Not saved: the connection failed. Saving again on your next change.");
    }).then(function () {
      self.inFlight = null;
      self.showPending();
      if (self.again) { self.again = false; return self.save(); }
    });
    return this.inFlight;
  };

  Saver.prototype.saved_ = function (result, sent) {
    var data = result.data;
    if (result.status === 200 && data.ok) {
      this.form.querySelector("input[name=base_version]").value = String(data.version);
      this.saved = sent;
      showProblems(this.form, data.problems);
      this.say(data.problems && data.problems.length ? "marked" : "saved",
        "Draft saved (version " + data.version + ") at " + data.saved_at_text + "." +
        toCorrect(data.problems));
    } else if (result.status === 409) {
      this.conflict = true;
      this.say("conflict", "Not saved: another save happened. Your text is still here.");
      var box = document.querySelector("[data-conflict]");
      if (box) {
        box.hidden = false;
        box.querySelector("[data-conflict-message]").textContent = data.error;
        box.focus();
      }
    } else {
      showProblems(this.form, data.problems);
      this.say("error", "Not saved: " + (data.problems ? toCorrect(data.problems) : data.error));
    }
  };

  Saver.prototype.submit = function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.id === "save-draft") {
      event.preventDefault();
      this.save();
      return;
    }
    clearTimeout(this.timer);
    if (this.inFlight) {
      // Wait for the running autosave, so the submission builds on the version it created.
      event.preventDefault();
      var form = this.form;
      this.inFlight.then(function () { form.requestSubmit(submitter); });
      return;
    }
    this.leaving = true;
  };

  Saver.prototype.keydown = function (event) {
    var el = event.target;
    var isOneLine = el.tagName === "INPUT" && !/^(checkbox|radio|button|submit)$/.test(el.type);
    if (event.key !== "Enter" || !isOneLine || event.defaultPrevented) { return; }
    event.preventDefault();
    if (this.isDirty()) { this.save(); }
  };

  Saver.prototype.beforeUnload = function (event) {
    if (this.leaving || this.conflict || (!this.isDirty() && !this.inFlight)) { return; }
    event.preventDefault();
    event.returnValue = "";
  };

  function start() {
    var form = document.querySelector("form[data-autosave]");
    if (!form) { return; }
    var saver = new Saver(form);
    var changed = saver.changed.bind(saver);
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("forcegen:changed", changed);
    form.addEventListener("submit", saver.submit.bind(saver));
    form.addEventListener("keydown", saver.keydown.bind(saver));
    window.addEventListener("beforeunload", saver.beforeUnload.bind(saver));
    showProgress(form);
    saver.showPending();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
