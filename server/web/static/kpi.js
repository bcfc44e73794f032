/* CourtVoice KPI page (/dashboard/kpi): the strategy team's public-confidence KPIs, one card each
   with the latest complete period's value (95% interval, n), the milestone due, the status (colour
   and text) and a small trend line against the plan; a form to define or change a KPI (every save
   is a new version) and its history. Reads /api/v1/admin/kpis*. Plain ES2017, no dependencies. */
'use strict';

(function () {
  const LANG_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
  const LOCALES = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };
  const Session = window.CourtVoiceAdminSession;
  const LANGS = Session.LANGS;
  const { el } = window.CourtVoiceDom;
  const LEVELS = ['district', 'specialised', 'regional', 'cassation', 'supreme'];

  const UI = {
    kk: {
      title: 'Қоғамдық сенім KPI', dashboard: 'Нәтижелер', loading: 'Жүктелуде…',
      tokenHeading: 'KPI-ге кіру', wrongToken: 'Токен дұрыс емес.', loadFailed: 'Деректер жүктелмеді.', retry: 'Қайталау',
      none: 'Әзірге KPI жоқ.', add: 'Жаңа KPI', csv: 'CSV жүктеу', edit: 'Өзгерту', history: 'Өзгерістер тарихы',
      status: { on_track: 'Жоспар бойынша', at_risk: 'Қауіп бар', off_track: 'Жоспардан артта', insufficient_data: 'Деректер жеткіліксіз' },
      notEnough: 'Деректер жеткіліксіз (топ тым шағын)', noData: 'Аяқталған кезеңде деректер жоқ',
      latest: (p) => `Соңғы аяқталған кезең: ${p}`, n: (n) => `n = ${n}`,
      due: (d, v) => `${d} күнгі межелік мән: ${v}`, target: (y, v) => `${y} жылғы мақсат: ${v}`, baseline: (p, v) => `Базалық деңгей (${p}): ${v}`,
      scope: { country: 'Бүкіл ел', region: 'Өңір', level: 'Сот деңгейі', court: 'Сот' },
      levels: { district: 'Аудандық соттар', specialised: 'Мамандандырылған соттар', regional: 'Облыстық соттар', cassation: 'Кассациялық сот', supreme: 'Жоғарғы Сот' },
      metric: { favourable: 'Оң бағалар, %', index: 'Индекс (0–100)', nps: 'NPS (−100…100)', option_share: 'Жауап нұсқасының үлесі, %' },
      rule: 'Мәртебе: мән межеге жетсе — жоспар бойынша; мән межеден төмен, бірақ 95% сенімділік аралығы оны қамтыса — қауіп бар; бүкіл аралық межеден төмен болса — жоспардан артта.',
      chart: (name) => `${name}: нақты мәндер (тұтас сызық) және жоспар (үзік сызық)`,
      form: { heading: 'KPI анықтамасы', id: 'Идентификатор (a-z 0-9 _ -)', nameKk: 'Атауы (қазақша)', nameRu: 'Атауы (орысша)', nameEn: 'Атауы (ағылшынша)',
        survey: 'Сауалнама', kind: 'Көрсеткіш', item: 'Сұрақ', index: 'Индекс', options: 'Жауап кодтары (үтір арқылы)', scopeKind: 'Қамту', region: 'Өңір', level: 'Сот деңгейі', court: 'Сот',
        period: 'Кезең', year: 'Жыл', quarter: 'Тоқсан', baselinePeriod: 'Базалық кезең (2025 немесе 2025-Q4)', baselineValue: 'Базалық мән (бос — деректерден есептеледі)',
        milestones: 'Жылдық межелер (мысалы 2026: 60, 2027: 63)', targetYear: 'Мақсат жылы', targetValue: 'Мақсат мәні', direction: 'Қайсысы жақсы', higher: 'Жоғары', lower: 'Төмен',
        changedBy: 'Өзгертуші (сіздің атыңыз)', note: 'Ескертпе (неге)', save: 'Сақтау', cancel: 'Болдырмау', saved: 'Сақталды.', errors: 'Түзетіңіз:' },
      version: (v, d, who, what, note) => `${v}-нұсқа, ${d} UTC, ${who}: ${what}${note ? ` — ${note}` : ''}`,
    },
    ru: {
      title: 'KPI общественного доверия', dashboard: 'Результаты', loading: 'Загрузка…',
      tokenHeading: 'Вход к KPI', wrongToken: 'Неверный токен.', loadFailed: 'Не удалось загрузить данные.', retry: 'Повторить',
      none: 'KPI пока нет.', add: 'Новый KPI', csv: 'Скачать CSV', edit: 'Изменить', history: 'История изменений',
      status: { on_track: 'По плану', at_risk: 'Под угрозой', off_track: 'Отстаёт от плана', insufficient_data: 'Недостаточно данных' },
      notEnough: 'Недостаточно данных (слишком малая группа)', noData: 'Нет данных за завершённый период',
      latest: (p) => `Последний завершённый период: ${p}`, n: (n) => `n = ${n}`,
      due: (d, v) => `Ориентир на ${d}: ${v}`, target: (y, v) => `Цель на ${y} год: ${v}`, baseline: (p, v) => `Базовый уровень (${p}): ${v}`,
      scope: { country: 'Вся страна', region: 'Регион', level: 'Уровень судов', court: 'Суд' },
      levels: { district: 'Районные суды', specialised: 'Специализированные суды', regional: 'Областные суды', cassation: 'Кассационный суд', supreme: 'Верховный суд' },
      metric: { favourable: 'Доля положительных оценок, %', index: 'Индекс (0–100)', nps: 'NPS (−100…100)', option_share: 'Доля варианта ответа, %' },
      rule: 'Статус: значение достигло ориентира — по плану; значение ниже ориентира, но 95% доверительный интервал его включает — под угрозой; весь интервал ниже ориентира — отстаёт от плана.',
      chart: (name) => `${name}: фактические значения (сплошная линия) и план (пунктир)`,
      form: { heading: 'Определение KPI', id: 'Идентификатор (a-z 0-9 _ -)', nameKk: 'Название (казахский)', nameRu: 'Название (русский)', nameEn: 'Название (английский)',
        survey: 'Опрос', kind: 'Показатель', item: 'Вопрос', index: 'Индекс', options: 'Коды ответов (через запятую)', scopeKind: 'Охват', region: 'Регион', level: 'Уровень судов', court: 'Суд',
        period: 'Период', year: 'Год', quarter: 'Квартал', baselinePeriod: 'Базовый период (2025 или 2025-Q4)', baselineValue: 'Базовое значение (пусто — рассчитать по данным)',
        milestones: 'Годовые ориентиры (например 2026: 60, 2027: 63)', targetYear: 'Год цели', targetValue: 'Целевое значение', direction: 'Что лучше', higher: 'Выше', lower: 'Ниже',
        changedBy: 'Кто изменяет (ваше имя)', note: 'Примечание (почему)', save: 'Сохранить', cancel: 'Отмена', saved: 'Сохранено.', errors: 'Исправьте:' },
      version: (v, d, who, what, note) => `Версия ${v}, ${d} UTC, ${who}: ${what}${note ? ` — ${note}` : ''}`,
    },
    en: {
      title: 'Public-confidence KPIs', dashboard: 'Results', loading: 'Loading…',
      tokenHeading: 'Sign in to the KPIs', wrongToken: 'Wrong token.', loadFailed: 'The data could not be loaded.', retry: 'Retry',
      none: 'No KPIs yet.', add: 'New KPI', csv: 'Download CSV', edit: 'Edit', history: 'History of changes',
      status: { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track', insufficient_data: 'Not enough data' },
      notEnough: 'Not enough data (the group is too small)', noData: 'No data in a complete period',
      latest: (p) => `Latest complete period: ${p}`, n: (n) => `n = ${n}`,
      due: (d, v) => `Milestone due on ${d}: ${v}`, target: (y, v) => `Target for ${y}: ${v}`, baseline: (p, v) => `Baseline (${p}): ${v}`,
      scope: { country: 'Whole country', region: 'Region', level: 'Court level', court: 'Court' },
      levels: { district: 'District courts', specialised: 'Specialised courts', regional: 'Regional courts', cassation: 'Cassation court', supreme: 'Supreme Court' },
      metric: { favourable: '% favourable', index: 'Index (0–100)', nps: 'NPS (−100…100)', option_share: 'Share of an answer, %' },
      rule: 'Status: the value reaches the milestone — on track; the value is below the milestone but its 95% interval includes it — at risk; the whole interval is below the milestone — off track.',
      chart: (name) => `${name}: actual values (solid line) and the plan (dashed)`,
      form: { heading: 'KPI definition', id: 'Id (a-z 0-9 _ -)', nameKk: 'Name (Kazakh)', nameRu: 'Name (Russian)', nameEn: 'Name (English)',
        survey: 'Survey', kind: 'Metric', item: 'Question', index: 'Index', options: 'Answer codes (comma-separated)', scopeKind: 'Scope', region: 'Region', level: 'Court level', court: 'Court',
        period: 'Period', year: 'Year', quarter: 'Quarter', baselinePeriod: 'Baseline period (2025 or 2025-Q4)', baselineValue: 'Baseline value (empty: computed from the data)',
        milestones: 'Yearly milestones (e.g. 2026: 60, 2027: 63)', targetYear: 'Target year', targetValue: 'Target value', direction: 'Which is better', higher: 'Higher', lower: 'Lower',
        changedBy: 'Changed by (your name)', note: 'Note (why)', save: 'Save', cancel: 'Cancel', saved: 'Saved.', errors: 'Please correct:' },
      version: (v, d, who, what, note) => `Version ${v}, ${d} UTC, ${who}: ${what}${note ? ` — ${note}` : ''}`,
    },
  };

  const state = { lang: Session.initialLanguage(), token: Session.readToken(), values: null, kpis: [], surveys: [], regions: [], courts: [], definitions: {} };
  const $ = (id) => document.getElementById(id);
  function t(key, ...args) {
    const v = UI[state.lang][key];
    return typeof v === 'function' ? v(...args) : v;
  }
  const f = (key) => UI[state.lang].form[key];
  const SVG_NS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }
  function num(v, digits) {
    return new Intl.NumberFormat(LOCALES[state.lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  }
  function formatDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
  }
  function valueText(kpi, v) { return `${num(v, 1)}${kpi.unit === 'percent' ? '%' : ''}`; }

  async function api(path, options) {
    const opts = Object.assign({ cache: 'no-store', credentials: 'same-origin' }, options || {});
    opts.headers = Session.authHeaders(state.token, opts.headers);
    const response = await window.fetch(path, opts);
    let body = null;
    try { body = await response.json(); } catch (e) { /* not JSON */ }
    return { status: response.status, ok: response.ok, body };
  }

  function renderChrome() {
    document.documentElement.lang = state.lang;
    document.title = `${t('title')} — CourtVoice`;
    $('dashboard-link').textContent = t('dashboard');
    $('lang-switch').replaceChildren(...LANGS.map((l) => el('button', {
      type: 'button', lang: l, 'data-lang': l, 'aria-pressed': l === state.lang ? 'true' : 'false',
      onclick: () => { state.lang = l; Session.saveLanguage(l); if (state.token) showPage(); else renderLogin(''); },
    }, LANG_NAMES[l])));
  }

  function renderLogin(message) {
    renderChrome();
    $('main').replaceChildren(Session.tokenForm(state.lang, t('tokenHeading'), message, '/dashboard/kpi', (token) => { state.token = token; Session.storeToken(token); showPage(); }));
    $('token').focus();
  }

  async function showPage() {
    renderChrome();
    $('main').replaceChildren(el('p', { class: 'notice', id: 'kpi-loading' }, t('loading')));
    let values; let kpis; let surveys; let regions; let courts;
    try {
      [values, kpis, surveys, regions, courts] = await Promise.all([
        api(`/api/v1/admin/kpis/values?lang=${state.lang}`), api('/api/v1/admin/kpis'), api('/api/v1/admin/surveys'),
        api(`/api/v1/regions?lang=${state.lang}`), api(`/api/v1/courts?lang=${state.lang}`)]);
    } catch (e) {
      renderFailure();
      return;
    }
    if (values.status === 401 || values.status === 403) {
      state.token = '';
      Session.storeToken('');
      renderLogin(t('wrongToken'));
      return;
    }
    if (!values.ok || !kpis.ok) { renderFailure(); return; }
    state.values = values.body;
    state.kpis = kpis.body.kpis || [];
    const rows = surveys.ok && surveys.body && Array.isArray(surveys.body.surveys) ? surveys.body.surveys : [];
    const byId = new Map();
    for (const r of rows) if (!byId.has(r.survey_id) || r.status === 'published') byId.set(r.survey_id, r);
    state.surveys = Array.from(byId.values()).sort((a, b) => a.survey_id.localeCompare(b.survey_id));
    state.regions = regions.ok && Array.isArray(regions.body) ? regions.body : (regions.body && regions.body.regions) || [];
    state.courts = courts.ok && Array.isArray(courts.body) ? courts.body : [];
    renderBoard();
  }

  function renderFailure() {
    $('main').replaceChildren(el('p', { class: 'notice notice-error', role: 'alert' }, t('loadFailed')),
      el('button', { type: 'button', class: 'btn', onclick: showPage }, t('retry')));
  }

  function renderBoard() {
    const list = state.values.kpis || [];
    const toolbar = el('div', { class: 'kpi-toolbar no-print' },
      el('button', { type: 'button', class: 'btn', id: 'kpi-add', onclick: () => renderForm(null) }, t('add')),
      el('button', { type: 'button', class: 'btn btn-secondary', id: 'kpi-csv', onclick: downloadCsv }, t('csv')));
    const grid = el('div', { class: 'kpi-grid', id: 'kpi-cards' }, list.map(card));
    $('main').replaceChildren(el('h1', null, t('title')), el('p', { class: 'kpi-rule' }, t('rule')), toolbar,
      list.length ? grid : el('p', { class: 'notice', id: 'kpi-none' }, t('none')),
      el('div', { id: 'kpi-editor' }));
  }

  function card(kpi) {
    const latest = kpi.latest;
    let value;
    if (latest && latest.suppressed) {
      value = el('p', { class: 'kpi-nodata' }, t('notEnough'));
    } else if (latest && latest.value !== null) {
      const ci = latest.ci ? el('span', { class: 'kpi-ci' }, ` (${num(latest.ci.low, 1)}–${num(latest.ci.high, 1)}), ${t('n', latest.n)}`) : null;
      value = el('p', { class: 'kpi-value' }, valueText(kpi, latest.value), ci);
    } else {
      value = el('p', { class: 'kpi-nodata' }, t('noData'));
    }
    const scopeName = kpi.scope.kind === 'country' ? t('scope').country : `${t('scope')[kpi.scope.kind]}: ${kpi.scope.name}`;
    const metricName = `${t('metric')[kpi.metric.kind]} — ${kpi.metric.item || kpi.metric.index} (${kpi.survey_id})`;
    return el('article', { class: 'kpi-card', 'data-kpi': kpi.id, 'data-status': kpi.status },
      el('h2', null, kpi.name),
      el('p', { class: 'kpi-scope' }, scopeName),
      el('p', { class: 'kpi-meta' }, metricName),
      el('span', { class: `kpi-status kpi-status-${kpi.status}` }, t('status')[kpi.status]),
      latest ? el('p', { class: 'kpi-meta' }, t('latest', latest.period)) : null,
      value,
      kpi.milestone_due ? el('p', { class: 'kpi-meta kpi-due' }, t('due', formatDate(kpi.milestone_due.date), valueText(kpi, kpi.milestone_due.value))) : null,
      el('p', { class: 'kpi-meta' }, kpi.baseline.value !== null ? t('baseline', kpi.baseline.period, valueText(kpi, kpi.baseline.value)) : null,
        kpi.baseline.value !== null ? ' · ' : null, t('target', kpi.target.year, valueText(kpi, kpi.target.value))),
      chart(kpi),
      el('div', { class: 'kpi-actions no-print' },
        el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => renderForm(kpi.id) }, t('edit')),
        el('button', { type: 'button', class: 'btn btn-secondary', onclick: (ev) => showHistory(kpi.id, ev.target.closest('.kpi-card')) }, t('history'))));
  }

  function dayNumber(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 : 0;
  }

  // Actual values (points with their intervals, joined) and the plan (baseline, milestones, target).
  function chart(kpi) {
    const W = 320; const H = 120; const L = 34; const R = 8; const T = 8; const B = 18;
    const baselineEnd = kpi.series.length ? kpi.series[0].end : null;
    const plan = [];
    if (kpi.baseline.value !== null && baselineEnd) plan.push({ x: dayNumber(baselineEnd), y: kpi.baseline.value });
    for (const m of kpi.milestones) plan.push({ x: dayNumber(`${m.year}-12-31`), y: m.value, kind: 'milestone' });
    plan.push({ x: dayNumber(`${kpi.target.year}-12-31`), y: kpi.target.value, kind: 'target' });
    const shown = kpi.series.filter((p) => !p.suppressed && p.value !== null);
    const ys = plan.map((p) => p.y).concat(...shown.map((p) => [p.value, p.ci ? p.ci.low : p.value, p.ci ? p.ci.high : p.value]));
    const xs = plan.map((p) => p.x).concat(kpi.series.map((p) => dayNumber(p.end)));
    const x0 = Math.min(...xs); const x1 = Math.max(...xs);
    let y0 = Math.min(...ys); let y1 = Math.max(...ys);
    const pad = Math.max(2, (y1 - y0) * 0.1); y0 -= pad; y1 += pad;
    const sx = (x) => L + (x1 === x0 ? 0 : (x - x0) / (x1 - x0)) * (W - L - R);
    const sy = (y) => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
    const root = svg('svg', { class: 'kpi-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('chart', kpi.name) });
    root.append(svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }), svg('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }));
    for (const y of [y0 + pad, y1 - pad]) {
      const label = svg('text', { x: L - 4, y: sy(y) + 4, 'text-anchor': 'end' });
      label.textContent = num(y, 0);
      root.append(label);
    }
    const first = svg('text', { x: L, y: H - 4 }); first.textContent = kpi.series.length ? kpi.series[0].period : '';
    const last = svg('text', { x: W - R, y: H - 4, 'text-anchor': 'end' }); last.textContent = String(kpi.target.year);
    root.append(first, last);
    root.append(svg('polyline', { class: 'plan', points: plan.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ') }));
    for (const p of plan) {
      if (p.kind === 'milestone') root.append(svg('circle', { class: 'milestone', cx: sx(p.x).toFixed(1), cy: sy(p.y).toFixed(1), r: 3.5 }));
      if (p.kind === 'target') root.append(svg('rect', { class: 'target', x: (sx(p.x) - 4).toFixed(1), y: (sy(p.y) - 4).toFixed(1), width: 8, height: 8 }));
    }
    if (shown.length > 1) {
      root.append(svg('polyline', { class: 'actual', points: shown.map((p) => `${sx(dayNumber(p.end)).toFixed(1)},${sy(p.value).toFixed(1)}`).join(' ') }));
    }
    for (const p of shown) {
      const x = sx(dayNumber(p.end)).toFixed(1);
      if (p.ci) root.append(svg('line', { class: 'ci', x1: x, x2: x, y1: sy(p.ci.low).toFixed(1), y2: sy(p.ci.high).toFixed(1) }));
      const dot = svg('circle', { class: 'point', cx: x, cy: sy(p.value).toFixed(1), r: 3 });
      const title = svg('title'); title.textContent = `${p.period}: ${valueText(kpi, p.value)}`;
      dot.append(title);
      root.append(dot);
    }
    return root;
  }

  async function downloadCsv() {
    const response = await window.fetch(`/api/v1/admin/kpis/values?lang=${state.lang}&format=csv`, {
      headers: Session.authHeaders(state.token), cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) return;
    const url = URL.createObjectURL(await response.blob());
    const a = el('a', { href: url, download: `kpis-${state.values.as_of}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function showHistory(id, cardNode) {
    const reply = await api(`/api/v1/admin/kpis/${encodeURIComponent(id)}/history`);
    if (!reply.ok) return;
    const old = cardNode.querySelector('.kpi-history');
    if (old) old.remove();
    cardNode.append(el('ol', { class: 'kpi-history' }, reply.body.versions.slice().reverse().map((v) =>
      el('li', null, t('version', v.version, v.changed_on, v.changed_by, v.archived ? 'archived' : v.changes.join(', '), v.note)))));
  }

  // ---- the form ----
  function field(id, label, input) {
    return el('div', null, el('label', { for: id, class: 'field-label' }, label), input);
  }
  function select(id, options, value) {
    return el('select', { id, name: id }, options.map(([v, label]) => el('option', { value: v, selected: v === value }, label)));
  }

  async function surveyDefinition(id) {
    if (state.definitions[id]) return state.definitions[id];
    const s = state.surveys.find((x) => x.survey_id === id);
    if (!s) return null;
    const reply = await api(`/api/v1/admin/surveys/${encodeURIComponent(id)}/versions/${s.version}`);
    state.definitions[id] = reply.ok ? reply.body : null;
    return state.definitions[id];
  }

  async function fillTargets(selected) {
    const def = await surveyDefinition($('kpi-survey').value);
    const kind = $('kpi-kind').value;
    const pick = (v) => (v && typeof v === 'object' ? (v[state.lang] || v.ru || v.en || '') : (v || ''));
    let options = [];
    if (def && kind === 'index') options = (def.indices || []).map((x) => [x.id, `${x.id} — ${pick(x.name)}`]);
    else if (def) {
      const fits = (type) => (kind === 'nps' ? type === 'scale0to10'
        : kind === 'favourable' ? ['agreement5', 'satisfaction5', 'scale5', 'scale0to10'].includes(type)
          : ['single_choice', 'agreement5', 'satisfaction5', 'scale5', 'scale0to10'].includes(type));
      options = (def.items || []).filter((i) => fits(i.type)).map((i) => [i.id, `${i.id} — ${pick(i.text).slice(0, 60)}`]);
    }
    $('kpi-target').replaceChildren(...options.map(([v, label]) => el('option', { value: v, selected: v === selected }, label)));
    $('kpi-target-label').textContent = kind === 'index' ? f('index') : f('item');
    $('kpi-options-field').hidden = kind !== 'option_share';
  }

  function showScopeField() {
    const kind = $('kpi-scope-kind').value;
    for (const k of ['region', 'level', 'court']) $(`kpi-scope-${k}-field`).hidden = k !== kind;
  }

  function renderForm(id) {
    const kpi = id ? state.kpis.find((k) => k.id === id) : null;
    const d = kpi || { id: '', name: {}, survey_id: (state.surveys[0] || {}).survey_id || '', metric: { kind: 'favourable' }, scope: { kind: 'country' },
      period: 'year', baseline: { period: '', value: null }, milestones: [], target: { year: '', value: '' }, direction: 'higher' };
    const text = (fid, value, attrs) => el('input', Object.assign({ id: fid, name: fid, type: 'text', value: value === null || value === undefined ? '' : value }, attrs || {}));
    const form = el('form', { class: 'kpi-form card', id: 'kpi-form', novalidate: true },
      el('h2', null, f('heading')),
      el('div', { class: 'kpi-errors', id: 'kpi-form-errors', role: 'alert' }),
      el('div', { class: 'row' }, field('kpi-id', f('id'), text('kpi-id', d.id, kpi ? { readonly: true } : {}))),
      el('div', { class: 'row' }, field('kpi-name-kk', f('nameKk'), text('kpi-name-kk', d.name.kk)), field('kpi-name-ru', f('nameRu'), text('kpi-name-ru', d.name.ru)),
        field('kpi-name-en', f('nameEn'), text('kpi-name-en', d.name.en))),
      el('div', { class: 'row' },
        field('kpi-survey', f('survey'), select('kpi-survey', state.surveys.map((s) => [s.survey_id, s.survey_id]), d.survey_id)),
        field('kpi-kind', f('kind'), select('kpi-kind', ['favourable', 'index', 'nps', 'option_share'].map((k) => [k, t('metric')[k]]), d.metric.kind)),
        el('div', null, el('label', { for: 'kpi-target', class: 'field-label', id: 'kpi-target-label' }, f('item')), el('select', { id: 'kpi-target', name: 'kpi-target' })),
        el('div', { id: 'kpi-options-field', hidden: true }, el('label', { for: 'kpi-options', class: 'field-label' }, f('options')), text('kpi-options', (d.metric.options || []).join(', ')))),
      el('div', { class: 'row' },
        field('kpi-scope-kind', f('scopeKind'), select('kpi-scope-kind', ['country', 'region', 'level', 'court'].map((k) => [k, t('scope')[k]]), d.scope.kind)),
        el('div', { id: 'kpi-scope-region-field' }, el('label', { for: 'kpi-scope-region', class: 'field-label' }, f('region')),
          select('kpi-scope-region', state.regions.map((r) => [r.code, r.name || r.code]), d.scope.region)),
        el('div', { id: 'kpi-scope-level-field' }, el('label', { for: 'kpi-scope-level', class: 'field-label' }, f('level')),
          select('kpi-scope-level', LEVELS.map((l) => [l, t('levels')[l]]), d.scope.level)),
        el('div', { id: 'kpi-scope-court-field' }, el('label', { for: 'kpi-scope-court', class: 'field-label' }, f('court')),
          select('kpi-scope-court', state.courts.map((c) => [c.code, `${(typeof c.name === 'string' ? c.name : (c.name || {})[state.lang]) || c.code}`]), d.scope.court))),
      el('div', { class: 'row' },
        field('kpi-period', f('period'), select('kpi-period', [['year', f('year')], ['quarter', f('quarter')]], d.period)),
        field('kpi-baseline-period', f('baselinePeriod'), text('kpi-baseline-period', d.baseline.period)),
        field('kpi-baseline-value', f('baselineValue'), text('kpi-baseline-value', d.baseline.computed ? '' : d.baseline.value, { inputmode: 'decimal' }))),
      el('div', { class: 'row' }, field('kpi-milestones', f('milestones'), text('kpi-milestones', d.milestones.map((m) => `${m.year}: ${m.value}`).join(', ')))),
      el('div', { class: 'row' },
        field('kpi-target-year', f('targetYear'), text('kpi-target-year', d.target.year, { inputmode: 'numeric' })),
        field('kpi-target-value', f('targetValue'), text('kpi-target-value', d.target.value, { inputmode: 'decimal' })),
        field('kpi-direction', f('direction'), select('kpi-direction', [['higher', f('higher')], ['lower', f('lower')]], d.direction))),
      el('div', { class: 'row' }, field('kpi-changed-by', f('changedBy'), text('kpi-changed-by', '', { autocomplete: 'name' })), field('kpi-note', f('note'), text('kpi-note', ''))),
      el('div', { class: 'kpi-actions' }, el('button', { type: 'submit', class: 'btn', id: 'kpi-save' }, f('save')),
        el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => $('kpi-editor').replaceChildren() }, f('cancel'))));
    form.addEventListener('submit', (ev) => { ev.preventDefault(); save(kpi); });
    $('kpi-editor').replaceChildren(form);
    $('kpi-survey').addEventListener('change', () => fillTargets(''));
    $('kpi-kind').addEventListener('change', () => fillTargets(''));
    $('kpi-scope-kind').addEventListener('change', showScopeField);
    showScopeField();
    fillTargets(d.metric.item || d.metric.index);
    $(kpi ? 'kpi-name-kk' : 'kpi-id').focus();
  }

  // Numbers as typed, with a decimal comma or point; what is not a number is sent as text, so
  // that the server names the field.
  function number(value) {
    const v = String(value).trim().replace(',', '.');
    if (v === '') return null;
    return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : value;
  }

  const FIELD_INPUTS = { id: 'kpi-id', 'name.kk': 'kpi-name-kk', 'name.ru': 'kpi-name-ru', 'name.en': 'kpi-name-en', survey_id: 'kpi-survey',
    'metric.kind': 'kpi-kind', 'metric.item': 'kpi-target', 'metric.index': 'kpi-target', 'metric.options': 'kpi-options', 'scope.region': 'kpi-scope-region',
    'scope.level': 'kpi-scope-level', 'scope.court': 'kpi-scope-court', period: 'kpi-period', 'baseline.period': 'kpi-baseline-period',
    'baseline.value': 'kpi-baseline-value', 'target.year': 'kpi-target-year', 'target.value': 'kpi-target-value', changed_by: 'kpi-changed-by' };

  async function save(existing) {
    const kind = $('kpi-kind').value;
    const scopeKind = $('kpi-scope-kind').value;
    const body = {
      id: $('kpi-id').value.trim(),
      name: { kk: $('kpi-name-kk').value, ru: $('kpi-name-ru').value, en: $('kpi-name-en').value },
      survey_id: $('kpi-survey').value,
      metric: kind === 'index' ? { kind, index: $('kpi-target').value } : { kind, item: $('kpi-target').value },
      scope: { kind: scopeKind },
      period: $('kpi-period').value,
      baseline: { period: $('kpi-baseline-period').value.trim() },
      milestones: $('kpi-milestones').value.split(/[;,\n]+(?=\s*\d{4}\s*:)/).map((s) => s.trim()).filter(Boolean).map((s) => {
        const m = /^(\d{4})\s*:\s*(.+)$/.exec(s);
        return m ? { year: Number(m[1]), value: number(m[2]) } : { year: s, value: null };
      }),
      target: { year: number($('kpi-target-year').value), value: number($('kpi-target-value').value) },
      direction: $('kpi-direction').value,
      changed_by: $('kpi-changed-by').value.trim(),
      note: $('kpi-note').value.trim(),
    };
    if (kind === 'option_share') body.metric.options = $('kpi-options').value.split(',').map((s) => number(s)).filter((v) => v !== null);
    if (scopeKind !== 'country') body.scope[scopeKind] = $(`kpi-scope-${scopeKind}`).value;
    const baselineValue = number($('kpi-baseline-value').value);
    if (baselineValue !== null) body.baseline.value = baselineValue;
    if (existing) body.version = existing.version;
    const reply = await api(existing ? `/api/v1/admin/kpis/${encodeURIComponent(existing.id)}` : '/api/v1/admin/kpis', {
      method: existing ? 'PUT' : 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    for (const node of document.querySelectorAll('#kpi-form .invalid')) node.classList.remove('invalid');
    if (reply.ok) { await showPage(); return; }
    const error = (reply.body && reply.body.error) || { message: t('loadFailed') };
    const problems = error.details && error.details.length ? error.details : [error];
    for (const p of problems) {
      const input = $(FIELD_INPUTS[p.field] || FIELD_INPUTS[String(p.field).replace(/\[\d+\].*$/, '')] ||
        (String(p.field).startsWith('milestones') ? 'kpi-milestones' : ''));
      if (input) { input.classList.add('invalid'); input.setAttribute('aria-invalid', 'true'); }
    }
    $('kpi-form-errors').replaceChildren(el('p', null, f('errors')),
      el('ul', null, problems.map((p) => el('li', null, p.field ? `${p.field}: ${p.message}` : p.message))));
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (state.token) showPage();
    else Session.resumeSession().then((credential) => { if (credential) { state.token = credential; showPage(); } else renderLogin(''); });
  });
})();
