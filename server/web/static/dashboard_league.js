/* CourtVoice dashboard view "league": the court league table (GET .../league). One row per court,
   sortable by a click on a column head, each index with a bar of its 95% interval, arrows for the
   change from the previous period and from a year before, a mark where the court differs from
   the rest of the country; a click on a court opens that court's summary. Plain ES2017. */
'use strict';

(function () {
  const TEXTS = {
    kk: {
      label: 'Соттар рейтингі',
      heading: (p) => `Соттар рейтингі: ${p}`,
      court: 'Сот', region: 'Өңір', n: 'n', favourable: 'Жалпы қанағаттану, % (95% СА)',
      national: 'Қазақстан бойынша (барлық соттар)',
      compared: (prev, year) => `Салыстыру: алдыңғы кезең ${prev}, бір жыл бұрын ${year}.`,
      legend: '▲/▼ — алдыңғы кезеңнен (сол жақта) және бір жыл бұрынғыдан (оң жақта) маңызды өзгеріс (Уэлч t, 5%); △/▽ — маңызды емес. ● — сот елдің қалған бөлігінен маңызды ерекшеленеді (Уэлч t, 5%).',
      chance: (k, e) => `Ешбір сот шын мәнінде ерекшеленбесе де, ${k} тексерудің шамамен ${e} белгісі кездейсоқ болады (5%).`,
      suppressed: (min) => `Жауаптар аз (n < ${min}): көрсетілмейді`,
      changePrev: 'Алдыңғы кезеңнен өзгеріс', changeYear: 'Бір жыл бұрынғыдан өзгеріс',
      above: 'Ел бойынша көрсеткіштен жоғары (маңызды)', below: 'Ел бойынша көрсеткіштен төмен (маңызды)',
      open: (name) => `${name}: қорытындыны ашу`,
      sortBy: (name) => `${name} бойынша сұрыптау`,
      noRows: 'Бұл сүзгілерге сәйкес сот жоқ.',
    },
    ru: {
      label: 'Рейтинг судов',
      heading: (p) => `Рейтинг судов: ${p}`,
      court: 'Суд', region: 'Регион', n: 'n', favourable: 'Общая удовлетворённость, % (95% ДИ)',
      national: 'По Казахстану (все суды)',
      compared: (prev, year) => `Сравнение: предыдущий период ${prev}, год назад ${year}.`,
      legend: '▲/▼ — значимое изменение к предыдущему периоду (слева) и к тому же периоду год назад (справа) (t Уэлча, 5%); △/▽ — незначимое. ● — суд значимо отличается от остальной страны (t Уэлча, 5%).',
      chance: (k, e) => `Из ${k} проверок около ${e} отметок дала бы случайность (5%), даже если ни один суд на деле не отличается.`,
      suppressed: (min) => `Мало ответов (n < ${min}): не показывается`,
      changePrev: 'Изменение к предыдущему периоду', changeYear: 'Изменение к году назад',
      above: 'Выше, чем по стране (значимо)', below: 'Ниже, чем по стране (значимо)',
      open: (name) => `${name}: открыть сводку`,
      sortBy: (name) => `Сортировать по: ${name}`,
      noRows: 'Нет судов по этим фильтрам.',
    },
    en: {
      label: 'Court league table',
      heading: (p) => `Court league table: ${p}`,
      court: 'Court', region: 'Region', n: 'n', favourable: 'Overall satisfaction, % (95% CI)',
      national: 'Kazakhstan (all courts)',
      compared: (prev, year) => `Compared with the previous period ${prev} and a year before ${year}.`,
      legend: '▲/▼: significant change from the previous period (left) and from a year before (right) (Welch t, 5%); △/▽: not significant. ●: the court differs significantly from the rest of the country (Welch t, 5%).',
      chance: (k, e) => `Of ${k} tests, about ${e} marks would come from chance alone (5%) even if no court truly differed.`,
      suppressed: (min) => `Too few responses (n < ${min}): not shown`,
      changePrev: 'Change from the previous period', changeYear: 'Change from a year before',
      above: 'Above the national figure (significant)', below: 'Below the national figure (significant)',
      open: (name) => `${name}: open the summary`,
      sortBy: (name) => `Sort by ${name}`,
      noRows: 'No court matches these filters.',
    },
  };
  const LOCALES = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

  // Sort key and direction, kept across reloads and in the address (?sort=-fairness_index).
  let sortKey = 'code';
  let descending = false;
  (function initialSort() {
    const s = new URLSearchParams(window.location.search).get('sort');
    if (s) { descending = s.startsWith('-'); sortKey = descending ? s.slice(1) : s; }
  }());

  function fmt(lang, value, digits) {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—';
    return new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }

  function indexOf(row, id) { return (row.indices || []).find((i) => i.index_id === id) || null; }

  function valueFor(row, key) {
    if (row.suppressed) return null;
    if (key === 'n') return row.n;
    if (key === 'favourable') return row.favourable;
    const index = indexOf(row, key);
    return index && !index.suppressed ? index.value : null;
  }

  // As the API sorts: suppressed rows and missing values last whatever the direction; ties by code.
  function sortRows(rows) {
    const textKey = { code: 'code', name: 'name', region: 'region_name' }[sortKey];
    return rows.slice().sort((a, b) => {
      if (textKey) {
        const c = String(a[textKey]).localeCompare(String(b[textKey]));
        if (c !== 0) return descending ? -c : c;
        return a.code.localeCompare(b.code);
      }
      const va = valueFor(a, sortKey);
      const vb = valueFor(b, sortKey);
      const ha = va !== null && va !== undefined;
      const hb = vb !== null && vb !== undefined;
      if (ha !== hb) return ha ? -1 : 1;
      if (ha && va !== vb) return descending ? vb - va : va - vb;
      return a.code.localeCompare(b.code);
    });
  }

  function arrow(change, tx, which) {
    if (!change) return null;
    const up = change.difference > 0;
    const sig = change.significant;
    const mark = sig ? (up ? '▲' : '▼') : (up ? '△' : '▽');
    const sign = change.difference > 0 ? '+' : '';
    const title = `${which}: ${sign}${change.difference.toFixed(1)} (${change.ci.low.toFixed(1)} … ${change.ci.high.toFixed(1)})`;
    return { mark, title, cls: `league-arrow ${sig ? (up ? 'sig-up' : 'sig-down') : 'not-sig'}` };
  }

  // A bar of the interval on the 0..100 scale, a dot at the value and a tick at the national value.
  function intervalBar(ctx, index, nationalValue) {
    const bar = ctx.svg('svg', { class: 'league-bar', viewBox: '0 0 100 12', width: 100, height: 12, 'aria-hidden': 'true', focusable: 'false' },
      ctx.svg('rect', { x: 0, y: 5, width: 100, height: 2, class: 'league-bar-track' }));
    if (index.ci) bar.append(ctx.svg('rect', { x: index.ci.low, y: 3, width: Math.max(0.5, index.ci.high - index.ci.low), height: 6, class: 'league-bar-ci' }));
    if (Number.isFinite(nationalValue)) bar.append(ctx.svg('line', { x1: nationalValue, x2: nationalValue, y1: 0, y2: 12, class: 'league-bar-national' }));
    if (Number.isFinite(index.value)) bar.append(ctx.svg('circle', { cx: index.value, cy: 6, r: 2.5, class: 'league-bar-value' }));
    return bar;
  }

  function indexCell(ctx, tx, index, nationalValue) {
    const el = ctx.el;
    if (!index || index.suppressed) return el('td', { class: 'league-index suppressed-inline' }, '—');
    const ci = index.ci ? ` (${fmt(ctx.lang, index.ci.low, 0)}–${fmt(ctx.lang, index.ci.high, 0)})` : '';
    const marks = [arrow(index.change_previous, tx, tx.changePrev), arrow(index.change_year_ago, tx, tx.changeYear)]
      .map((a, k) => (a ? el('span', { class: a.cls, title: a.title, 'data-change': k === 0 ? 'previous' : 'year_ago' }, a.mark) : el('span', { class: 'league-arrow none' }, '·')));
    const differs = index.differs_from_national;
    return el('td', { class: 'league-index', 'data-index': index.index_id },
      el('span', { class: 'league-value' }, fmt(ctx.lang, index.value, 1)),
      el('span', { class: 'league-ci' }, ci),
      ' ', ...marks,
      differs ? el('span', { class: `league-differs differs-${differs}`, title: tx[differs], 'data-differs': differs }, '●') : null,
      el('br'), intervalBar(ctx, index, nationalValue));
  }

  function favourableCell(ctx, share, ci) {
    if (share === null || share === undefined) return ctx.el('td', { class: 'league-fav' }, '—');
    const range = ci ? ` (${Math.round(ci.low * 100)}–${Math.round(ci.high * 100)})` : '';
    return ctx.el('td', { class: 'league-fav' }, `${Math.round(share * 100)}%${range}`);
  }

  function render(body, ctx) {
    const tx = TEXTS[ctx.lang] || TEXTS.ru;
    const el = ctx.el;
    const indices = body.indices || [];
    const national = body.national || { suppressed: true };
    const nationalValue = new Map(((national.indices) || []).filter((i) => !i.suppressed).map((i) => [i.index_id, i.value]));
    const span = (p) => `${p.from} — ${p.to}`;
    const periodName = body.period.key ? `${body.period.key} (${span(body.period)})` : span(body.period);
    const tests = (body.rows || []).filter((r) => !r.suppressed).length * indices.length;

    const columns = [{ key: 'name', name: tx.court }, { key: 'region', name: tx.region }, { key: 'n', name: tx.n },
      ...indices.map((i) => ({ key: i.id, name: ctx.text(i.name) || i.id })),
      ...(body.overall_item ? [{ key: 'favourable', name: tx.favourable }] : [])];
    const table = el('table', { class: 'league-table', id: 'league-table' });

    function draw() {
      const head = el('tr', null, columns.map((c) => el('th', {
        scope: 'col', 'data-sort': c.key, 'aria-sort': c.key === sortKey ? (descending ? 'descending' : 'ascending') : 'none',
      }, el('button', { type: 'button', class: 'league-sort', title: tx.sortBy(c.name), onclick: () => resort(c.key) },
        c.name, c.key === sortKey ? (descending ? ' ↓' : ' ↑') : ''))));
      const rows = sortRows(body.rows || []).map((row) => {
        const courtCell = el('th', { scope: 'row', class: 'league-court' },
          el('button', { type: 'button', class: 'league-drill', title: tx.open(row.name), 'data-court': row.code,
            onclick: () => ctx.drillDown({ view: 'summary', group: 'none', court: [row.code] }) }, row.name),
          el('span', { class: 'league-code' }, ` ${row.code}`));
        const cells = [courtCell, el('td', { class: 'league-region', 'data-region': row.region }, row.region_name || row.region)];
        if (row.suppressed) {
          cells.push(el('td', { class: 'suppressed-inline', colspan: columns.length - 2 }, tx.suppressed(body.min_group_size)));
        } else {
          cells.push(el('td', { class: 'league-n' }, row.n));
          indices.forEach((i) => cells.push(indexCell(ctx, tx, indexOf(row, i.id), nationalValue.get(i.id))));
          if (body.overall_item) cells.push(favourableCell(ctx, row.favourable, row.favourable_ci));
        }
        return el('tr', { 'data-court': row.code, 'data-suppressed': row.suppressed ? 'true' : 'false' }, cells);
      });
      const foot = national.suppressed ? [] : [el('tr', { class: 'league-national', 'data-court': '' },
        el('th', { scope: 'row' }, tx.national), el('td'), el('td', { class: 'league-n' }, national.responses),
        indices.map((i) => {
          const index = (national.indices || []).find((x) => x.index_id === i.id);
          if (!index || index.suppressed) return el('td', { class: 'league-index suppressed-inline' }, '—');
          const ci = index.ci ? ` (${fmt(ctx.lang, index.ci.low, 0)}–${fmt(ctx.lang, index.ci.high, 0)})` : '';
          return el('td', { class: 'league-index' }, el('span', { class: 'league-value' }, fmt(ctx.lang, index.value, 1)), el('span', { class: 'league-ci' }, ci));
        }),
        body.overall_item ? favourableCell(ctx, national.favourable, national.favourable_ci) : null)];
      table.replaceChildren(el('thead', null, head), el('tbody', null, rows), el('tfoot', null, foot));
    }

    function resort(key) {
      if (key === sortKey) descending = !descending;
      else { sortKey = key; descending = key !== 'code' && key !== 'name' && key !== 'region'; }
      const p = new URLSearchParams(window.location.search);
      p.set('sort', (descending ? '-' : '') + sortKey);
      window.history.replaceState(null, '', `/dashboard?${p}`);
      draw();
      const th = table.querySelector(`th[data-sort="${key}"] button`);
      if (th) th.focus();
    }

    draw();
    const rows = body.rows || [];
    ctx.report.replaceChildren(
      ctx.reportHead(body, tx.heading(periodName),
        el('p', { class: 'report-meta' }, tx.compared(span(body.previous), span(body.year_ago))),
        el('p', { class: 'report-meta league-legend' }, tx.legend),
        el('p', { class: 'report-meta' }, tx.chance(tests, fmt(ctx.lang, tests * 0.05, 1)))),
      rows.length ? el('div', { class: 'league-scroll' }, table) : el('p', { class: 'notice', id: 'no-data' }, tx.noRows));
    const print = document.getElementById('print');
    if (print) print.disabled = false;
  }

  window.CourtVoiceDashboardViews = window.CourtVoiceDashboardViews || {};
  window.CourtVoiceDashboardViews.league = {
    label: { kk: TEXTS.kk.label, ru: TEXTS.ru.label, en: TEXTS.en.label },
    controls: [],
    path: () => 'league',
    // The server sorts the CSV; the page sorts the rows it shows itself, so only the CSV needs it.
    query: (f, q) => { q.set('sort', (descending ? '-' : '') + sortKey); },
    render,
  };
}());
