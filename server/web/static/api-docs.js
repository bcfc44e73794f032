/* /docs/api: renders /docs/openapi.json for people: operations grouped by tag, each with its
   parameters, request and response schemas as nested tables, examples and error codes, and a
   filter box. Plain ES2017, no outside scripts (the pages' Content-Security-Policy). */
'use strict';

(function () {
  const { el } = window.CourtVoiceDom;
  const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'options'];
  const MAX_DEPTH = 6;  // nested schemas deeper than this are named, not expanded
  let doc = null;

  // Descriptions hold `code` spans (as in docs/api.md): shown as <code>, the rest as text.
  function prose(text) {
    return String(text || '').split('`').map((part, i) => (i % 2 ? el('code', { text: part }) : part));
  }

  // ---- $ref -------------------------------------------------------------------------------
  function resolve(node) {
    let seen = 0;
    while (node && typeof node === 'object' && typeof node.$ref === 'string' && seen < 20) {
      node = node.$ref.replace(/^#\//, '').split('/').reduce((at, key) => (at ? at[decodeURIComponent(key)] : undefined), doc);
      seen += 1;
    }
    return node || {};
  }
  const refName = (node) => (node && node.$ref ? node.$ref.split('/').pop() : '');

  // ---- schemas ------------------------------------------------------------------------------
  function typeLabel(schema) {
    if (!schema || typeof schema !== 'object') return 'any';
    if (schema.$ref) {
      const target = resolve(schema);
      return target.enum && !target.properties ? refName(schema) + ' (' + typeLabel(target) + ')' : refName(schema);
    }
    if ('const' in schema) return JSON.stringify(schema.const);
    if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
    const alternatives = schema.anyOf || schema.oneOf;
    if (alternatives) return alternatives.map(typeLabel).join(' | ');
    if (schema.allOf && !schema.type) return schema.allOf.map(typeLabel).join(' & ');
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    return types.map((t) => (t === 'array' ? 'array of ' + typeLabel(schema.items) : t)).join(' | ') || 'any';
  }

  function constraints(schema) {
    const parts = [];
    if (schema.pattern) parts.push('pattern ' + schema.pattern);
    if (schema.minimum !== undefined) parts.push('≥ ' + schema.minimum);
    if (schema.maximum !== undefined) parts.push('≤ ' + schema.maximum);
    if (schema.minLength !== undefined) parts.push('at least ' + schema.minLength + ' characters');
    if (schema.maxLength !== undefined) parts.push('at most ' + schema.maxLength + ' characters');
    if (schema.minItems !== undefined) parts.push('at least ' + schema.minItems + ' entries');
    if (schema.maxItems !== undefined) parts.push('at most ' + schema.maxItems + ' entries');
    if (schema.default !== undefined) parts.push('default ' + JSON.stringify(schema.default));
    if (schema.format) parts.push('format ' + schema.format);
    return parts.join('; ');
  }

  // The object whose properties a schema shows: itself, through $ref, array items or alternatives.
  function objectOf(schema, depth) {
    const s = resolve(schema);
    if (s.properties || s.additionalProperties && typeof s.additionalProperties === 'object') return s;
    if (s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'))) return s.items && depth < MAX_DEPTH ? objectOf(s.items, depth + 1) : null;
    for (const list of [s.allOf, s.anyOf, s.oneOf]) {
      if (!list) continue;
      for (const part of list) {
        const found = objectOf(part, depth + 1);
        if (found) return found;
      }
    }
    return null;
  }

  function schemaTable(schema, depth, seen) {
    const object = objectOf(schema, depth);
    if (!object || depth > MAX_DEPTH) return null;
    const name = refName(schema) || refName(resolve(schema).items || {});
    if (name && seen.includes(name)) return el('p', { class: 'note', text: '(' + name + ', as above)' });
    const nextSeen = name ? seen.concat(name) : seen;
    const required = new Set(object.required || []);
    const rows = [];
    for (const [key, raw] of Object.entries(object.properties || {})) {
      const sub = resolve(raw);
      const nested = schemaTable(raw, depth + 1, nextSeen);
      rows.push(el('tr', null,
        el('td', { class: 'schema-name' }, key, required.has(key) ? el('span', { class: 'required', title: 'required', text: ' *' }) : null),
        el('td', null, el('span', { class: 'type', text: typeLabel(raw) }),
          constraints(sub) ? el('div', { class: 'note', text: constraints(sub) }) : null,
          sub.description || raw.description ? el('div', null, prose(raw.description || sub.description)) : null,
          nested ? el('div', { class: 'nested' }, nested) : null)));
    }
    const extra = object.additionalProperties;
    if (extra && typeof extra === 'object') {
      rows.push(el('tr', null, el('td', { class: 'schema-name', text: '(any key)' }),
        el('td', null, el('span', { class: 'type', text: typeLabel(extra) }), schemaTable(extra, depth + 1, nextSeen))));
    }
    if (!rows.length) return null;
    return el('table', { class: 'schema' }, el('thead', null, el('tr', null, el('th', { text: 'field' }), el('th', { text: 'type and meaning' }))),
      el('tbody', null, rows));
  }

  function schemaBlock(schema) {
    const s = resolve(schema);
    return el('div', { class: 'schema-block' },
      el('p', null, el('span', { class: 'type', text: typeLabel(schema) }), s.description ? [' — ', prose(s.description)] : ''),
      schemaTable(schema, 0, []));
  }

  function examplesOf(content) {
    const out = [];
    if (content.example !== undefined) out.push(['example', content.example]);
    for (const [name, example] of Object.entries(content.examples || {})) out.push([name, resolve(example).value]);
    return out.map(([name, value]) => el('details', { class: 'example' }, el('summary', { text: name }),
      el('pre', { text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) })));
  }

  // Error codes a response lists: the enum on error.code of its schema.
  function errorCodes(schema) {
    const s = resolve(schema);
    const codes = s.properties && s.properties.error && s.properties.error.properties && s.properties.error.properties.code;
    return codes && codes.enum ? codes.enum : [];
  }

  // ---- operations ---------------------------------------------------------------------------
  function parameters(list) {
    const rows = list.map(resolve).map((p) => el('tr', null,
      el('td', { class: 'schema-name' }, p.name, p.required ? el('span', { class: 'required', title: 'required', text: ' *' }) : null),
      el('td', { text: p.in }),
      el('td', null, el('span', { class: 'type', text: typeLabel(p.schema) }),
        constraints(resolve(p.schema)) ? el('div', { class: 'note', text: constraints(resolve(p.schema)) }) : null),
      el('td', null, prose(p.description), p.example !== undefined ? el('div', { class: 'note' }, 'e.g. ', el('code', { text: Array.isArray(p.example) ? p.example.join(',') : String(p.example) })) : null)));
    return el('table', { class: 'parameters' },
      el('thead', null, el('tr', null, ['name', 'in', 'type', 'meaning'].map((h) => el('th', { text: h })))), el('tbody', null, rows));
  }

  function security(operation) {
    const list = operation.security || doc.security || [];
    if (!list.length) return 'Public: no credentials.';
    const ways = list.map((alternative) => Object.keys(alternative).map((key) => {
      const scheme = doc.components.securitySchemes[key] || {};
      return scheme.type === 'http' ? 'Authorization: Bearer (' + (scheme.bearerFormat || 'token') + ')' : (scheme.in + ' ' + scheme.name);
    }).join(' + '));
    return 'Credentials: ' + ways.join(', or ') + '.';
  }

  function responses(operation) {
    return Object.entries(operation.responses || {}).map(([status, raw]) => {
      const response = resolve(raw);
      const isError = Number(status) >= 400;
      const parts = [el('p', null, el('span', { class: 'status ' + (isError ? 'status-error' : 'status-ok'), text: status }), ' ', prose(response.description))];
      for (const [media, content] of Object.entries(response.content || {})) {
        const codes = isError ? errorCodes(content.schema) : [];
        if (codes.length) {
          parts.push(el('ul', { class: 'error-codes', 'aria-label': 'error codes' }, codes.map((code) => el('li', null, el('code', { class: 'error-code', text: code })))));
        } else if (content.schema) {
          parts.push(el('p', { class: 'note' }, el('code', { text: media })), schemaBlock(content.schema));
        } else {
          parts.push(el('p', { class: 'note' }, el('code', { text: media })));
        }
        parts.push(...examplesOf(content));
      }
      for (const [name, header] of Object.entries(response.headers || {})) {
        parts.push(el('p', { class: 'note' }, 'Header ', el('code', { text: name }), ': ', prose(resolve(header).description)));
      }
      return el('div', { class: 'response' }, parts);
    });
  }

  function operationId(method, path) {
    return 'op-' + method + '-' + path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  }

  function operationView(method, path, operation) {
    const body = [el('p', null, prose(operation.description)), el('p', { class: 'roles', text: security(operation) })];
    if (operation['x-roles']) body.push(el('p', { class: 'roles' }, 'Roles: ' + operation['x-roles'].join(', ') + '. ', prose(operation['x-roles-note'])));
    if ((operation.parameters || []).length) body.push(el('h4', { text: 'Parameters' }), parameters(operation.parameters));
    const request = resolve(operation.requestBody);
    for (const [media, content] of Object.entries(request.content || {})) {
      body.push(el('h4', { text: 'Request body (' + media + ')' }));
      if (request.description) body.push(el('p', null, prose(request.description)));
      if (content.schema) body.push(schemaBlock(content.schema));
      body.push(...examplesOf(content));
    }
    body.push(el('h4', { text: 'Responses' }), ...responses(operation));
    const codes = Object.values(operation.responses || {}).flatMap((r) => Object.values(resolve(r).content || {}).flatMap((c) => errorCodes(c.schema)));
    const search = [method, path, operation.summary, operation.description, (operation.tags || []).join(' '), codes.join(' ')].join(' ').toLowerCase();
    return el('details', { class: 'op', id: operationId(method, path), 'data-search': search },
      el('summary', null, el('span', { class: 'method method-' + method, text: method.toUpperCase() }), el('span', { class: 'op-path', text: path }),
        el('span', { class: 'op-summary', text: operation.summary || '' })),
      el('div', { class: 'op-body' }, body));
  }

  function render() {
    const main = document.getElementById('main');
    const byTag = new Map((doc.tags || []).map((t) => [t.name, { tag: t, ops: [] }]));
    for (const [path, item] of Object.entries(doc.paths || {})) {
      for (const method of METHODS) {
        if (!item[method]) continue;
        const tag = (item[method].tags || ['Other'])[0];
        if (!byTag.has(tag)) byTag.set(tag, { tag: { name: tag }, ops: [] });
        byTag.get(tag).ops.push([method, path, item[method]]);
      }
    }
    const total = Array.from(byTag.values()).reduce((n, g) => n + g.ops.length, 0);
    const filter = el('input', { type: 'search', id: 'api-filter', placeholder: 'Filter: a path, a method, a word or an error code', 'aria-label': 'Filter operations' });
    const count = el('span', { class: 'count', id: 'api-count', 'aria-live': 'polite', text: total + ' operations' });
    const sections = [];
    for (const { tag, ops } of byTag.values()) {
      if (!ops.length) continue;
      const id = 'tag-' + tag.name.replace(/[^A-Za-z0-9]+/g, '-');
      sections.push(el('section', { class: 'tag-section', id }, el('h2', { text: tag.name }), tag.description ? el('p', null, prose(tag.description)) : null,
        ops.map(([method, path, operation]) => operationView(method, path, operation))));
    }
    const nav = el('ul', { class: 'tag-nav' }, sections.map((s) => el('li', null, el('a', { href: '#' + s.id, text: s.querySelector('h2').textContent }))));
    main.replaceChildren(
      el('h1', { text: (doc.info && doc.info.title) || 'API reference' }),
      el('p', { class: 'intro' }, prose(doc.info && doc.info.description)),
      el('p', null, 'OpenAPI ' + doc.openapi + ' document: ', el('a', { href: '/docs/openapi.json', text: '/docs/openapi.json' }), '.'),
      el('div', { class: 'api-filter' }, filter, count), nav, ...sections);

    filter.addEventListener('input', () => {
      const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const section of sections) {
        let any = false;
        for (const op of section.querySelectorAll('.op')) {
          const match = words.every((w) => op.dataset.search.includes(w));
          op.hidden = !match;
          if (match) { any = true; shown += 1; }
        }
        section.hidden = !any;
      }
      count.textContent = shown + ' of ' + total + ' operations';
    });
    // A link to an operation (#op-get-api-v1-courts) opens it.
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === 'DETAILS') { target.open = true; target.scrollIntoView(); }
  }

  fetch('/docs/openapi.json', { headers: { Accept: 'application/json' } })
    .then((reply) => { if (!reply.ok) throw new Error('HTTP ' + reply.status); return reply.json(); })
    .then((json) => { doc = json; render(); })
    .catch((error) => {
      document.getElementById('main').replaceChildren(el('p', { class: 'notice notice-error', id: 'load-error' },
        'The API document could not be loaded (' + error.message + '): ', el('a', { href: '/docs/openapi.json', text: '/docs/openapi.json' })));
    });
})();
