/* forcegen assessment dashboard: draw the charts with our own copy of plotly.js.
 *
 * The chart specifications come from the server in the data-charts attribute of
 * #assessment-charts (no inline script: CSP is script-src 'self'). After each HTMX swap of
 * the dashboard (a driver toggled, another scenario chosen) the charts are drawn again.
 * Chart containers carry data-chart, not an id: htmx copies the old style attribute onto
 * elements with the same id while it settles, which the CSP (no inline styles) refuses.
 * Before htmx keeps a page for the back button, the charts are purged from it, and they are
 * drawn again when the page comes back. The probability panel (#probability-panel) has charts
 * of its own in its data-charts holder and is swapped alone when a slider moves; a slider's
 * percentage is shown as it moves. Clicking a bar or point jumps to the first pledge
 * behind it in the pledges table. Without JavaScript every figure is in the tables.
 */
(function () {
  "use strict";

  var CONFIG = { displayModeBar: false, responsive: true, displaylogo: false };

  function chartElements() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-chart]"));
  }

  function firstPledge(point) {
    var ids = String((point && point.customdata) || "").split(", ");
    if (!ids[0] || ids[0] === "none") { return null; }
    var anchor = "pledge-" + ids[0].replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
    return document.getElementById(anchor);
  }

  function bindClicks(element) {
    if (element.dataset.clickBound) { return; }
    element.dataset.clickBound = "true";
    element.on("plotly_click", function (event) {
      var row = firstPledge(event.points && event.points[0]);
      if (row) { row.scrollIntoView({ block: "center" }); row.classList.add("highlight"); }
    });
  }

  function drawHolder(holder) {
    var charts = JSON.parse(holder.getAttribute("data-charts") || "[]");
    return Promise.all(charts.map(function (chart) {
      var element = document.querySelector('[data-chart="' + chart.key + '"]');
      if (!element) { return Promise.resolve(); }
      if (!element._fullLayout) { element.replaceChildren(); }
      var figure = chart.figure;
      return window.Plotly.react(element, figure.data, figure.layout, CONFIG).then(function () {
        bindClicks(element);
        return chart;
      });
    })).then(function () { holder.setAttribute("data-drawn", String(charts.length)); });
  }

  function draw() {
    var holders = document.querySelectorAll("[data-charts]");
    if (!holders.length || !window.Plotly) { return; }
    Promise.all(Array.prototype.map.call(holders, drawHolder)).then(function () {
      document.body.setAttribute("data-charts-drawn", String(Date.now()));
    });
  }

  function showPercent(event) {
    var input = event.target;
    if (!input || input.type !== "range" || !input.id) { return; }
    var output = document.getElementById(input.id + "-value");
    if (output) { output.textContent = input.value + "%"; }
  }

  function purge() {
    if (!window.Plotly) { return; }
    chartElements().forEach(function (element) { window.Plotly.purge(element); });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", function (event) {
    var id = event.target && event.target.id;
    if (id === "dashboard" || id === "probability-panel") { draw(); }
  });
  document.addEventListener("input", showPercent);
  document.addEventListener("htmx:beforeHistorySave", purge);
  document.addEventListener("htmx:historyRestore", draw);
})();
