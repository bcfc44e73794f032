/* Dashboard view "comments": respondents' text answers of the chosen scope, masked by the server
   (personal data become [IIN], [phone], [e-mail], [card]), newest first with the month only;
   a search box, a filter by another question's score, pages of 50. Registers itself in
   window.CourtVoiceDashboardViews (see EXTRA_VIEWS in dashboard.js). */
'use strict';

(function () {
  const TEXTS = {
    kk: {
      label: 'Пікірлер',
      search: 'Сөз бойынша іздеу',
      scoreItem: 'Сұрақтың бағасы бойынша',
      anyItem: 'Барлық респонденттер',
      scores: 'Бағалар',
      apply: 'Іздеу',
      clear: 'Тазалау',
      tooFew: (n) => `Жауаптар тым аз (${n}-ден аз): жасырындықты сақтау үшін пікірлер көрсетілмейді.`,
      total: (n) => `Табылған пікірлер: ${n}`,
      none: 'Пікірлер табылмады.',
      page: (p, n) => `${p}-бет / ${n}`,
      prev: '← Алдыңғы',
      next: 'Келесі →',
      withheld: (n) => `${n} соттың пікірлері көрсетілмейді: жауаптары тым аз.`,
      masked: 'Жеке деректер жасырылған: [IIN] — ЖСН, [phone] — телефон, [e-mail] — эл. пошта, [card] — карта нөмірі, [number] — 12 таңбалы нөмір.',
      languages: { kk: 'қазақша', ru: 'орысша', en: 'ағылшынша' },
      needScore: 'Кемінде бір бағаны таңдаңыз.',
    },
    ru: {
      label: 'Комментарии',
      search: 'Поиск по слову',
      scoreItem: 'По оценке вопроса',
      anyItem: 'Все респонденты',
      scores: 'Оценки',
      apply: 'Искать',
      clear: 'Сбросить',
      tooFew: (n) => `Слишком мало ответов (меньше ${n}): для анонимности комментарии не показываются.`,
      total: (n) => `Найдено комментариев: ${n}`,
      none: 'Комментариев не найдено.',
      page: (p, n) => `Страница ${p} из ${n}`,
      prev: '← Назад',
      next: 'Далее →',
      withheld: (n) => `Комментарии ${n} суд(ов) не показаны: слишком мало ответов.`,
      masked: 'Личные данные скрыты: [IIN] — ИИН, [phone] — телефон, [e-mail] — эл. почта, [card] — номер карты, [number] — 12-значный номер.',
      languages: { kk: 'на казахском', ru: 'на русском', en: 'на английском' },
      needScore: 'Выберите хотя бы одну оценку.',
    },
    en: {
      label: 'Comments',
      search: 'Search for a word',
      scoreItem: 'By the score of a question',
      anyItem: 'All respondents',
      scores: 'Scores',
      apply: 'Search',
      clear: 'Clear',
      tooFew: (n) => `Too few responses (fewer than ${n}): comments are not shown, to keep respondents anonymous.`,
      total: (n) => `Comments found: ${n}`,
      none: 'No comments found.',
      page: (p, n) => `Page ${p} of ${n}`,
      prev: '← Previous',
      next: 'Next →',
      withheld: (n) => `Comments of ${n} court(s) are not shown: too few responses.`,
      masked: 'Personal data are hidden: [IIN] — IIN, [phone] — phone, [e-mail] — e-mail, [card] — card number, [number] — a 12-digit number.',
      languages: { kk: 'in Kazakh', ru: 'in Russian', en: 'in English' },
      needScore: 'Choose at least one score.',
    },
  };

  // The view's own choices, kept between searches and pages of one visit.
  const own = { q: '', item: '', scores: [], page: 1 };

  function tr(ctx, key, ...args) {
    const entry = (TEXTS[ctx.lang] || TEXTS.ru)[key];
    return typeof entry === 'function' ? entry(...args) : entry;
  }

  function addOwnParams(q) {
    if (own.q) q.set('q', own.q);
    if (own.item && own.scores.length) {
      q.set('item', own.item);
      q.set('score', own.scores.join(','));
    }
    if (own.page > 1) q.set('page', String(own.page));
  }

  // A new search or page: asked here, with the page's filters, and drawn again.
  async function reload(ctx) {
    const f = ctx.filters;
    const q = new URLSearchParams({ lang: ctx.lang });
    addOwnParams(q);
    // court, region and level are lists (several may be chosen); from and to single days.
    ['court', 'region', 'level', 'from', 'to'].forEach((k) => {
      [].concat(f[k] || []).forEach((v) => { if (v) q.append(k, v); });
    });
    ctx.status.textContent = ctx.t('loading');
    ctx.report.setAttribute('aria-busy', 'true');
    let result;
    try {
      result = await ctx.api(`/api/v1/admin/surveys/${encodeURIComponent(f.survey)}/comments?${q}`);
    } catch (e) {
      result = { ok: false, body: null };
    }
    ctx.report.removeAttribute('aria-busy');
    if (!result.ok || !result.body) {
      const error = result.body && result.body.error;
      ctx.status.textContent = `${ctx.t('loadFailed')} ${error ? error.message : ''}`.trim();
      ctx.status.classList.add('status-error');
      return;
    }
    ctx.status.classList.remove('status-error');
    ctx.status.textContent = '';
    render(result.body, ctx);
  }

  function searchForm(body, ctx) {
    const { el } = ctx;
    const items = body.score_items || [];
    const scoreBox = el('fieldset', { class: 'comments-scores', id: 'comments-scores' });
    const itemSelect = el('select', { id: 'comments-item', name: 'item' },
      el('option', { value: '' }, tr(ctx, 'anyItem')),
      items.map((i) => el('option', { value: i.id }, i.text || i.id)));
    itemSelect.value = items.some((i) => i.id === own.item) ? own.item : '';
    const drawScores = () => {
      const item = items.find((i) => i.id === itemSelect.value);
      scoreBox.hidden = !item;
      scoreBox.replaceChildren(el('legend', null, tr(ctx, 'scores')), ...(item ? item.codes.map((c) => {
        const id = `comments-score-${c.code}`;
        const box = el('input', { type: 'checkbox', id, value: String(c.code), 'data-score': String(c.code) });
        box.checked = item.id === own.item && own.scores.includes(c.code);
        return el('label', { class: 'comments-score', for: id }, box, ` ${c.label ? `${c.code} — ${c.label}` : c.code}`);
      }) : []));
    };
    itemSelect.addEventListener('change', drawScores);
    drawScores();
    const search = el('input', { type: 'search', id: 'comments-q', name: 'q', maxlength: '100', value: own.q });
    const form = el('form', { id: 'comments-form', class: 'comments-form card no-print', role: 'search' },
      el('div', { class: 'filter-row' },
        el('div', { class: 'field' }, el('label', { for: 'comments-q', class: 'field-label' }, tr(ctx, 'search')), search),
        el('div', { class: 'field' }, el('label', { for: 'comments-item', class: 'field-label' }, tr(ctx, 'scoreItem')), itemSelect)),
      scoreBox,
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'btn', id: 'comments-search' }, tr(ctx, 'apply')),
        el('button', { type: 'button', class: 'btn btn-secondary', id: 'comments-clear', onclick: () => {
          Object.assign(own, { q: '', item: '', scores: [], page: 1 });
          reload(ctx);
        } }, tr(ctx, 'clear'))));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const scores = Array.from(scoreBox.querySelectorAll('input:checked')).map((b) => Number(b.value));
      if (itemSelect.value && !scores.length) {
        ctx.status.textContent = tr(ctx, 'needScore');
        ctx.status.classList.add('status-error');
        return;
      }
      Object.assign(own, { q: search.value.trim(), item: itemSelect.value, scores, page: 1 });
      reload(ctx);
    });
    return form;
  }

  function commentCard(c, body, ctx) {
    const { el } = ctx;
    const item = (body.items || []).find((i) => i.id === c.item_id);
    const meta = [c.month];
    if (c.court) meta.push(c.court_name || c.court);
    if (c.region) meta.push(c.region_name || c.region);
    meta.push((TEXTS[ctx.lang] || TEXTS.ru).languages[c.language] || c.language);
    if (item && (body.items || []).length > 1) meta.push(item.text);
    // textContent only: a comment is never markup.
    return el('li', { class: 'comment', lang: c.language },
      el('p', { class: 'comment-meta' }, meta.join(' · ')),
      el('p', { class: 'comment-text', text: c.text }));
  }

  function pager(body, ctx) {
    const { el } = ctx;
    if (!body.pages || body.pages < 2) return null;
    const go = (page) => { own.page = page; reload(ctx); };
    return el('nav', { class: 'comments-pager no-print', 'aria-label': tr(ctx, 'page', body.page, body.pages) },
      el('button', { type: 'button', class: 'btn btn-secondary', id: 'comments-prev', disabled: body.page <= 1,
        onclick: () => go(body.page - 1) }, tr(ctx, 'prev')),
      el('span', { id: 'comments-page' }, tr(ctx, 'page', body.page, body.pages)),
      el('button', { type: 'button', class: 'btn btn-secondary', id: 'comments-next', disabled: body.page >= body.pages,
        onclick: () => go(body.page + 1) }, tr(ctx, 'next')));
  }

  function render(body, ctx) {
    const { el } = ctx;
    own.page = body.page || 1;
    const nodes = [ctx.reportHead(body, tr(ctx, 'label')), searchForm(body, ctx)];
    if (body.suppressed) {
      nodes.push(el('p', { class: 'notice comments-too-few', id: 'comments-too-few', role: 'note' }, tr(ctx, 'tooFew', body.min_group_size)));
    } else {
      nodes.push(el('p', { class: 'report-meta', id: 'comments-total' }, tr(ctx, 'total', body.total)));
      if (body.withheld_courts > 0) nodes.push(el('p', { class: 'report-meta', id: 'comments-withheld' }, tr(ctx, 'withheld', body.withheld_courts)));
      nodes.push(el('p', { class: 'report-meta comments-masked' }, tr(ctx, 'masked')));
      nodes.push(body.comments.length
        ? el('ol', { class: 'comments', id: 'comments-list' }, body.comments.map((c) => commentCard(c, body, ctx)))
        : el('p', { class: 'notice', id: 'comments-none' }, tr(ctx, 'none')));
      nodes.push(pager(body, ctx));
    }
    ctx.report.replaceChildren(...nodes.filter(Boolean));
  }

  window.CourtVoiceDashboardViews = window.CourtVoiceDashboardViews || {};
  window.CourtVoiceDashboardViews.comments = {
    label: { kk: TEXTS.kk.label, ru: TEXTS.ru.label, en: TEXTS.en.label },
    controls: [],
    path: () => 'comments',
    query: (filters, params) => { own.page = 1; addOwnParams(params); },
    render,
  };
})();
