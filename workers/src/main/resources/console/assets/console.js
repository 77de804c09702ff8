/* Touchpoint console: diagrams (bpmn-js navigated viewer), charts (uPlot) and the erasure confirmation.
   No inline scripts (the console's Content-Security-Policy forbids them); everything starts from data attributes. */
(function () {
  'use strict';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function badges(counts) {
    var box = el('div', 'counts');
    var add = function (cls, value, label) {
      if (value) { var b = el('span', 'badge ' + cls, String(value)); b.title = label; box.appendChild(b); }
    };
    add('active', counts.active, 'active');
    add('completed', counts.completed, 'completed');
    add('incident', counts.incidents, 'incidents');
    add('sent', counts.sent, 'sent');
    var suppressed = counts.suppressed || {};
    Object.keys(suppressed).forEach(function (reason) {
      add('suppressed', suppressed[reason], 'suppressed: ' + reason);
    });
    add('suppressed', counts.deferred, 'deferred');
    add('failed', counts.failed, 'failed');
    return box;
  }

  function drawDiagram(container) {
    if (typeof BpmnJS === 'undefined') { container.textContent = 'The diagram viewer did not load.'; return; }
    var viewer = new BpmnJS({ container: container });
    fetch(container.dataset.bpmnUrl, { headers: { 'Accept': 'application/xml' } })
      .then(function (r) { if (!r.ok) { throw new Error('diagram: HTTP ' + r.status); } return r.text(); })
      .then(function (xml) { return viewer.importXML(xml); })
      .then(function () {
        var canvas = viewer.get('canvas');
        canvas.zoom('fit-viewport');
        var registry = viewer.get('elementRegistry');
        if (container.dataset.path) {
          container.dataset.path.split(',').forEach(function (id) {
            if (id && registry.get(id)) { canvas.addMarker(id, 'tp-path'); }
          });
        }
        if (container.dataset.countsUrl) {
          refreshCounts(viewer, container);
        }
        container.classList.add('rendered');
      })
      .catch(function (e) { container.textContent = 'The diagram could not be drawn: ' + e.message; });
  }

  function refreshCounts(viewer, container) {
    var overlays = viewer.get('overlays');
    var registry = viewer.get('elementRegistry');
    var load = function () {
      fetch(container.dataset.countsUrl, { headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (counts) {
          overlays.remove({ type: 'tp-counts' });
          Object.keys(counts).forEach(function (id) {
            if (registry.get(id)) {
              overlays.add(id, 'tp-counts', { position: { bottom: 12, left: -6 }, html: badges(counts[id]) });
            }
          });
        })
        .catch(function () { /* the next refresh tries again */ });
    };
    load();
    setInterval(load, 5000);
  }

  var COLOURS = ['#1f5fbf', '#17803d', '#b35900', '#b3261e', '#6b3fa0'];

  function drawChart(container) {
    if (typeof uPlot === 'undefined') { container.textContent = 'The chart library did not load.'; return; }
    var plot = null;
    var load = function () {
      fetch(container.dataset.seriesUrl, { headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) {
          if (!body || !body.t || body.t.length === 0) {
            if (!plot) { container.textContent = 'Nothing to show yet.'; }
            return;
          }
          var names = Object.keys(body).filter(function (k) { return k !== 't' && Array.isArray(body[k]); });
          var data = [body.t].concat(names.map(function (n) { return body[n]; }));
          if (!plot) {
            container.textContent = '';
            var series = [{}].concat(names.map(function (n, i) {
              return { label: n, stroke: COLOURS[i % COLOURS.length], width: 2 };
            }));
            plot = new uPlot({ width: Math.max(320, container.clientWidth - 8), height: 240, series: series,
                               axes: [{}, { label: container.dataset.axisLabel || 'per bucket' }] }, data, container);
            container.classList.add('rendered');
          } else {
            plot.setData(data);
          }
        })
        .catch(function () { /* the next refresh tries again */ });
    };
    load();
    setInterval(load, 2000);
  }

  function confirmations() {
    document.querySelectorAll('input[data-expected]').forEach(function (input) {
      var button = input.form.querySelector('button[type=submit]');
      var check = function () { button.disabled = input.value.trim() !== input.dataset.expected; };
      input.addEventListener('input', check);
      check();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-bpmn-url]').forEach(drawDiagram);
    document.querySelectorAll('[data-series-url]').forEach(drawChart);
    confirmations();
  });
})();
