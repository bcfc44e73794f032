/* The printable report for one survey, scope and period: /dashboard/report?survey=..&court=..
   &region=..&level=..&version=..&from=..&to=..&lang=.. Reads the admin token the dashboard keeps
   in this tab (sessionStorage). Sections: KPIs (when the KPI endpoint exists), indices with 95%
   intervals, the indices' trend, drivers (when that endpoint exists), top and bottom courts, method
   notes. Prints on A4 (report.css). Plain ES2017, no dependencies. */
'use strict';

(function () {
  const Session = window.CourtVoiceAdminSession;
  const { el, pickText } = window.CourtVoiceDom;
  const FILTERS = ['court', 'region', 'level', 'version', 'from', 'to'];

  const UI = {
    kk: {
      docTitle: 'Есеп', print: 'Басып шығару', back: '← Нәтижелерге', needToken: 'Есепті көру үшін алдымен нәтижелер бетіне кіріңіз.',
      signIn: 'Кіру', noSurvey: 'Сауалнама таңдалмаған.', loadFailed: 'Деректер жүктелмеді.',
      scope: 'Қамту', country: 'Бүкіл ел', courts: 'Соттар', regions: 'Өңірлер', levels: 'Сот деңгейлері', versions: 'Нұсқалар',
      period: 'Кезең', allTime: 'барлық жауаптар', fromTo: (a, b) => `${a || '…'} — ${b || '…'}`,
      responses: (n) => `Жауаптар: ${n}`, generated: (d) => `Есеп күні: ${d}`,
      kpis: 'Негізгі көрсеткіштер (KPI)', kpi: 'Көрсеткіш', value: 'Мәні', milestone: 'Межелік мән', statusCol: 'Мәртебе',
      statuses: { on_track: 'жоспар бойынша', at_risk: 'тәуекел бар', off_track: 'жоспардан артта', insufficient_data: 'деректер жеткіліксіз' },
      indices: 'Индекстер (0–100)', index: 'Индекс', ci: '95% СА', n: 'n', suppressed: 'жауаптар тым аз',
      tooFew: 'Бұл қамтуда жауаптар тым аз: көрсеткіштер көрсетілмейді.',
      trend: 'Индекстердің тоқсан бойынша өзгерісі', trendNote: 'Үзік жерлер — жауаптар тым аз тоқсандар немесе қатар үзілісі.',
      drivers: 'Драйверлер: маңыздылық пен нәтиже', item: 'Сұрақ', importance: 'Маңыздылық (r)', performance: 'Оң бағалар, %',
      driversNote: 'Жоғары маңыздылығы мен төмен нәтижесі бар сұрақтар (оң жақ төменгі бөлік) бірінші кезекте жақсартуды қажет етеді.',
      courtsTitle: (name) => `Үздік және соңғы соттар: ${name}`, top: 'Үздік 5', bottom: 'Соңғы 5', ranked: 'Соттар рейтингі', court: 'Сот',
      courtsNote: (n) => `${n}-ден аз жауабы бар соттар рейтингке кірмейді.`,
      method: 'Әдістеме', methodItems: (min, total) => [
        `Есеп ${total} жауапқа негізделген. ${min}-ден аз жауабы бар топтар мен сұрақтар көрсетілмейді (жасырындық).`,
        'Оң бағалар үлесінің 95% сенімділік аралығы — Уилсон әдісі; индекс аралығы — респонденттердің орташа мәндеріне t-үлестірім.',
        'Индекс (0–100) респонденттің 5 балдық сұрақтарға берген жауаптарының орташа мәнінен есептеледі; ол сұрақтардың кемінде жартысына жауап бергенде ғана ескеріледі.',
        '«Маған қатысы жоқ», «Білмеймін» және өткізілген жауаптар есептен шығарылады.'],
    },
    ru: {
      docTitle: 'Отчёт', print: 'Печать', back: '← К результатам', needToken: 'Чтобы открыть отчёт, сначала войдите на странице результатов.',
      signIn: 'Войти', noSurvey: 'Опрос не выбран.', loadFailed: 'Не удалось загрузить данные.',
      scope: 'Охват', country: 'Вся страна', courts: 'Суды', regions: 'Регионы', levels: 'Уровни судов', versions: 'Версии',
      period: 'Период', allTime: 'все ответы', fromTo: (a, b) => `${a || '…'} — ${b || '…'}`,
      responses: (n) => `Ответов: ${n}`, generated: (d) => `Дата отчёта: ${d}`,
      kpis: 'Ключевые показатели (KPI)', kpi: 'Показатель', value: 'Значение', milestone: 'Промежуточная цель', statusCol: 'Статус',
      statuses: { on_track: 'по плану', at_risk: 'под угрозой', off_track: 'отстаёт от плана', insufficient_data: 'недостаточно данных' },
      indices: 'Индексы (0–100)', index: 'Индекс', ci: '95% ДИ', n: 'n', suppressed: 'слишком мало ответов',
      tooFew: 'В этом охвате слишком мало ответов: показатели не показываются.',
      trend: 'Индексы по кварталам', trendNote: 'Разрывы — кварталы со слишком малым числом ответов или разрыв ряда.',
      drivers: 'Драйверы: важность и результат', item: 'Вопрос', importance: 'Важность (r)', performance: '% благоприятных',
      driversNote: 'Вопросы с высокой важностью и низким результатом (правый нижний угол) — первые кандидаты на улучшение.',
      courtsTitle: (name) => `Лучшие и худшие суды: ${name}`, top: 'Лучшие 5', bottom: 'Худшие 5', ranked: 'Рейтинг судов', court: 'Суд',
      courtsNote: (n) => `Суды, где меньше ${n} ответов, в рейтинг не входят.`,
      method: 'Методика', methodItems: (min, total) => [
        `Отчёт основан на ${total} ответах. Группы и вопросы, где меньше ${min} ответов, не показываются (анонимность).`,
        '95% доверительный интервал доли благоприятных ответов — метод Уилсона; интервал индекса — t-распределение по средним респондентов.',
        'Индекс (0–100) считается по среднему ответу респондента на 5-балльные вопросы; респондент учитывается, если ответил хотя бы на половину из них.',
        'Ответы «Не относится ко мне», «Не знаю» и пропуски не входят в знаменатель.'],
    },
    en: {
      docTitle: 'Report', print: 'Print', back: '← Back to results', needToken: 'Sign in on the results page first to open the report.',
      signIn: 'Sign in', noSurvey: 'No survey chosen.', loadFailed: 'The data could not be loaded.',
      scope: 'Scope', country: 'Whole country', courts: 'Courts', regions: 'Regions', levels: 'Court levels', versions: 'Versions',
      period: 'Period', allTime: 'all responses', fromTo: (a, b) => `${a || '…'} — ${b || '…'}`,
      responses: (n) => `Responses: ${n}`, generated: (d) => `Report date: ${d}`,
      kpis: 'Key performance indicators', kpi: 'Indicator', value: 'Value', milestone: 'Milestone', statusCol: 'Status',
      statuses: { on_track: 'on track', at_risk: 'at risk', off_track: 'off track', insufficient_data: 'not enough data' },
      indices: 'Indices (0–100)', index: 'Index', ci: '95% CI', n: 'n', suppressed: 'too few responses',
      tooFew: 'Too few responses in this scope: no figures are shown.',
      trend: 'Indices by quarter', trendNote: 'Gaps are quarters with too few responses, or a break in the series.',
      drivers: 'Drivers: importance and performance', item: 'Question', importance: 'Importance (r)', performance: '% favourable',
      driversNote: 'Questions of high importance and low performance (bottom right) are the first candidates for improvement.',
      courtsTitle: (name) => `Top and bottom courts: ${name}`, top: 'Top 5', bottom: 'Bottom 5', ranked: 'Courts ranked', court: 'Court',
      courtsNote: (n) => `Courts with fewer than ${n} responses are not ranked.`,
      method: 'Method', methodItems: (min, total) => [
        `The report is based on ${total} responses. Groups and questions with fewer than ${min} responses are not shown (anonymity).`,
        '95% intervals: Wilson score interval for shares favourable; for an index, the t interval on the respondents\u2019 means.',
        'An index (0–100) is the mean of a respondent\u2019s answers to its 5-point questions; a respondent counts when they answered at least half of them.',
        'Answers “not applicable”, “don\u2019t know” and skipped questions are left out of denominators.'],
    },
  };

  const params = new URLSearchParams(window.location.search);
  const lang = Session.LANGS.includes(params.get('lang')) ? params.get('lang') : Session.initialLanguage();
  let token = Session.readToken();
  const main = document.getElementById('main');
  function t(key, ...args) {
    const entry = UI[lang][key];
    return typeof entry === 'function' ? entry(...args) : entry;
  }
  const text = (value) => pickText(value, lang);
  const fmt = (v, d = 1) => (v === null || v === undefined || !Number.isFinite(Number(v)) ? '—'
    : Number(v).toLocaleString(lang === 'en' ? 'en-GB' : lang === 'kk' ? 'kk-KZ' : 'ru-RU', { minimumFractionDigits: d, maximumFractionDigits: d }));
  const interval = (ci, scale = 1, d = 1) => (ci ? `${fmt(ci.low * scale, d)} – ${fmt(ci.high * scale, d)}` : '—');

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    children.forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  async function api(path) {
    try {
      const response = await window.fetch(path, { headers: Session.authHeaders(token), cache: 'no-store', credentials: 'same-origin' });
      let body = null;
      try { body = await response.json(); } catch (e) { /* not JSON */ }
      return { status: response.status, ok: response.ok, body };
    } catch (e) {
      return { status: 0, ok: false, body: null };
    }
  }

  function query(extra) {
    const q = new URLSearchParams({ lang });
    for (const name of FILTERS) params.getAll(name).forEach((v) => { if (v) q.append(name, v); });
    Object.entries(extra || {}).forEach(([k, v]) => q.set(k, v));
    return q.toString();
  }

  function section(id, title, ...children) {
    return el('section', { class: 'report-section', id }, el('h2', null, title), ...children);
  }

  function table(headers, rows, numeric) {
    return el('table', null,
      el('thead', null, el('tr', null, headers.map((h, i) => el('th', { scope: 'col', class: numeric[i] ? 'num' : null }, h)))),
      el('tbody', null, rows.map((r) => el('tr', null, r.map((c, i) => el('td', { class: numeric[i] ? 'num' : null }, c))))));
  }

  function listParam(name) {
    return params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  }

  // ---- sections ----
  function head(summary, courts, regions) {
    const parts = [];
    const courtCodes = listParam('court');
    const regionCodes = listParam('region');
    if (courtCodes.length) parts.push(`${t('courts')}: ${courtCodes.map((c) => (courts.find((x) => x.code === c) || {}).name || c).join(', ')}`);
    if (regionCodes.length) parts.push(`${t('regions')}: ${regionCodes.map((r) => (regions.find((x) => x.code === r) || {}).name || r).join(', ')}`);
    if (listParam('level').length) parts.push(`${t('levels')}: ${listParam('level').join(', ')}`);
    if (listParam('version').length) parts.push(`${t('versions')}: ${listParam('version').join(', ')}`);
    const from = params.get('from');
    const to = params.get('to');
    return el('header', { class: 'report-head' },
      el('h1', { class: 'report-title', id: 'report-title' }, summary.title),
      el('p', { class: 'report-scope', id: 'report-scope' }, `${t('scope')}: ${parts.length ? parts.join('; ') : t('country')}`),
      el('p', { class: 'report-scope', id: 'report-period' }, `${t('period')}: ${from || to ? t('fromTo', from, to) : t('allTime')}`),
      el('p', { class: 'report-scope', id: 'report-responses' }, t('responses', summary.total_responses)),
      el('p', { class: 'report-scope' }, t('generated', new Date().toISOString().slice(0, 10))));
  }

  // KPI values (GET /api/v1/admin/kpis/values, server/src/kpi_json.cpp), drawn only when the
  // endpoint answers 200: {"kpis": [{"id", "name" (in lang), "survey_id", "latest": {"suppressed",
  // "value", "ci": {"low", "high"}, "n"} | null, "milestone_due": {"date", "value"} | null,
  // "status": "on_track" | "at_risk" | "off_track" | "insufficient_data"}]}; value and ci on the
  // metric's own scale. This survey's KPIs only.
  function kpiSection(body) {
    const list = (body && Array.isArray(body.kpis)) ? body.kpis : [];
    const surveyId = params.get('survey');
    const rows = list.filter((k) => k.survey_id === surveyId).map((k) => {
      const latest = k.latest;
      const shown = latest && !latest.suppressed && latest.value !== null && latest.value !== undefined;
      const status = k.status || '';
      return [text(k.name) || k.id || '', shown ? `${fmt(latest.value)} (${interval(latest.ci)})` : t('statuses').insufficient_data,
        fmt(k.milestone_due ? k.milestone_due.value : null),
        el('span', { class: `status-${status}` }, t('statuses')[status] || status)];
    });
    if (!rows.length) return null;
    return section('report-kpis', t('kpis'), table([t('kpi'), `${t('value')} (${t('ci')})`, t('milestone'), t('statusCol')], rows, [false, true, true, false]));
  }

  function indexSection(summary) {
    const group = summary.groups[0];
    if (!group || group.suppressed) return section('report-indices', t('indices'), el('p', { class: 'notice', id: 'report-too-few' }, t('tooFew')));
    const rows = summary.indices.map((ix) => {
      const v = (group.indices || []).find((x) => x.index_id === ix.id) || { suppressed: true };
      return v.suppressed ? [ix.name, t('suppressed'), '—', '—'] : [ix.name, fmt(v.value), interval(v.ci), String(v.n)];
    });
    return section('report-indices', t('indices'), table([t('index'), t('value'), t('ci'), t('n')], rows, [false, true, true, true]));
  }

  function trendSection(trend) {
    const periods = (trend.periods || []).map((p) => p.period);
    const series = (trend.indices || []).slice(0, 5);
    if (periods.length < 2 || !series.length) return null;
    const W = 680; const H = 260; const L = 40; const R = 30; const T = 10; const B = 40;
    const x = (i) => L + (periods.length === 1 ? 0 : (i * (W - L - R)) / (periods.length - 1));
    const y = (v) => T + ((100 - v) * (H - T - B)) / 100;
    const chart = svg('svg', { class: 'report-chart', id: 'report-trend-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('trend') });
    for (let v = 0; v <= 100; v += 25) {
      chart.append(svg('line', { class: 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v) }));
      chart.append(svg('text', { class: 'label', x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
    }
    const step = Math.ceil(periods.length / 10);
    periods.forEach((p, i) => { if (i % step === 0) chart.append(svg('text', { class: 'label', x: x(i), y: H - B + 16, 'text-anchor': 'middle' }, p)); });
    chart.append(svg('line', { class: 'axis', x1: L, x2: W - R, y1: y(0), y2: y(0) }));
    series.forEach((ix, s) => {
      (ix.segments || []).forEach((seg) => {
        let d = '';
        let previous = -2;
        (seg.points || []).forEach((p) => {
          const i = periods.indexOf(p.period);
          if (p.suppressed || i < 0 || p.value === null || p.value === undefined) { previous = -2; return; }
          d += `${i === previous + 1 ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)} `;
          previous = i;
          if (p.ci) chart.append(svg('line', { class: `whisker s${s}`, x1: x(i), x2: x(i), y1: y(p.ci.high), y2: y(p.ci.low) }));
          chart.append(svg('circle', { class: `dot s${s}`, cx: x(i), cy: y(p.value), r: 3, 'data-index': ix.id, 'data-period': p.period }));
        });
        if (d) chart.append(svg('path', { class: `series s${s}`, d: d.trim(), 'data-index': ix.id }));
      });
    });
    const legend = el('ul', { class: 'legend' }, series.map((ix, s) => el('li', null, el('span', { class: `swatch s${s}` }), ix.name || ix.id)));
    return section('report-trend', t('trend'), chart, legend, el('p', { class: 'report-note' }, t('trendNote')));
  }

  // Drivers (GET .../drivers, server/src/why_service.cpp), drawn only when it answers 200:
  // {"suppressed", "items": [{"item_id", "text" (in lang), "suppressed", "importance" (Pearson r,
  // null when there is none), "performance" (share favourable, 0..1)}]}. Suppressed items and
  // items without an r are left out of the chart.
  function driversSection(body) {
    const list = (body && !body.suppressed && Array.isArray(body.items)) ? body.items : [];
    const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
    const points = list.filter((d) => !d.suppressed && isNumber(d.importance) && isNumber(d.performance)).map((d) => ({
      label: text(d.text) || d.item_id || '',
      importance: d.importance,
      performance: d.performance,
    }));
    if (!points.length) return null;
    const perf = (v) => v * 100;  // a share 0..1 as a percent
    const W = 680; const H = 300; const L = 50; const R = 10; const T = 10; const B = 40;
    const lo = Math.min(0, ...points.map((p) => p.importance));
    const x = (v) => L + ((v - lo) * (W - L - R)) / (1 - lo || 1);
    const y = (v) => T + ((100 - v) * (H - T - B)) / 100;
    const meanI = points.reduce((a, p) => a + p.importance, 0) / points.length;
    const meanP = points.reduce((a, p) => a + perf(p.performance), 0) / points.length;
    const chart = svg('svg', { class: 'report-chart', id: 'report-drivers-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('drivers') });
    chart.append(svg('line', { class: 'axis', x1: L, x2: W - R, y1: y(0), y2: y(0) }));
    chart.append(svg('line', { class: 'axis', x1: L, x2: L, y1: y(0), y2: y(100) }));
    chart.append(svg('line', { class: 'quadrant', x1: x(meanI), x2: x(meanI), y1: y(0), y2: y(100) }));
    chart.append(svg('line', { class: 'quadrant', x1: L, x2: W - R, y1: y(meanP), y2: y(meanP) }));
    chart.append(svg('text', { class: 'label', x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle' }, t('importance')));
    chart.append(svg('text', { class: 'label', x: 12, y: y(50), transform: `rotate(-90 12 ${y(50)})`, 'text-anchor': 'middle' }, t('performance')));
    points.forEach((p, i) => {
      chart.append(svg('circle', { class: 'dot s0', cx: x(p.importance), cy: y(perf(p.performance)), r: 4 }));
      chart.append(svg('text', { class: 'label', x: x(p.importance) + 6, y: y(perf(p.performance)) - 4 }, String(i + 1)));
    });
    // High importance, low performance first.
    const order = points.map((p, i) => ({ ...p, i })).sort((a, b) =>
      ((b.importance >= meanI && perf(b.performance) < meanP) - (a.importance >= meanI && perf(a.performance) < meanP)) || (b.importance - a.importance));
    const rows = order.map((p) => [String(p.i + 1), p.label, fmt(p.importance, 2), fmt(perf(p.performance), 0)]);
    return section('report-drivers', t('drivers'), chart,
      table(['#', t('item'), t('importance'), t('performance')], rows, [true, false, true, true]),
      el('p', { class: 'report-note' }, t('driversNote')));
  }

  function courtsSection(byCourt) {
    const ix = (byCourt.indices || [])[0];
    if (!ix) return null;
    const ranked = (byCourt.groups || []).filter((g) => !g.suppressed).map((g) => {
      const v = (g.indices || []).find((x) => x.index_id === ix.id);
      return v && !v.suppressed ? { label: g.label, value: v.value, ci: v.ci, n: v.n } : null;
    }).filter(Boolean).sort((a, b) => b.value - a.value);
    if (!ranked.length) return null;
    const rowsOf = (list, start) => list.map((c, i) => [String(start + i), c.label, fmt(c.value), interval(c.ci), String(c.n)]);
    const headers = ['#', t('court'), t('value'), t('ci'), t('n')];
    const numeric = [true, false, true, true, true];
    const parts = ranked.length >= 10
      ? [el('h3', null, t('top')), table(headers, rowsOf(ranked.slice(0, 5), 1), numeric),
        el('h3', null, t('bottom')), table(headers, rowsOf(ranked.slice(-5), ranked.length - 4), numeric)]
      : [el('h3', null, t('ranked')), table(headers, rowsOf(ranked, 1), numeric)];
    return section('report-courts', t('courtsTitle', ix.name), ...parts, el('p', { class: 'report-note' }, t('courtsNote', byCourt.min_group_size)));
  }

  function methodSection(summary) {
    return section('report-method', t('method'), el('ul', { class: 'method' }, t('methodItems', summary.min_group_size, summary.total_responses).map((m) => el('li', null, m))));
  }

  function controls() {
    const back = new URLSearchParams(params);
    back.delete('lang');
    return el('div', { class: 'report-controls no-print' },
      el('button', { type: 'button', class: 'btn', id: 'report-print', onclick: () => window.print() }, t('print')),
      el('a', { class: 'btn btn-secondary', href: `/dashboard?${back}` }, t('back')));
  }

  function fail(message) {
    main.replaceChildren(el('p', { class: 'notice notice-error', role: 'alert', id: 'report-error' }, message),
      el('a', { class: 'btn', href: '/dashboard' }, t('signIn')));
  }

  async function load() {
    document.documentElement.lang = lang;
    document.title = `${t('docTitle')} — CourtVoice`;
    const survey = params.get('survey');
    if (!token) token = await Session.resumeSession();
    if (!token) return fail(t('needToken'));
    if (!survey) return fail(t('noSurvey'));
    const base = `/api/v1/admin/surveys/${encodeURIComponent(survey)}`;
    const summary = await api(`${base}/summary?${query({ group: 'none' })}`);
    if (summary.status === 401 || summary.status === 403) return fail(t('needToken'));
    if (!summary.ok) return fail(`${t('loadFailed')} ${summary.body && summary.body.error ? summary.body.error.message : ''}`.trim());
    const s = summary.body;
    const [trend, byCourt, kpis, drivers, courts, regions] = await Promise.all([
      api(`${base}/trend?${query({ period: 'quarter' })}`),
      s.report_by_court ? api(`${base}/summary?${query({ group: 'court' })}`) : Promise.resolve({ ok: false }),
      api(`/api/v1/admin/kpis/values?${new URLSearchParams({ lang, survey })}`),
      api(`${base}/drivers?${query()}`),
      api(`/api/v1/courts?lang=${lang}`),
      api(`/api/v1/regions?lang=${lang}`),
    ]);
    const courtList = courts.ok && Array.isArray(courts.body) ? courts.body : (courts.body && courts.body.courts) || [];
    const regionList = regions.ok && Array.isArray(regions.body) ? regions.body : (regions.body && regions.body.regions) || [];
    main.replaceChildren(...[
      controls(),
      head(s, courtList, regionList),
      kpis.status === 200 ? kpiSection(kpis.body) : null,
      indexSection(s),
      trend.ok ? trendSection(trend.body) : null,
      drivers.status === 200 ? driversSection(drivers.body) : null,
      byCourt.ok ? courtsSection(byCourt.body) : null,
      methodSection(s),
    ].filter(Boolean));
    main.setAttribute('data-ready', 'true');
  }

  load();
})();
