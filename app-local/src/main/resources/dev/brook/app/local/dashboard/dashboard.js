// Polls the JSON endpoints and draws the page. Self-contained: no libraries, nothing from the network.
(function () {
  'use strict';
  var COLORS = { produced: '#1f77b4', consumed: '#e6550d' };
  var numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

  function text(id, value) { document.getElementById(id).textContent = value; }
  function count(n) { return numberFormat.format(n); }

  function getJson(path) {
    return fetch(path, { cache: 'no-store' }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.error || ('HTTP ' + response.status)); }
        return body;
      });
    });
  }

  function showStatus(s) {
    text('produced-rate', count(s.produced_per_second));
    text('consumed-rate', count(s.consumed_per_second));
    text('produced-total', count(s.produced) + ' in total');
    text('consumed-total', count(s.consumed) + ' in total');
    text('aggregates-written', count(s.aggregates_written));
    text('backlog', count(s.backlog));
    text('checkpoint-age', s.last_checkpoint_age_ms === null ? 'none yet' : (s.last_checkpoint_age_ms / 1000).toFixed(1) + ' s ago');
    text('late', count(s.late));
    text('malformed', count(s.malformed));
    text('connection', 'live · updated ' + new Date(s.at).toLocaleTimeString());
  }

  // A step above the maximum that gives round axis labels.
  function niceCeiling(value) {
    if (value <= 0) { return 1; }
    var magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * magnitude >= value) { return steps[i] * magnitude; }
    }
    return 10 * magnitude;
  }

  function drawChart(samples) {
    var canvas = document.getElementById('throughput');
    var ctx = canvas.getContext('2d');
    var w = canvas.width, h = canvas.height, left = 70, right = 10, top = 10, bottom = 28;
    ctx.clearRect(0, 0, w, h);
    canvas.setAttribute('data-points', String(samples.length));
    var max = 0;
    samples.forEach(function (s) { max = Math.max(max, s.produced_per_second, s.consumed_per_second); });
    var yMax = niceCeiling(max);
    var t0 = samples.length ? samples[0].at : 0, t1 = samples.length ? samples[samples.length - 1].at : 1;
    var span = Math.max(1, t1 - t0);
    function x(t) { return left + (w - left - right) * (t - t0) / span; }
    function y(v) { return top + (h - top - bottom) * (1 - v / yMax); }

    ctx.strokeStyle = '#e4e4e4'; ctx.fillStyle = '#555'; ctx.font = '11px sans-serif'; ctx.lineWidth = 1;
    for (var g = 0; g <= 4; g++) {
      var v = yMax * g / 4, gy = Math.round(y(v)) + 0.5;
      ctx.beginPath(); ctx.moveTo(left, gy); ctx.lineTo(w - right, gy); ctx.stroke();
      ctx.textAlign = 'right'; ctx.fillText(count(v), left - 6, gy + 4);
    }
    ctx.textAlign = 'left';
    ctx.fillText(samples.length ? new Date(t0).toLocaleTimeString() : '', left, h - 8);
    ctx.textAlign = 'right';
    ctx.fillText(samples.length ? new Date(t1).toLocaleTimeString() : 'waiting for data…', w - right, h - 8);

    ['produced', 'consumed'].forEach(function (series) {
      if (samples.length < 1) { return; }
      ctx.strokeStyle = COLORS[series]; ctx.lineWidth = 2; ctx.beginPath();
      samples.forEach(function (s, i) {
        var px = x(s.at), py = y(s[series + '_per_second']);
        if (i === 0) { ctx.moveTo(px, py); } else { ctx.lineTo(px, py); }
      });
      ctx.stroke();
    });
  }

  function cell(row, value, numeric) {
    var td = document.createElement('td');
    td.textContent = value;
    if (numeric) { td.className = 'number'; }
    row.appendChild(td);
  }

  function showAggregates(body) {
    document.getElementById('aggregates-error').hidden = true;
    text('stored-windows', '(' + count(body.stored_windows) + ' stored)');
    var tbody = document.querySelector('#aggregates tbody');
    var rows = document.createDocumentFragment();
    body.rows.forEach(function (a) {
      var tr = document.createElement('tr');
      tr.className = 'aggregate';
      cell(tr, a.window_start.replace('T', ' ').replace('Z', ''));
      cell(tr, a.source_id);
      cell(tr, a.site_id);
      cell(tr, a.event_type);
      cell(tr, count(a.event_count), true);
      cell(tr, a.temperature_min.toFixed(2) + ' / ' + a.temperature_avg.toFixed(2) + ' / ' + a.temperature_max.toFixed(2), true);
      cell(tr, a.humidity_avg.toFixed(1), true);
      cell(tr, a.battery_level_avg.toFixed(1), true);
      cell(tr, count(a.status_error), true);
      rows.appendChild(tr);
    });
    tbody.replaceChildren(rows);
  }

  function showAggregatesError(error) {
    var p = document.getElementById('aggregates-error');
    p.textContent = error.message;
    p.hidden = false;
  }

  function refreshFast() {
    getJson('/api/status').then(showStatus).catch(function (e) { text('connection', 'not connected: ' + e.message); });
    getJson('/api/throughput').then(function (b) { drawChart(b.samples); }).catch(function () {});
  }

  function refreshAggregates() {
    getJson('/api/aggregates?limit=20').then(showAggregates).catch(showAggregatesError);
  }

  refreshFast();
  refreshAggregates();
  setInterval(refreshFast, 1000);
  setInterval(refreshAggregates, 2000);
})();
