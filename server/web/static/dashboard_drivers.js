/* CourtVoice dashboard view "drivers": what goes with overall satisfaction. The importance /
   performance quadrant chart (importance: Pearson r with the overall item; performance:
   % favourable), the items with r, rho, their 95% intervals and n, and Cronbach's alpha of each
   index and dimension. Registers itself in window.CourtVoiceDashboardViews (see dashboard.js). */
'use strict';

(function () {
  const TEXTS = {
    kk: {
      label: 'Себептер (драйверлер)',
      head: (outcome) => `«${outcome}» сұрағымен байланыс`,
      chartTitle: 'Маңыздылық пен нәтиже',
      importance: 'Маңыздылық (r)',
      performance: 'Оң жауаптар, %',
      priorityFirst: 'Алдымен жақсарту керек (маңызды, бірақ нәтиже төмен):',
      none: 'жоқ',
      quadrants: { priority: 'Басымдық', strength: 'Күшті жақ', secondary: 'Екінші кезек', maintain: 'Сақтау' },
      medians: 'Сызықтар — медианалар',
      item: 'Сұрақ', quadrant: 'Квадрант', r: 'Пирсон r (95% АИ)', rho: 'Спирмен ρ (95% АИ)', n: 'n', fav: 'Оң, %',
      suppressed: (n) => `${n} жауаптан аз — көрсетілмейді`,
      alphaTitle: 'Сенімділік: Кронбах альфасы',
      scale: 'Индекс / өлшем', k: 'Сұрақтар', alpha: 'α', ifDeleted: 'Сұрақсыз α',
      reasons: { fewer_than_two_items: 'бір сұрақ', too_few_respondents: 'жауап аз', zero_variance: 'вариация жоқ' },
      method: 'r мен ρ — жұптық толық жауаптар; α — барлық сұраққа жауап бергендер.',
    },
    ru: {
      label: 'Причины (драйверы)',
      head: (outcome) => `Связь с вопросом «${outcome}»`,
      chartTitle: 'Важность и результат',
      importance: 'Важность (r)',
      performance: 'Положительные ответы, %',
      priorityFirst: 'Улучшать в первую очередь (важно, но результат низкий):',
      none: 'нет',
      quadrants: { priority: 'Приоритет', strength: 'Сильная сторона', secondary: 'Второй план', maintain: 'Поддерживать' },
      medians: 'Линии — медианы',
      item: 'Вопрос', quadrant: 'Квадрант', r: 'Пирсон r (95% ДИ)', rho: 'Спирмен ρ (95% ДИ)', n: 'n', fav: 'Полож., %',
      suppressed: (n) => `Меньше ${n} ответов — не показано`,
      alphaTitle: 'Надёжность: альфа Кронбаха',
      scale: 'Индекс / измерение', k: 'Вопросов', alpha: 'α', ifDeleted: 'α без вопроса',
      reasons: { fewer_than_two_items: 'один вопрос', too_few_respondents: 'мало ответов', zero_variance: 'нет разброса' },
      method: 'r и ρ — по парам полных ответов; α — по ответившим на все вопросы.',
    },
    en: {
      label: 'Drivers',
      head: (outcome) => `Association with “${outcome}”`,
      chartTitle: 'Importance and performance',
      importance: 'Importance (r)',
      performance: 'Favourable, %',
      priorityFirst: 'Improve first (important, performing poorly):',
      none: 'none',
      quadrants: { priority: 'Priority', strength: 'Strength', secondary: 'Secondary', maintain: 'Maintain' },
      medians: 'Lines: medians',
      item: 'Item', quadrant: 'Quadrant', r: 'Pearson r (95% CI)', rho: 'Spearman ρ (95% CI)', n: 'n', fav: 'Favourable, %',
      suppressed: (n) => `Fewer than ${n} responses — not shown`,
      alphaTitle: "Reliability: Cronbach's alpha",
      scale: 'Index / dimension', k: 'Items', alpha: 'α', ifDeleted: 'α without item',
      reasons: { fewer_than_two_items: 'one item', too_few_respondents: 'too few answers', zero_variance: 'no variation' },
      method: 'r and ρ: pairwise complete answers; α: respondents who answered every item.',
    },
  };

  function number(lang, value, digits) {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—';
    const locale = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' }[lang];
    return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }

  function withInterval(lang, value, ci) {
    const shown = number(lang, value, 2);
    return ci ? `${shown} (${number(lang, ci.low, 2)} … ${number(lang, ci.high, 2)})` : shown;
  }

  // The quadrant chart: x = % favourable, y = r; dashed lines at the medians; points numbered in
  // the order of the list (priority items first) and labelled with the item's text.
  function chart(ctx, T, body, placed) {
    const { svg } = ctx;
    const W = 720, H = 420, left = 64, right = 24, top = 24, bottom = 52;
    const rs = placed.map((i) => i.importance);
    const yMin = Math.min(0, Math.floor(Math.min(...rs) / 0.25) * 0.25), yMax = 1;  // ticks every 0.25
    const x = (fav) => left + (fav * 100) / 100 * (W - left - right);
    const y = (r) => top + (yMax - r) / (yMax - yMin) * (H - top - bottom);
    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'drivers-chart', role: 'img', 'aria-labelledby': 'drivers-chart-title' },
      svg('title', { id: 'drivers-chart-title' }, T.chartTitle));
    root.append(svg('rect', { x: left, y: top, width: W - left - right, height: H - top - bottom, class: 'drivers-plot' }));
    for (let p = 0; p <= 100; p += 25) {
      root.append(svg('text', { x: x(p / 100), y: H - bottom + 18, class: 'drivers-tick', 'text-anchor': 'middle' }, String(p)));
    }
    for (let r = yMin; r <= yMax + 1e-9; r += 0.25) {
      root.append(svg('text', { x: left - 8, y: y(r) + 4, class: 'drivers-tick', 'text-anchor': 'end' }, number(ctx.lang, r, 2)));
    }
    root.append(svg('text', { x: (left + W - right) / 2, y: H - 10, class: 'drivers-axis', 'text-anchor': 'middle' }, T.performance));
    root.append(svg('text', { x: 16, y: (top + H - bottom) / 2, class: 'drivers-axis', 'text-anchor': 'middle',
      transform: `rotate(-90 16 ${(top + H - bottom) / 2})` }, T.importance));
    if (body.importance_median !== null && body.performance_median !== null) {
      root.append(svg('line', { x1: left, x2: W - right, y1: y(body.importance_median), y2: y(body.importance_median), class: 'drivers-median' }));
      root.append(svg('line', { x1: x(body.performance_median), x2: x(body.performance_median), y1: top, y2: H - bottom, class: 'drivers-median' }));
    }
    const corner = (q, px, py, anchor) => root.append(svg('text', { x: px, y: py, class: `drivers-corner drivers-corner-${q}`, 'text-anchor': anchor }, T.quadrants[q]));
    corner('priority', left + 6, top + 16, 'start');
    corner('strength', W - right - 6, top + 16, 'end');
    corner('secondary', left + 6, H - bottom - 8, 'start');
    corner('maintain', W - right - 6, H - bottom - 8, 'end');
    placed.forEach((item, k) => {
      const px = x(item.favourable), py = y(item.importance);
      const g = svg('g', { class: `drivers-point drivers-point-${item.quadrant}`, 'data-item': item.item_id, 'data-quadrant': item.quadrant });
      g.append(svg('circle', { cx: px, cy: py, r: 6 }));
      const onRight = px < W - 220;
      g.append(svg('text', { x: onRight ? px + 10 : px - 10, y: py + 4, class: 'drivers-label', 'text-anchor': onRight ? 'start' : 'end' },
        `${k + 1}. ${item.text}`));
      root.append(g);
    });
    return root;
  }

  function alphaTable(ctx, T, body) {
    const { el } = ctx;
    const cell = (entry) => (entry.alpha !== null && entry.alpha !== undefined
      ? number(ctx.lang, entry.alpha, 2) : `— (${T.reasons[entry.reason] || entry.reason})`);
    const rows = body.scales.map((s) => el('tr', { 'data-scale': s.id, 'data-suppressed': s.suppressed ? 'true' : 'false' },
      el('th', { scope: 'row' }, s.name),
      el('td', { class: 'num' }, String(s.k)),
      s.suppressed ? el('td', { colspan: '3', class: 'suppressed-inline' }, T.suppressed(body.min_group_size)) : el('td', { class: 'num' }, String(s.n)),
      ...(s.suppressed ? [] : [el('td', { class: 'num alpha' }, cell(s)),
        el('td', {}, el('ul', { class: 'alpha-deleted' }, s.if_deleted.map((d) => el('li', {}, `${d.text}: ${cell(d)}`))))])));
    return el('section', { class: 'drivers-alpha' }, el('h3', {}, T.alphaTitle),
      el('table', { class: 'data-table' },
        el('thead', {}, el('tr', {}, [T.scale, T.k, T.n, T.alpha, T.ifDeleted].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows)));
  }

  window.CourtVoiceDashboardViews = window.CourtVoiceDashboardViews || {};
  window.CourtVoiceDashboardViews.drivers = {
    label: { kk: TEXTS.kk.label, ru: TEXTS.ru.label, en: TEXTS.en.label },
    controls: [],
    path: () => 'drivers',
    query: () => {},
    render: async (body, ctx) => {
      const T = TEXTS[ctx.lang] || TEXTS.en;
      const { el } = ctx;
      const parts = [ctx.reportHead(body, T.head(body.outcome.text))];
      if (body.suppressed) {
        parts.push(el('p', { class: 'suppressed' }, T.suppressed(body.min_group_size)));
      } else {
        const placed = body.items.filter((i) => !i.suppressed && i.quadrant);
        const priority = placed.filter((i) => i.quadrant === 'priority').map((i) => i.text);
        parts.push(el('p', { class: 'drivers-priority' }, `${T.priorityFirst} ${priority.length ? priority.join('; ') : T.none}`));
        if (placed.length) parts.push(el('figure', { class: 'drivers-figure' }, chart(ctx, T, body, placed), el('figcaption', {}, T.medians)));
        parts.push(el('table', { class: 'data-table drivers-table' },
          el('thead', {}, el('tr', {}, [T.item, T.quadrant, T.r, T.rho, T.n, T.fav].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, body.items.map((i) => el('tr', { 'data-item': i.item_id, 'data-quadrant': i.quadrant || '' },
            el('th', { scope: 'row' }, i.text),
            ...(i.suppressed ? [el('td', { colspan: '5', class: 'suppressed-inline' }, T.suppressed(body.min_group_size))] : [
              el('td', {}, i.quadrant ? T.quadrants[i.quadrant] : '—'),
              el('td', { class: 'num' }, withInterval(ctx.lang, i.pearson.r, i.pearson.ci)),
              el('td', { class: 'num' }, withInterval(ctx.lang, i.spearman.rho, i.spearman.ci)),
              el('td', { class: 'num' }, String(i.pearson.n)),
              el('td', { class: 'num' }, number(ctx.lang, i.favourable * 100, 1))]))))));
      }
      parts.push(el('p', { class: 'report-note' }, T.method));
      ctx.report.replaceChildren(...parts);
      // Alpha comes from its own endpoint, with the same filters.
      const f = ctx.filters;
      const q = new URLSearchParams({ lang: ctx.lang });
      // court, region and level are lists (several may be chosen); from and to single days.
      for (const key of ['court', 'region', 'level', 'from', 'to']) [].concat(f[key] || []).forEach((v) => { if (v) q.append(key, v); });
      const reliability = await ctx.api(`/api/v1/admin/surveys/${encodeURIComponent(f.survey)}/reliability?${q}`);
      if (reliability.ok && reliability.body && ctx.report.contains(parts[0])) {
        ctx.report.append(reliability.body.suppressed
          ? el('p', { class: 'suppressed drivers-alpha' }, T.suppressed(reliability.body.min_group_size))
          : alphaTable(ctx, T, reliability.body));
      }
    },
  };
}());
