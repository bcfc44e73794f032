/* CourtVoice dashboard view "crossed": one measure (an index or an item's % favourable) by two
   keys at once, e.g. fairness by case type by region. Hidden cells (too few responses, or hidden
   so that the margins do not give another away) are marked. Registers itself in
   window.CourtVoiceDashboardViews (see dashboard.js). */
'use strict';

(function () {
  const TEXTS = {
    kk: {
      label: 'Қиылысқан кесте',
      rows: 'Жолдар', columns: 'Бағандар', measure: 'Көрсеткіш',
      keys: { court: 'Сот', region: 'Өңір', level: 'Сот деңгейі', channel: 'Арна', language: 'Тіл', month: 'Ай', quarter: 'Тоқсан', year: 'Жыл' },
      favourable: (item) => `${item}: оң жауаптар, %`,
      head: (a, b) => `${a} × ${b}`,
      hidden: 'жасырылған',
      hiddenNote: (n, extra) => `«жасырылған»: ${n} жауаптан аз, немесе басқа ұяшықты жиындардан есептеп шығармау үшін жасырылған (осылай жасырылғандар: ${extra}).`,
      channels: { kiosk: 'киоск', web: 'веб', paper: 'қағаз' },
      empty: 'Жауап жоқ.',
    },
    ru: {
      label: 'Перекрёстная таблица',
      rows: 'Строки', columns: 'Столбцы', measure: 'Показатель',
      keys: { court: 'Суд', region: 'Регион', level: 'Уровень суда', channel: 'Канал', language: 'Язык', month: 'Месяц', quarter: 'Квартал', year: 'Год' },
      favourable: (item) => `${item}: положительные ответы, %`,
      head: (a, b) => `${a} × ${b}`,
      hidden: 'скрыто',
      hiddenNote: (n, extra) => `«скрыто»: меньше ${n} ответов, или скрыто, чтобы другую ячейку нельзя было вычислить из итогов (таких ячеек: ${extra}).`,
      channels: { kiosk: 'киоск', web: 'веб', paper: 'бумага' },
      empty: 'Нет ответов.',
    },
    en: {
      label: 'Crossed table',
      rows: 'Rows', columns: 'Columns', measure: 'Measure',
      keys: { court: 'Court', region: 'Region', level: 'Court level', channel: 'Channel', language: 'Language', month: 'Month', quarter: 'Quarter', year: 'Year' },
      favourable: (item) => `${item}: favourable, %`,
      head: (a, b) => `${a} × ${b}`,
      hidden: 'hidden',
      hiddenNote: (n, extra) => `“hidden”: fewer than ${n} responses, or hidden so that no other cell can be worked out from the totals (${extra} such cells).`,
      channels: { kiosk: 'kiosk', web: 'web', paper: 'paper' },
      empty: 'No responses.',
    },
  };
  const BASE_KEYS = ['region', 'court', 'level', 'channel', 'language', 'month', 'quarter', 'year'];
  const state = { survey: '', group: 'region', by: 'quarter', measure: '', items: [] };

  function number(lang, value, digits) {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—';
    const locale = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' }[lang];
    return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }

  function keyName(T, key) {
    if (key.startsWith('item:')) {
      const item = state.items.find((i) => i.id === key.slice(5));
      return item ? item.text : key.slice(5);
    }
    return T.keys[key] || key;
  }

  function keyOptions(ctx, T, selected) {
    const keys = BASE_KEYS.concat(state.items.filter((i) => i.type === 'single_choice').map((i) => `item:${i.id}`));
    if (!keys.includes(selected)) keys.push(selected);
    return keys.map((k) => ctx.el('option', { value: k, selected: k === selected ? 'selected' : undefined }, keyName(T, k)));
  }

  // The figure a cell shows for the chosen measure: an index value, or an item's % favourable.
  function measureOf(cell) {
    if (state.measure.startsWith('index:')) {
      const index = (cell.indices || []).find((i) => i.index_id === state.measure.slice(6));
      return index && !index.suppressed ? { value: index.value, n: index.n, digits: 1 } : null;
    }
    const item = (cell.items || []).find((i) => i.item_id === state.measure.slice(5));
    return item && !item.suppressed && item.favourable !== null ? { value: item.favourable * 100, n: item.n, digits: 1 } : null;
  }

  function table(ctx, T, body) {
    const { el } = ctx;
    const cells = new Map(body.cells.map((c) => [c.key, c]));
    const label = (key, entry) => (key === 'channel' ? (T.channels[entry.key] || entry.label) : entry.label || entry.key);
    return el('table', { class: 'data-table crossed-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, `${keyName(T, body.group)} \\ ${keyName(T, body.by)}`),
        body.columns.map((c) => el('th', { scope: 'col', 'data-key': c.key }, label(body.by, c))))),
      el('tbody', {}, body.rows.map((r) => el('tr', { 'data-key': r.key }, el('th', { scope: 'row' }, label(body.group, r)),
        body.columns.map((c) => {
          const cell = cells.get(`${r.key}|${c.key}`);
          if (!cell) return el('td', { class: 'num crossed-empty' }, '');
          if (cell.suppressed) {
            return el('td', { class: 'num cell-suppressed', 'data-suppressed': 'true', title: T.hiddenNote(body.min_group_size, body.complementary_suppressed) }, T.hidden);
          }
          const m = measureOf(cell);
          return el('td', { class: 'num', 'data-suppressed': 'false' }, m ? `${number(ctx.lang, m.value, m.digits)} (n=${m.n})` : '—');
        })))));
  }

  function render(body, ctx) {
    const T = TEXTS[ctx.lang] || TEXTS.en;
    const { el } = ctx;
    state.survey = body.survey_id;
    state.items = body.items || [];
    state.group = body.group;
    state.by = body.by;
    const measures = body.indices.map((i) => ({ value: `index:${i.id}`, label: i.name }))
      .concat(state.items.filter((i) => i.scale_min !== undefined).map((i) => ({ value: `item:${i.id}`, label: T.favourable(i.text) })));
    if (!measures.some((m) => m.value === state.measure)) state.measure = measures.length ? measures[0].value : '';
    const reload = () => { const show = document.getElementById('show'); if (show) show.click(); };
    const groupSelect = el('select', { id: 'crossed-group', onchange: reload }, keyOptions(ctx, T, body.group));
    const bySelect = el('select', { id: 'crossed-by', onchange: reload }, keyOptions(ctx, T, body.by));
    const measureSelect = el('select', { id: 'crossed-measure', onchange: (ev) => { state.measure = ev.target.value; render(body, ctx); } },
      measures.map((m) => el('option', { value: m.value, selected: m.value === state.measure ? 'selected' : undefined }, m.label)));
    const field = (id, text, control) => el('div', { class: 'field' }, el('label', { for: id, class: 'field-label' }, text), control);
    ctx.report.replaceChildren(
      ctx.reportHead(body, T.head(keyName(T, body.group), keyName(T, body.by))),
      el('div', { class: 'filter-row crossed-controls no-print' },
        field('crossed-group', T.rows, groupSelect), field('crossed-by', T.columns, bySelect), field('crossed-measure', T.measure, measureSelect)),
      body.cells.length ? table(ctx, T, body) : el('p', {}, T.empty),
      el('p', { class: 'report-note' }, T.hiddenNote(body.min_group_size, body.complementary_suppressed)));
  }

  window.CourtVoiceDashboardViews = window.CourtVoiceDashboardViews || {};
  window.CourtVoiceDashboardViews.crossed = {
    label: { kk: TEXTS.kk.label, ru: TEXTS.ru.label, en: TEXTS.en.label },
    controls: [],
    path: () => 'crossed',
    query: (f, q) => {
      // The keys chosen in the table shown, unless another survey (whose items differ) is asked for.
      const same = f.survey === state.survey;
      const group = same ? document.getElementById('crossed-group') : null;
      const by = same ? document.getElementById('crossed-by') : null;
      q.set('group', group ? group.value : same ? state.group : 'region');
      q.set('by', by ? by.value : same ? state.by : 'quarter');
    },
    render,
  };
}());
