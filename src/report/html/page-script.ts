/**
 * The report page's script, inlined into the page. Plain browser JavaScript, no framework. It
 * reads the view model (`view-model.ts`) from the page's JSON data element and builds every
 * element with `textContent`, never HTML strings: template values are untrusted.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('iamgate-data').textContent);
  var app = document.getElementById('app');
  var panel = document.getElementById('panel');

  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === undefined || value === null || value === false) return;
        if (key === 'text') node.textContent = value;
        else if (key === 'className') node.className = value;
        else if (key === 'onclick') node.addEventListener('click', value);
        else if (key === 'oninput') node.addEventListener('input', value);
        else if (key === 'onchange') node.addEventListener('change', value);
        else node.setAttribute(key, value === true ? '' : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === undefined || child === null || child === false) return;
      node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }
  function levelClass(level) { return 'lvl-' + String(level).toLowerCase().replace(/ /g, '-'); }
  function isSafeUrl(url) { return typeof url === 'string' && /^https?:\/\//i.test(url); }
  function link(url, text) {
    return isSafeUrl(url) ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: text }) : el('span', { text: text });
  }
  var PATHS = {
    'same-account': 'this account',
    'cross-account': 'another AWS account',
    organization: 'accounts of an organization',
    network: 'anyone on a named network',
    public: 'anyone (public)',
    'aws-service': 'an AWS service',
    federated: 'federated identities'
  };
  var REASONS = {
    'explicit-deny': 'an explicit Deny',
    'permissions-boundary': 'the permissions boundary',
    'trust-policy': 'the trust policy, which does not admit it',
    'key-policy': 'the key policy, which does not admit it'
  };
  var MARK_LABELS = { public: 'public', 'cross-account': 'cross-account' };

  // ---- header and summary ------------------------------------------------------------------
  var verdict = document.getElementById('verdict');
  verdict.textContent = data.verdict.status.toUpperCase();
  verdict.className = 'verdict ' + data.verdict.status;
  document.getElementById('tool').textContent = data.tool;

  function card(key, value, label, extra) {
    return el('div', { className: 'card' + (extra ? ' ' + extra : ''), 'data-count': key }, [
      el('div', { className: 'value', text: String(value) }),
      el('div', { className: 'label', text: label })
    ]);
  }

  function verdictText() {
    var s = data.summary;
    var failOn = data.verdict.failOn === 'none' ? 'never fails on findings' : 'fails on ' + data.verdict.failOn + (data.verdict.failOn === 'error' ? '' : ' and above');
    if (data.verdict.status === 'error') return 'Some inputs could not be read or analyzed (' + plural(s.errors, 'error', 'errors') + '): the gate fails.';
    var active = s.findings.error + s.findings.warning + s.findings.info;
    var head = data.verdict.status === 'pass' ? 'The gate passes' : 'The gate fails';
    return head + ': ' + plural(active, 'finding', 'findings') + ' in ' + plural(s.templates, 'template', 'templates') + ' (' + failOn + ').';
  }

  function summarySection() {
    var s = data.summary;
    var cards = [
      card('templates', s.templates, 'Templates'),
      card('principals', s.principals, 'Principals'),
      card('resources', s.resources, 'Resources reached'),
      card('policies', s.policies, 'Policies'),
      card('statements', s.statements, 'Statements'),
      card('findings-error', s.findings.error, 'Error findings', 'sev-error'),
      card('findings-warning', s.findings.warning, 'Warning findings', 'sev-warning'),
      card('findings-info', s.findings.info, 'Info findings', 'sev-info'),
      card('suppressed', s.suppressed, 'Suppressed findings'),
      card('public-edges', s.publicEdges, 'Public access', 'mark-public'),
      card('cross-account-edges', s.crossAccountEdges, 'Cross-account access', 'mark-cross')
    ];
    if (s.errors > 0) cards.push(card('errors', s.errors, 'Unreadable inputs', 'sev-error'));
    var rules = el('table', { className: 'list' }, [
      el('thead', null, [el('tr', null, [el('th', { text: 'Rule' }), el('th', { text: 'Title' }), el('th', { className: 'num', text: 'Errors' }), el('th', { className: 'num', text: 'Warnings' }), el('th', { className: 'num', text: 'Info' }), el('th', { className: 'num', text: 'Suppressed' })])]),
      el('tbody', null, data.rules.map(function (r) {
        return el('tr', { 'data-rule': r.id }, [
          el('td', null, [link(r.docsUrl, r.id)]),
          el('td', { text: r.title }),
          el('td', { className: 'num', text: String(r.counts.error) }),
          el('td', { className: 'num', text: String(r.counts.warning) }),
          el('td', { className: 'num', text: String(r.counts.info) }),
          el('td', { className: 'num', text: String(r.suppressed) })
        ]);
      }))
    ]);
    return el('section', { className: 'block', id: 'summary' }, [
      el('h2', { text: 'Summary' }),
      el('p', { className: 'verdict-line', id: 'verdict-text', text: verdictText() }),
      el('div', { className: 'cards' }, cards),
      data.rules.length > 0 ? el('h3', { text: 'Findings by rule' }) : null,
      data.rules.length > 0 ? rules : null
    ]);
  }

  // ---- detail panel --------------------------------------------------------------------------
  function refList(refs) {
    return el('ul', { className: 'refs' }, refs.map(function (r) {
      var statement = 'statement ' + r.statementIndex + (r.sid ? ' "' + r.sid + '"' : '');
      return el('li', null, [
        el('code', { text: r.file + ':' + r.line }), ' ',
        el('span', { className: r.effect === 'Deny' ? 'denied' : '', text: r.effect }), ' ',
        el('span', { className: 'muted', text: statement + ' of ' + r.policy + ' in ' + r.logicalId }),
        r.when ? el('span', { className: 'tag', text: r.when }) : null
      ]);
    }));
  }

  function actionsText(actions) {
    var shown = actions.slice(0, 14).join(', ');
    return actions.length > 14 ? shown + ', … (' + actions.length + ' in all)' : shown;
  }

  function accessDetail(group, cell) {
    var detail = group.details[cell.detail];
    var out = [];
    detail.allowed.forEach(function (level) {
      out.push(el('div', { className: 'level-line' }, [
        el('span', { className: 'swatch ' + levelClass(level.level) }),
        el('b', { text: level.level }), ' ',
        el('span', { text: '(' + plural(level.actions.length, 'action', 'actions') + ')' }),
        level.conditional ? el('span', { className: 'tag', text: 'conditional' }) : null
      ]));
      out.push(el('div', { className: 'actions mono', text: actionsText(level.actions) }));
      out.push(refList(level.statements));
    });
    detail.denied.forEach(function (level) {
      out.push(el('div', { className: 'level-line denied' }, [
        el('span', { className: 'swatch lvl-none' }),
        el('b', { text: 'Denied: ' + level.level }), ' ',
        el('span', { text: '(' + plural(level.actions.length, 'action', 'actions') + ') by ' + REASONS[level.reason] })
      ]));
      out.push(el('div', { className: 'actions mono', text: actionsText(level.actions) }));
      if (level.denies.length > 0) { out.push(el('div', { className: 'muted', text: 'Denied at:' })); out.push(refList(level.denies)); }
      out.push(el('div', { className: 'muted', text: 'Granted at:' }));
      out.push(refList(level.statements));
    });
    detail.notes.forEach(function (note) { out.push(el('div', { className: 'note', text: note })); });
    return out;
  }

  function marksOf(marks) {
    return marks.map(function (m) { return el('span', { className: 'tag ' + m, text: MARK_LABELS[m] }); });
  }

  function openPanel(title, sub, content) {
    panel.textContent = '';
    panel.appendChild(el('button', { className: 'btn close', text: 'Close', onclick: closePanel }));
    panel.appendChild(el('h2', { text: title }));
    if (sub) panel.appendChild(el('div', { className: 'sub', text: sub }));
    content.forEach(function (node) { if (node) panel.appendChild(node); });
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function closePanel() { panel.hidden = true; clearSelection(); }
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape' && !panel.hidden) closePanel(); });

  function clearSelection() {
    Array.prototype.forEach.call(document.querySelectorAll('tr.selected'), function (row) { row.classList.remove('selected'); });
  }

  function principalName(p) {
    if (p.kind !== 'external') return p.id;
    if (p.shown !== '*') return p.shown;
    return p.path === 'public' ? 'Anyone (*)' : '* (' + PATHS[p.path] + ')';
  }

  function resourceName(resource) { return resource.logicalId + ' (' + resource.resourceType + ')'; }

  function showPrincipal(group, index) {
    var p = group.principals[index];
    var cells = group.cells.filter(function (c) { return c.principal === index; });
    var content = [];
    content.push(el('div', null, marksOf(p.marks)));
    if (p.line) content.push(el('div', { className: 'where' }, ['Defined at ', el('code', { text: group.file + ':' + p.line }), p.constructPath ? ' · ' + p.constructPath : '']));
    content.push(el('h3', { text: 'Access to resources of this stack' }));
    if (cells.length === 0) content.push(el('div', { className: 'muted', text: 'None: it reaches no resource defined in this stack.' }));
    cells.forEach(function (cell) {
      var resource = group.resources[cell.resource];
      content.push(el('div', { className: 'entry' }, [el('div', { className: 'title' }, [el('span', { text: resourceName(resource) })].concat(marksOf(cell.marks)))].concat(accessDetail(group, cell))));
    });
    if (p.canActAs.length > 0) {
      content.push(el('h3', { text: 'Can act as' }));
      p.canActAs.forEach(function (step) {
        content.push(el('div', { className: 'entry' }, [el('div', { className: 'title', text: step.shown }), refList(step.statements)]));
      });
    }
    if (p.policies.length > 0) {
      content.push(el('h3', { text: 'Policies that apply to it' }));
      p.policies.forEach(function (policy) {
        content.push(el('div', { className: 'entry' }, [
          el('div', { className: 'title' }, [el('span', { text: policy.shown }), el('code', { className: 'muted', text: group.file + ':' + policy.line })]),
          el('ul', { className: 'refs' }, policy.statements.map(function (s) { return el('li', { className: 'mono', text: s }); })),
          policy.omitted > 0 ? el('div', { className: 'muted', text: plural(policy.omitted, 'more statement', 'more statements') + ' not shown' }) : null
        ]));
      });
    }
    openPanel(p.kind === 'external' ? principalName(p) : p.shown, PATHS[p.path] + ' · ' + group.stack, content);
  }

  function showResource(group, index) {
    var resource = group.resources[index];
    var cells = group.cells.filter(function (c) { return c.resource === index; });
    var content = [el('h3', { text: 'Who can reach it' })];
    cells.forEach(function (cell) {
      var p = group.principals[cell.principal];
      content.push(el('div', { className: 'entry' }, [el('div', { className: 'title' }, [el('span', { text: p.kind === 'external' ? principalName(p) : p.shown }), el('span', { className: 'tag', text: PATHS[cell.path] })].concat(marksOf(cell.marks)))].concat(accessDetail(group, cell))));
    });
    openPanel(resourceName(resource), group.stack + ' · ' + group.file, content);
  }

  function showCell(group, cell) {
    var p = group.principals[cell.principal];
    var resource = group.resources[cell.resource];
    openPanel((p.kind === 'external' ? principalName(p) : p.shown) + ' → ' + resource.logicalId, resource.resourceType + ' · ' + PATHS[cell.path], [el('div', null, marksOf(cell.marks))].concat(accessDetail(group, cell)));
  }

  // ---- access map ------------------------------------------------------------------------------
  var groupViews = [];

  function matrix(group) {
    var byKey = {};
    group.cells.forEach(function (c) { byKey[c.principal + ':' + c.resource] = c; });
    var columns = group.resources.map(function () { return []; });
    var head = el('tr', null, [el('th', { className: 'corner', text: 'Principal \u2193  Resource \u2192' })].concat(group.resources.map(function (resource, r) {
      var th = el('th', null, [el('button', { className: 'col-head', title: resource.resourceType, onclick: function () { showResource(group, r); } }, [el('span', { className: 'id', text: resource.logicalId }), el('span', { className: 'type', text: resource.resourceType.replace(/^AWS::/, '') })])]);
      columns[r].push(th);
      return th;
    })));
    var rows = group.principals.map(function (p, i) {
      var tr = el('tr', { 'data-principal': p.shown });
      tr.appendChild(el('th', null, [el('button', { className: 'row-head', onclick: function () { clearSelection(); tr.classList.add('selected'); showPrincipal(group, i); } }, [
        el('span', { className: 'kind ' + p.badge, text: p.badge }),
        el('span', { className: 'principal-name', text: principalName(p), title: p.shown })
      ].concat(marksOf(p.marks)))]));
      group.resources.forEach(function (resource, r) {
        var cell = byKey[i + ':' + r];
        var td = el('td');
        if (cell) {
          var label = p.shown + ' → ' + resource.logicalId + ': ' + (cell.level === 'none' ? 'denied' : cell.level) + (cell.conditional ? ' (conditional)' : '') + (cell.marks.length ? ' [' + cell.marks.join(', ') + ']' : '');
          td.appendChild(el('button', {
            className: 'cell ' + levelClass(cell.level) + (cell.conditional ? ' conditional' : '') + cell.marks.map(function (m) { return ' mark-' + m; }).join(''),
            title: label, 'aria-label': label,
            onclick: function () { clearSelection(); tr.classList.add('selected'); showCell(group, cell); }
          }));
        }
        columns[r].push(td);
        tr.appendChild(td);
      });
      return { tr: tr, principal: p, index: i };
    });
    var table = el('table', { className: 'matrix' }, [el('thead', null, [head]), el('tbody', null, rows.map(function (r) { return r.tr; }))]);
    return { table: table, rows: rows, columns: columns };
  }

  function groupSection(group, collapsed) {
    var publicEdges = group.cells.filter(function (c) { return c.marks.indexOf('public') >= 0; }).length;
    var crossEdges = group.cells.filter(function (c) { return c.marks.indexOf('cross-account') >= 0; }).length;
    var section = el('div', { className: 'group' + (collapsed ? ' collapsed' : ''), 'data-stack': group.stack });
    var head = el('button', { className: 'group-head', 'aria-expanded': String(!collapsed), onclick: function () {
      section.classList.toggle('collapsed');
      head.setAttribute('aria-expanded', String(!section.classList.contains('collapsed')));
    } }, [
      el('span', { className: 'chev', text: '\u25BE' }),
      el('span', { className: 'name', text: group.stack }),
      el('span', { className: 'file', text: group.file }),
      publicEdges ? el('span', { className: 'tag public', text: plural(publicEdges, 'public edge', 'public edges') }) : null,
      crossEdges ? el('span', { className: 'tag cross-account', text: plural(crossEdges, 'cross-account edge', 'cross-account edges') }) : null,
      el('span', { className: 'stats', text: plural(group.principals.length, 'principal', 'principals') + ' · ' + plural(group.resources.length, 'resource', 'resources') })
    ]);
    var body = el('div', { className: 'group-body' });
    var view = { group: group, section: section, rows: [], columns: [] };
    if (group.principals.length === 0) {
      var findings = data.findings.filter(function (f) { return f.file === group.file && !f.suppressed; }).length;
      body.appendChild(el('div', { className: 'empty', text: 'Nothing to map: this stack defines no role, user or group, and the access analysis found no principal that a resource policy lets in.' + (findings ? ' ' + plural(findings, 'finding', 'findings') + ' below are about this stack.' : '') }));
    } else {
      var m = matrix(group);
      view.rows = m.rows;
      view.columns = m.columns;
      body.appendChild(m.table);
      if (group.resources.length === 0) body.appendChild(el('div', { className: 'empty', text: 'No principal reaches a resource defined in this stack; click a principal for its policies.' }));
    }
    section.appendChild(head);
    section.appendChild(body);
    groupViews.push(view);
    return section;
  }

  function legend() {
    var items = data.levels.map(function (level) { return el('span', null, [el('span', { className: 'swatch ' + levelClass(level) }), level]); });
    items.push(el('span', null, [el('span', { className: 'swatch lvl-read conditional' }), 'conditional']));
    items.push(el('span', null, [el('span', { className: 'swatch lvl-none' }), 'denied']));
    items.push(el('span', null, [el('span', { className: 'swatch blank mark-public' }), 'public']));
    items.push(el('span', null, [el('span', { className: 'swatch blank mark-cross-account' }), 'cross-account']));
    return el('div', { className: 'legend' }, [el('b', { text: 'Strongest access:' })].concat(items));
  }

  function applyAccessFilter(query, outsideOnly) {
    var q = query.trim().toLowerCase();
    var shownRows = 0;
    groupViews.forEach(function (view) {
      var group = view.group;
      var resourceMatch = group.resources.map(function (r) { return q === '' || (r.logicalId + ' ' + r.resourceType).toLowerCase().indexOf(q) >= 0; });
      var principalMatch = group.principals.map(function (p) { return q === '' || (p.shown + ' ' + (p.constructPath || '')).toLowerCase().indexOf(q) >= 0; });
      var rowVisible = group.principals.map(function (p, i) {
        if (outsideOnly && p.marks.length === 0) return false;
        if (q === '' || principalMatch[i]) return true;
        return group.cells.some(function (c) { return c.principal === i && resourceMatch[c.resource]; });
      });
      var columnVisible = group.resources.map(function (r, j) {
        if (q === '' && !outsideOnly) return true;
        return group.cells.some(function (c) {
          return c.resource === j && rowVisible[c.principal] && (principalMatch[c.principal] || resourceMatch[j]) && (!outsideOnly || c.marks.length > 0);
        });
      });
      view.rows.forEach(function (row) { row.tr.style.display = rowVisible[row.index] ? '' : 'none'; });
      view.columns.forEach(function (cells, j) { cells.forEach(function (node) { node.style.display = columnVisible[j] ? '' : 'none'; }); });
      var any = rowVisible.some(Boolean);
      shownRows += rowVisible.filter(Boolean).length;
      view.section.style.display = any || (q === '' && !outsideOnly) ? '' : 'none';
      if ((q !== '' || outsideOnly) && any) view.section.classList.remove('collapsed');
    });
    return shownRows;
  }

  function accessSection() {
    var section = el('section', { className: 'block', id: 'access' }, [el('h2', { text: 'Access map' })]);
    if (!data.accessCollected) {
      section.appendChild(el('p', { className: 'muted', text: 'Access was not collected for this report: run iamgate scan --format html.' }));
      return section;
    }
    section.appendChild(el('p', { className: 'muted', text: 'Each row is a principal (in-template roles, users and groups, and principals from outside that a policy lets in); each column an in-template resource it reaches. Click a principal, a resource or a cell for the statements behind it.' }));
    var total = data.groups.reduce(function (n, g) { return n + g.principals.length; }, 0);
    var count = el('span', { className: 'count', text: plural(total, 'principal', 'principals') });
    var search = el('input', { type: 'search', placeholder: 'Search principals and resources', 'aria-label': 'Search principals and resources', id: 'access-search' });
    var outside = el('input', { type: 'checkbox', id: 'outside-only' });
    function refresh() {
      var shown = applyAccessFilter(search.value, outside.checked);
      count.textContent = shown === total ? plural(total, 'principal', 'principals') : shown + ' of ' + plural(total, 'principal', 'principals');
    }
    search.addEventListener('input', refresh);
    outside.addEventListener('change', refresh);
    section.appendChild(el('div', { className: 'toolbar' }, [
      search,
      el('label', null, [outside, ' only public and cross-account access']),
      el('button', { className: 'btn', text: 'Expand all', onclick: function () { groupViews.forEach(function (v) { v.section.classList.remove('collapsed'); }); } }),
      el('button', { className: 'btn', text: 'Collapse all', onclick: function () { groupViews.forEach(function (v) { v.section.classList.add('collapsed'); }); } }),
      count
    ]));
    section.appendChild(legend());
    // Large scans start collapsed: a search or a click opens what is needed.
    var collapsed = data.groups.length > 1 && total > 60;
    data.groups.forEach(function (group) { section.appendChild(groupSection(group, collapsed)); });
    if (data.groups.length === 0) section.appendChild(el('p', { className: 'muted', text: 'No templates were analyzed.' }));
    return section;
  }

  // ---- findings ---------------------------------------------------------------------------------
  function options(values, all) {
    return [el('option', { value: '', text: all })].concat(values.map(function (v) { return el('option', { value: v, text: v }); }));
  }
  function unique(values) { return values.filter(function (v, i) { return values.indexOf(v) === i; }).sort(); }

  function findingsSection() {
    var section = el('section', { className: 'block', id: 'findings' }, [el('h2', { text: 'Findings' })]);
    if (data.findings.length === 0) {
      section.appendChild(el('p', { className: 'muted', text: 'No findings.' }));
      return section;
    }
    var severity = el('select', { 'aria-label': 'Severity', id: 'filter-severity' }, options(['error', 'warning', 'info'], 'All severities'));
    var rule = el('select', { 'aria-label': 'Rule', id: 'filter-rule' }, options(unique(data.findings.map(function (f) { return f.ruleId; })), 'All rules'));
    var stack = el('select', { 'aria-label': 'Stack', id: 'filter-stack' }, options(unique(data.findings.map(function (f) { return f.stack; })), 'All stacks'));
    var resource = el('input', { type: 'search', placeholder: 'Resource', 'aria-label': 'Resource', id: 'filter-resource' });
    var suppressed = el('input', { type: 'checkbox', id: 'filter-suppressed' });
    var count = el('span', { className: 'count' });
    var rows = data.findings.map(function (f) {
      var tr = el('tr', { className: f.suppressed ? 'suppressed' : '' }, [
        el('td', null, [el('span', { className: 'sev ' + f.severity, text: f.severity })]),
        el('td', null, [link(f.docsUrl, f.ruleId)]),
        el('td', { className: 'msg' }, [
          el('div', { text: f.message }),
          el('div', { className: 'fix' }, [el('b', { text: 'Fix: ' }), f.fix]),
          f.suppressed ? el('div', { className: 'note', text: 'Suppressed (' + f.suppressed.source + '): ' + f.suppressed.reason }) : null
        ]),
        el('td', null, [el('div', { text: f.logicalId }), el('div', { className: 'where', text: f.resourceType }), f.constructPath ? el('div', { className: 'where', text: f.constructPath }) : null]),
        el('td', null, [el('div', { text: f.stack }), el('code', { className: 'where', text: f.file + ':' + f.line + ':' + f.column })])
      ]);
      return { tr: tr, finding: f };
    });
    function refresh() {
      var q = resource.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var f = row.finding;
        var visible = (!severity.value || f.severity === severity.value) && (!rule.value || f.ruleId === rule.value) && (!stack.value || f.stack === stack.value) &&
          (!q || (f.logicalId + ' ' + f.resourceType + ' ' + (f.constructPath || '')).toLowerCase().indexOf(q) >= 0) && (suppressed.checked || !f.suppressed);
        row.tr.style.display = visible ? '' : 'none';
        if (visible) shown += 1;
      });
      count.textContent = 'Showing ' + shown + ' of ' + plural(rows.length, 'finding', 'findings');
    }
    [severity, rule, stack, suppressed].forEach(function (control) { control.addEventListener('change', refresh); });
    resource.addEventListener('input', refresh);
    section.appendChild(el('div', { className: 'toolbar' }, [severity, rule, stack, resource, el('label', null, [suppressed, ' show suppressed']), count]));
    section.appendChild(el('table', { className: 'list findings' }, [
      el('thead', null, [el('tr', null, ['Severity', 'Rule', 'Finding and fix', 'Resource', 'Where'].map(function (h) { return el('th', { text: h }); }))]),
      el('tbody', null, rows.map(function (r) { return r.tr; }))
    ]));
    refresh();
    return section;
  }

  function errorsSection() {
    if (data.errors.length === 0) return null;
    return el('section', { className: 'block', id: 'errors' }, [
      el('h2', { text: 'Inputs that could not be analyzed' }),
      el('ul', { className: 'errors' }, data.errors.map(function (e) { return el('li', null, [el('code', { text: e.file + ':' + e.line + ':' + e.column }), ' ', e.message]); }))
    ]);
  }

  app.textContent = '';
  [summarySection(), errorsSection(), accessSection(), findingsSection()].forEach(function (node) { if (node) app.appendChild(node); });
})();
`;
