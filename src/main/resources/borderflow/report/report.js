// Borderflow report: builds every table and ECharts chart of the page from the JSON that ReportPage embeds in
// #report-data. Charts use the SVG renderer and no animation, so a headless browser's DOM holds the drawn chart as
// soon as the script has run. After rendering, #chart-figures holds the figures each chart was given (read back
// from ECharts itself) and every chart element says whether it drew: the report test compares both with the tables.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = {};
  var fmt = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
  var fmt3 = new Intl.NumberFormat('en-US', {maximumFractionDigits: 3});
  var SEVERITIES = ['error', 'warning', 'info'];
  var SEVERITY_COLOURS = {error: '#c0392b', warning: '#e67e22', info: '#7f8c8d'};

  function val(v) { return v === undefined ? null : v; }
  function number(v, digits) {
    if (v === undefined || v === null) { return 'n/a'; }
    return digits ? fmt3.format(v) : fmt.format(v);
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function section(id, title, note) {
    var s = el('section', {id: 'section-' + id});
    s.appendChild(el('h2', {}, title));
    if (note) { s.appendChild(el('p', {'class': 'note'}, note)); }
    document.getElementById('content').appendChild(s);
    return s;
  }

  // A table whose numeric cells carry their exact value and where it came from: data-field="table.column" and
  // data-key (the row's identity), so a test can compare what is shown with the published table.
  function table(parent, table, columns, rows, keyOf) {
    var t = el('table', {'data-table': table});
    var head = el('tr');
    columns.forEach(function (c) { head.appendChild(el('th', {}, c.label)); });
    t.appendChild(head);
    rows.forEach(function (r) {
      var tr = el('tr', {'data-key': keyOf(r)});
      columns.forEach(function (c) {
        var v = val(r[c.field]);
        var td;
        if (c.numeric) {
          td = el('td', {'class': 'num', 'data-field': table + '.' + c.field, 'data-value': v === null ? '' : String(v)},
            number(v, c.digits));
        } else {
          td = el('td', {}, v === null ? '' : String(v));
        }
        if (c.severity) { td.className = 'sev-' + v; }
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    parent.appendChild(t);
    return t;
  }

  function chart(parent, id, title, option, height) {
    var box = el('div', {'class': 'chart', id: id, 'data-title': title, style: 'height:' + (height || 320) + 'px'});
    parent.appendChild(box);
    var c = echarts.init(box, null, {renderer: 'svg'});
    option.animation = false;
    option.title = {text: title, left: 'center', textStyle: {fontSize: 14}};
    option.tooltip = option.tooltip || {trigger: 'axis'};
    option.legend = option.legend || {top: 24};
    option.grid = option.grid || {top: 64, left: 70, right: 70, bottom: 40};
    c.setOption(option);
    charts[id] = c;
    return c;
  }

  function windowArea(event) {
    return {silent: true, itemStyle: {color: 'rgba(192, 57, 43, 0.12)'},
      label: {show: true, position: 'insideTop', color: '#c0392b', formatter: 'event window'},
      data: [[{xAxis: event.window_first_week}, {xAxis: event.window_last_week}]]};
  }

  function headline(run) {
    var s = section('headline', 'Headline', 'Run ' + run.run_id + ' (' + run.status + '), as of ' + run.as_of
      + ', finished ' + run.ended_at + '. Code ' + run.code_version + ', Spark ' + run.spark_version + ' on '
      + run.spark_master + '.');
    (run.estimates || []).forEach(function (e) {
      var p = el('p', {'class': 'headline', 'data-event': e.event_id});
      p.appendChild(document.createTextNode(e.event_id + ' (' + e.origin + ', ' + e.window_start + ' to '
        + e.window_end + '): '));
      p.appendChild(el('strong', {'data-field': 'exodus_estimates.excess_net', 'data-key': e.event_id + '|ALL',
        'data-value': val(e.excess_net) === null ? '' : String(e.excess_net)}, number(e.excess_net)));
      p.appendChild(document.createTextNode(' left and stayed, interval '));
      p.appendChild(el('span', {'data-field': 'exodus_estimates.excess_net_low', 'data-key': e.event_id + '|ALL',
        'data-value': val(e.excess_net_low) === null ? '' : String(e.excess_net_low)}, number(e.excess_net_low)));
      p.appendChild(document.createTextNode(' to '));
      p.appendChild(el('span', {'data-field': 'exodus_estimates.excess_net_high', 'data-key': e.event_id + '|ALL',
        'data-value': val(e.excess_net_high) === null ? '' : String(e.excess_net_high)}, number(e.excess_net_high)));
      p.appendChild(document.createTextNode(' [' + e.method + ', all destinations]'));
      s.appendChild(p);
    });
  }

  function accounting(run) {
    var s = section('accounting', 'Accounting', 'Every row read is accepted, rejected or a duplicate; precedence '
      + 'sets some accepted daily rows aside (source_reconciliation).');
    table(s, 'manifest.sources', [
      {label: 'source', field: 'source'}, {label: 'kind', field: 'kind'},
      {label: 'files', field: 'files', numeric: true}, {label: 'read', field: 'read', numeric: true},
      {label: 'accepted', field: 'accepted', numeric: true}, {label: 'rejected', field: 'rejected', numeric: true},
      {label: 'duplicates', field: 'duplicates', numeric: true},
      {label: 'set aside (crossings)', field: 'set_aside_crossings', numeric: true}],
      run.sources || [], function (r) { return r.source; });
    var tables = Object.keys(run.tables || {}).map(function (t) { return {table: t, rows: run.tables[t].rows}; });
    table(s, 'manifest.tables', [{label: 'table', field: 'table'}, {label: 'rows', field: 'rows', numeric: true}],
      tables, function (r) { return r.table; });
  }

  function weekly(event) {
    var s = section('weekly-' + event.event_id, 'Weekly crossings of ' + event.origin + ' citizens, ' + event.event_id,
      'Entries and exits per ISO week (bars) and net = entries - exits (line), from net_remaining_weekly; the '
      + 'event window is shaded. Weeks with fewer than 7 days reported are marked "partial" in the tooltip.');
    var grid = el('div', {'class': 'grid'});
    s.appendChild(grid);
    event.destinations.forEach(function (d) {
      var rows = data.weekly.filter(function (r) { return r.event_id === event.event_id && r.reporting_country === d; });
      var labels = rows.map(function (r) { return r.week_label + (r.complete ? '' : ' (partial)'); });
      var weeksOnAxis = rows.map(function (r) { return r.week_label; });
      chart(grid, 'weekly-' + event.event_id + '-' + d, d + ': weekly entries, exits and net', {
        xAxis: {type: 'category', data: weeksOnAxis, axisLabel: {rotate: 45, fontSize: 9}},
        yAxis: {type: 'value', name: 'crossings'},
        tooltip: {trigger: 'axis', formatter: function (ps) {
          return labels[ps[0].dataIndex] + '<br>' + ps.map(function (p) {
            return p.seriesName + ': ' + number(p.value);
          }).join('<br>');
        }},
        series: [
          {name: 'entries', type: 'bar', data: rows.map(function (r) { return val(r.entries); }),
            itemStyle: {color: '#2e86c1'}, markArea: windowArea(event)},
          {name: 'exits', type: 'bar', data: rows.map(function (r) { return val(r.exits); }),
            itemStyle: {color: '#a9cce3'}},
          {name: 'net', type: 'line', data: rows.map(function (r) { return val(r.net); }),
            itemStyle: {color: '#1e8449'}, lineStyle: {width: 2}}
        ]
      });
    });
    var weeks = [];
    data.weekly.filter(function (r) { return r.event_id === event.event_id; }).forEach(function (r) {
      if (weeks.indexOf(r.week_label) < 0) { weeks.push(r.week_label); }
    });
    weeks.sort();
    chart(s, 'cumulative-' + event.event_id, 'Cumulative net of ' + event.origin + ' citizens per destination', {
      xAxis: {type: 'category', data: weeks, axisLabel: {rotate: 45, fontSize: 9}},
      yAxis: {type: 'value', name: 'cumulative net'},
      legend: {top: 24, type: 'scroll'},
      series: event.destinations.map(function (d, i) {
        var byWeek = {};
        data.weekly.forEach(function (r) {
          if (r.event_id === event.event_id && r.reporting_country === d) { byWeek[r.week_label] = r.cumulative_net; }
        });
        var series = {name: d, type: 'line', data: weeks.map(function (w) { return val(byWeek[w]); })};
        if (i === 0) { series.markArea = windowArea(event); }
        return series;
      })
    }, 380);
  }

  // Bars of excess_net per destination with the interval drawn as error bars by an ECharts custom series.
  function estimateChart(parent, id, title, rows) {
    var destinations = rows.map(function (r) { return r.destination; });
    chart(parent, id, title, {
      xAxis: {type: 'category', data: destinations},
      yAxis: {type: 'value', name: 'excess net'},
      series: [
        {name: 'excess_net', type: 'bar', data: rows.map(function (r) { return val(r.excess_net); }),
          itemStyle: {color: '#8e44ad'}},
        {name: 'interval', type: 'custom', itemStyle: {color: '#333'},
          data: rows.map(function (r, i) { return [i, val(r.excess_net_low), val(r.excess_net_high)]; }),
          encode: {x: 0, y: [1, 2]},
          renderItem: function (params, api) {
            if (isNaN(api.value(1)) || isNaN(api.value(2))) { return null; }
            var low = api.coord([api.value(0), api.value(1)]);
            var high = api.coord([api.value(0), api.value(2)]);
            var w = api.size([1, 0])[0] * 0.15;
            var style = {stroke: '#333', lineWidth: 1.5};
            return {type: 'group', children: [
              {type: 'line', shape: {x1: low[0], y1: low[1], x2: high[0], y2: high[1]}, style: style},
              {type: 'line', shape: {x1: low[0] - w, y1: low[1], x2: low[0] + w, y2: low[1]}, style: style},
              {type: 'line', shape: {x1: high[0] - w, y1: high[1], x2: high[0] + w, y2: high[1]}, style: style}]};
          }, z: 10}
      ]
    });
  }

  function estimates(event) {
    var s = section('estimates-' + event.event_id, 'Estimates: ' + event.event_id,
      'excess_net (left and stayed beyond the baseline) per destination with its interval, from exodus_estimates'
      + (data.sensitivity ? ' and, per baseline method, exodus_sensitivity.' : '. exodus_sensitivity is not '
      + 'published in this output, so only the primary baseline is shown.'));
    var rows = data.estimates.filter(function (r) {
      return r.event_id === event.event_id && r.destination !== 'ALL' && r.method !== 'no_data';
    });
    estimateChart(s, 'estimates-' + event.event_id, 'Excess net per destination (primary baseline)', rows);
    if (data.sensitivity) {
      var methods = [];
      data.sensitivity.forEach(function (r) {
        if (r.event_id === event.event_id && methods.indexOf(r.baseline_method) < 0) { methods.push(r.baseline_method); }
      });
      var grid = el('div', {'class': 'grid'});
      s.appendChild(grid);
      methods.forEach(function (m) {
        estimateChart(grid, 'sensitivity-' + event.event_id + '-' + m, 'Baseline method: ' + m,
          data.sensitivity.filter(function (r) {
            return r.event_id === event.event_id && r.baseline_method === m && r.destination !== 'ALL'
              && r.method !== 'no_data';
          }));
      });
    }
    table(s, 'exodus_estimates', [
      {label: 'destination', field: 'destination'}, {label: 'method', field: 'method'},
      {label: 'entries', field: 'entries', numeric: true}, {label: 'exits', field: 'exits', numeric: true},
      {label: 'net', field: 'net', numeric: true}, {label: 'baseline net', field: 'baseline_net', numeric: true},
      {label: 'excess net', field: 'excess_net', numeric: true},
      {label: 'low', field: 'excess_net_low', numeric: true}, {label: 'high', field: 'excess_net_high', numeric: true},
      {label: 'entries uplift', field: 'entries_uplift', numeric: true, digits: 3}],
      data.estimates.filter(function (r) { return r.event_id === event.event_id; }),
      function (r) { return r.event_id + '|' + r.destination; });
  }

  function reconciliation() {
    var s = section('reconciliation', 'Source reconciliation',
      'Where precedence counted one source and set another aside for the same country, day and citizenship: '
      + 'crossings of both (lines) and the difference, set aside minus counted (bars, right axis), from '
      + 'source_reconciliation, all citizenships.');
    if (data.reconciliation.length === 0) {
      s.appendChild(el('p', {'class': 'empty'}, 'No source was set aside in this output.'));
      return;
    }
    var pairs = [];
    data.reconciliation.forEach(function (r) {
      var key = r.reporting_country + '|' + r.counted_source + '|' + r.set_aside_source;
      if (pairs.indexOf(key) < 0) { pairs.push(key); }
    });
    pairs.forEach(function (key) {
      var parts = key.split('|');
      var rows = data.reconciliation.filter(function (r) {
        return r.reporting_country === parts[0] && r.counted_source === parts[1] && r.set_aside_source === parts[2];
      });
      var dates = [];
      rows.forEach(function (r) { if (dates.indexOf(r.date) < 0) { dates.push(r.date); } });
      dates.sort();
      var series = [];
      ['ENTRY', 'EXIT'].forEach(function (direction) {
        var byDate = {};
        rows.forEach(function (r) { if (r.direction === direction) { byDate[r.date] = r; } });
        function pick(f) { return dates.map(function (d) { return byDate[d] ? val(byDate[d][f]) : null; }); }
        series.push({name: parts[1] + ' ' + direction, type: 'line', data: pick('counted_crossings')});
        series.push({name: parts[2] + ' ' + direction, type: 'line', lineStyle: {type: 'dashed'},
          data: pick('set_aside_crossings')});
        series.push({name: 'difference ' + direction, type: 'bar', yAxisIndex: 1, data: pick('difference')});
      });
      chart(s, 'reconciliation-' + parts.join('-'), parts[0] + ': ' + parts[1] + ' (counted) against ' + parts[2]
        + ' (set aside)', {
        xAxis: {type: 'category', data: dates, axisLabel: {rotate: 45, fontSize: 9}},
        yAxis: [{type: 'value', name: 'crossings'}, {type: 'value', name: 'difference'}],
        legend: {top: 24, type: 'scroll'},
        series: series
      }, 360);
    });
  }

  function cohorts() {
    var s = section('cohorts', 'Cohort survival',
      'Share of each cohort still present at each horizon (Kaplan-Meier, with its interval dashed), event cohort '
      + 'against baseline cohort, from exodus_cohorts. Null where withheld by disclosure control or beyond the data.');
    var keys = [];
    data.cohorts.forEach(function (r) {
      var k = r.event_id + '|' + r.destination + '|' + r.source;
      if (keys.indexOf(k) < 0) { keys.push(k); }
    });
    if (keys.length === 0) {
      s.appendChild(el('p', {'class': 'empty'}, 'No cohort in this output (no event source for a destination).'));
      return;
    }
    var grid = el('div', {'class': 'grid'});
    s.appendChild(grid);
    keys.forEach(function (k) {
      var p = k.split('|');
      var rows = data.cohorts.filter(function (r) {
        return r.event_id === p[0] && r.destination === p[1] && r.source === p[2];
      }).sort(function (a, b) { return a.horizon_days - b.horizon_days; });
      // Horizons without a share (withheld, or beyond the data) are left out, so that no step runs across them.
      function points(f) {
        return rows.filter(function (r) { return val(r[f]) !== null; }).map(function (r) {
          return [r.horizon_days, r[f]];
        });
      }
      chart(grid, 'cohort-' + p.join('-'), p[1] + ' (' + p[2] + '): share still present, ' + p[0], {
        xAxis: {type: 'value', name: 'days after entry', min: 0},
        yAxis: {type: 'value', name: 'share present', min: 0, max: 1},
        legend: {top: 24, type: 'scroll'},
        series: [
          {name: 'event cohort', type: 'line', step: 'end', data: points('km_share_present'), itemStyle: {color: '#c0392b'}},
          {name: 'event low', type: 'line', step: 'end', data: points('km_share_low'), symbol: 'none',
            lineStyle: {type: 'dashed', width: 1}, itemStyle: {color: '#c0392b'}},
          {name: 'event high', type: 'line', step: 'end', data: points('km_share_high'), symbol: 'none',
            lineStyle: {type: 'dashed', width: 1}, itemStyle: {color: '#c0392b'}},
          {name: 'baseline cohort', type: 'line', step: 'end', data: points('baseline_km_share_present'),
            itemStyle: {color: '#2e86c1'}},
          {name: 'baseline low', type: 'line', step: 'end', data: points('baseline_km_share_low'), symbol: 'none',
            lineStyle: {type: 'dashed', width: 1}, itemStyle: {color: '#2e86c1'}},
          {name: 'baseline high', type: 'line', step: 'end', data: points('baseline_km_share_high'), symbol: 'none',
            lineStyle: {type: 'dashed', width: 1}, itemStyle: {color: '#2e86c1'}}
        ]
      });
    });
    table(s, 'exodus_cohorts', [
      {label: 'destination', field: 'destination'}, {label: 'source', field: 'source'},
      {label: 'horizon (days)', field: 'horizon_days', numeric: true},
      {label: 'cohort size', field: 'cohort_size', numeric: true},
      {label: 'still present', field: 'still_present', numeric: true},
      {label: 'KM share', field: 'km_share_present', numeric: true, digits: 3},
      {label: 'baseline KM share', field: 'baseline_km_share_present', numeric: true, digits: 3},
      {label: 'excess stayers', field: 'excess_stayers', numeric: true}],
      data.cohorts, function (r) { return r.event_id + '|' + r.destination + '|' + r.source + '|' + r.horizon_days; });
  }

  function quality() {
    var summary = (data.run.quality_checks || {});
    var s = section('quality', 'Data-quality findings',
      'Checks over the published series (quality_checks): ' + (data.quality_counts.length === 0 ? 'no finding.'
        : 'findings per check and severity.') + ' fail-on for this run: ' + (summary.fail_on || 'n/a') + '.');
    var checks = data.quality_checks_known;
    chart(s, 'quality-counts', 'Findings per check', {
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      grid: {top: 64, left: 190, right: 40, bottom: 30},
      xAxis: {type: 'value', minInterval: 1},
      yAxis: {type: 'category', data: checks},
      series: SEVERITIES.map(function (sev) {
        return {name: sev, type: 'bar', stack: 'findings', itemStyle: {color: SEVERITY_COLOURS[sev]},
          data: checks.map(function (c) {
            var n = 0;
            data.quality_counts.forEach(function (q) { if (q.check === c && q.severity === sev) { n = q.findings; } });
            return n;
          })};
      })
    }, 300);
    if (data.quality.length > 0) {
      table(s, 'quality_checks', [
        {label: 'severity', field: 'severity', severity: true}, {label: 'check', field: 'check'},
        {label: 'country', field: 'reporting_country'}, {label: 'citizenship', field: 'citizenship'},
        {label: 'source', field: 'source'}, {label: 'from', field: 'period_start'}, {label: 'to', field: 'period_end'},
        {label: 'value', field: 'value', numeric: true, digits: 3},
        {label: 'threshold', field: 'threshold', numeric: true, digits: 3}, {label: 'message', field: 'message'}],
        data.quality, function (r, i) { return r.check + '|' + r.reporting_country + '|' + r.period_start; });
      if (data.quality_listed < data.quality_total) {
        s.appendChild(el('p', {'class': 'note'}, 'The first ' + data.quality_listed + ' of ' + data.quality_total
          + ' findings are listed; quality_checks holds them all.'));
      }
    }
  }

  headline(data.run);
  data.events.forEach(function (e) { weekly(e); estimates(e); });
  reconciliation();
  cohorts();
  quality();
  accounting(data.run);

  // What each chart holds, read back from ECharts, and whether it drew: for tests and for anyone auditing the page.
  var figures = {};
  Object.keys(charts).forEach(function (id) {
    var option = charts[id].getOption();
    var box = document.getElementById(id);
    var drawn = box.querySelector('svg') !== null && box.querySelectorAll('svg path, svg rect, svg text').length > 0;
    box.setAttribute('data-rendered', String(drawn));
    figures[id] = {
      title: box.getAttribute('data-title'),
      categories: option.xAxis && option.xAxis[0] && option.xAxis[0].data ? option.xAxis[0].data
        : (option.yAxis && option.yAxis[0] && option.yAxis[0].data ? option.yAxis[0].data : null),
      series: option.series.map(function (s) { return {name: s.name, type: s.type, data: s.data}; })
    };
  });
  document.getElementById('chart-figures').textContent = JSON.stringify(figures);
  document.body.setAttribute('data-charts', String(Object.keys(charts).length));
  document.body.setAttribute('data-report-ready', 'true');
}());
