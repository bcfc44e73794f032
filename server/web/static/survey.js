/* CourtVoice respondent page: /s/{surveyId}?court=CODE&channel=kiosk|web&lang=kk|ru|en
   Optional for kiosks and tests: &reset=SECONDS (new form after thanks, default 20) and
   &idle=SECONDS (clear an abandoned form, default 90).
   Plain ES2017, no dependencies. Stores nothing but the language choice (never on a kiosk). */
'use strict';

(function () {
  const LANGS = ['kk', 'ru', 'en'];
  const LANG_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
  const LANG_KEY = 'courtvoice.lang';

  const UI = {
    kk: {
      loading: 'Жүктелуде…',
      skip: 'Сұрақтарға өту',
      requiredNote: '* — міндетті сұрақ',
      requiredSr: '(міндетті)',
      progress: (a, b) => `Жауап берілді: ${a} / ${b}`,
      submit: 'Жіберу',
      sending: 'Жіберілуде…',
      missing: 'Бұл сұраққа жауап беріңіз.',
      missingSummary: (n) => `Белгіленген сұрақтарға жауап беріңіз (${n}).`,
      numberHint: (min, max) => `${min}-ден ${max}-ге дейінгі сан`,
      numberRange: (min, max) => `${min}-ден ${max}-ге дейінгі сан енгізіңіз.`,
      notANumber: 'Сан енгізіңіз.',
      multipleHint: 'Бірнеше жауап таңдауға болады.',
      chars: (n, max) => `${n} / ${max} таңба`,
      courtLabel: 'Сот',
      chooseCourt: 'Сотты таңдаңыз',
      searchCourt: 'Атауы немесе қаласы бойынша іздеу',
      noCourtFound: 'Ештеңе табылмады.',
      changeCourt: 'Өзгерту',
      courtMissing: 'Сотты таңдаңыз.',
      courtUnknown: 'Бұл сот тізілімде жоқ.',
      courtsFailed: 'Соттар тізімі жүктелмеді.',
      retryIn: (s) => `Жауаптар жіберілмеді. Олар осы бетте сақталды; ${s} с кейін қайта жібереміз.`,
      retrying: 'Қайта жіберілуде…',
      retryNow: 'Қазір қайталау',
      versionChanged: 'Сауалнама жаңартылды. Жауаптарыңызды тексеріп, қайта жіберіңіз.',
      closed: 'Бұл сауалнама қазір жүргізілмейді.',
      notFound: 'Сауалнама табылмады.',
      loadFailed: 'Сауалнама жүктелмеді. Байланысты тексеріп, қайталаңыз.',
      tooLarge: 'Жауаптар тым ұзын. Түсініктемені қысқартыңыз.',
      rejected: 'Жауаптар қабылданбады.',
      reload: 'Қайта жүктеу',
      newFormIn: (s) => `Жаңа сауалнама ${s} с кейін ашылады.`,
      startOver: 'Жаңа сауалнама',
      idleTitle: 'Сіз әлі осындасыз ба?',
      idleText: (s) => `Жауаптар ${s} с кейін өшіріледі.`,
      continue: 'Жалғастыру',
      newQuestion: 'Қосымша сұрақ пайда болды.',
      thanks: 'Рахмет!',
      scaleLow: '0 — мүлдем жоқ',
      scaleHigh: '10 — толықтай',
    },
    ru: {
      loading: 'Загрузка…',
      skip: 'К вопросам',
      requiredNote: '* — обязательный вопрос',
      requiredSr: '(обязательный)',
      progress: (a, b) => `Отвечено: ${a} из ${b}`,
      submit: 'Отправить',
      sending: 'Отправка…',
      missing: 'Ответьте, пожалуйста, на этот вопрос.',
      missingSummary: (n) => `Ответьте на отмеченные вопросы (${n}).`,
      numberHint: (min, max) => `Число от ${min} до ${max}`,
      numberRange: (min, max) => `Введите число от ${min} до ${max}.`,
      notANumber: 'Введите число.',
      multipleHint: 'Можно выбрать несколько ответов.',
      chars: (n, max) => `${n} / ${max} знаков`,
      courtLabel: 'Суд',
      chooseCourt: 'Выберите суд',
      searchCourt: 'Поиск по названию или городу',
      noCourtFound: 'Ничего не найдено.',
      changeCourt: 'Изменить',
      courtMissing: 'Выберите суд.',
      courtUnknown: 'Этого суда нет в реестре.',
      courtsFailed: 'Не удалось загрузить список судов.',
      retryIn: (s) => `Ответы не отправлены. Они сохранены на этой странице; повторим через ${s} с.`,
      retrying: 'Повторная отправка…',
      retryNow: 'Повторить сейчас',
      versionChanged: 'Анкета обновилась. Проверьте ответы и отправьте ещё раз.',
      closed: 'Этот опрос сейчас не проводится.',
      notFound: 'Опрос не найден.',
      loadFailed: 'Не удалось загрузить анкету. Проверьте связь и повторите.',
      tooLarge: 'Ответы слишком длинные. Сократите комментарий.',
      rejected: 'Ответы не приняты.',
      reload: 'Загрузить снова',
      newFormIn: (s) => `Новая анкета откроется через ${s} с.`,
      startOver: 'Новая анкета',
      idleTitle: 'Вы ещё здесь?',
      idleText: (s) => `Ответы будут удалены через ${s} с.`,
      continue: 'Продолжить',
      newQuestion: 'Появился дополнительный вопрос.',
      thanks: 'Спасибо!',
      scaleLow: '0 — совсем нет',
      scaleHigh: '10 — полностью',
    },
    en: {
      loading: 'Loading…',
      skip: 'Skip to the questions',
      requiredNote: '* — required question',
      requiredSr: '(required)',
      progress: (a, b) => `Answered: ${a} of ${b}`,
      submit: 'Submit',
      sending: 'Sending…',
      missing: 'Please answer this question.',
      missingSummary: (n) => `Please answer the marked questions (${n}).`,
      numberHint: (min, max) => `A number from ${min} to ${max}`,
      numberRange: (min, max) => `Enter a number from ${min} to ${max}.`,
      notANumber: 'Enter a number.',
      multipleHint: 'You can choose more than one answer.',
      chars: (n, max) => `${n} / ${max} characters`,
      courtLabel: 'Court',
      chooseCourt: 'Choose the court',
      searchCourt: 'Search by name or city',
      noCourtFound: 'Nothing found.',
      changeCourt: 'Change',
      courtMissing: 'Choose the court.',
      courtUnknown: 'This court is not in the registry.',
      courtsFailed: 'Could not load the list of courts.',
      retryIn: (s) => `Your answers were not sent. They are kept on this page; trying again in ${s} s.`,
      retrying: 'Sending again…',
      retryNow: 'Retry now',
      versionChanged: 'The survey was updated. Please check your answers and submit again.',
      closed: 'This survey is not running at the moment.',
      notFound: 'Survey not found.',
      loadFailed: 'Could not load the survey. Check the connection and try again.',
      tooLarge: 'The answers are too long. Please shorten your comment.',
      rejected: 'The answers were not accepted.',
      reload: 'Load again',
      newFormIn: (s) => `A new form opens in ${s} s.`,
      startOver: 'New form',
      idleTitle: 'Are you still there?',
      idleText: (s) => `The answers will be cleared in ${s} s.`,
      continue: 'Continue',
      newQuestion: 'An additional question appeared.',
      thanks: 'Thank you!',
      scaleLow: '0 — not at all',
      scaleHigh: '10 — completely',
    },
  };

  // \u00AD (soft hyphen) lets long words break at a syllable in narrow buttons.
  const SCALE_LABELS = {
    agreement5: {
      kk: ['Мүлдем келіспеймін', 'Келіспеймін', 'Бейтараппын', 'Келісемін', 'Толық келісемін'],
      ru: ['Совершенно не согласен', 'Не согласен', 'Ни да, ни нет', 'Согласен', 'Полностью согласен'],
      en: ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'],
    },
    satisfaction5: {
      kk: ['Мүлдем қанағат\u00ADтанбаймын', 'Қанағат\u00ADтанбаймын', 'Бейтараппын', 'Қанағат\u00ADтанамын', 'Толық қанағат\u00ADтанамын'],
      ru: ['Совсем не удовлетворён', 'Не удовлетворён', 'Нейтрально', 'Удовлетворён', 'Полностью удовлетворён'],
      en: ['Not at all satisfied', 'Not satisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
    },
  };

  const NON_ANSWERS = ['not_applicable', 'dont_know', 'no_opinion'];
  const NON_ANSWER_LABELS = {
    not_applicable: { kk: 'Қатысы жоқ', ru: 'Не применимо', en: 'Not applicable' },
    dont_know: { kk: 'Білмеймін', ru: 'Не знаю', en: "Don't know" },
    no_opinion: { kk: 'Пікірім жоқ', ru: 'Нет мнения', en: 'No opinion' },
  };

  // Server validation codes a citizen can cause, explained in their language.
  const ERROR_TEXT = {
    required: 'missing',
    unknown_court: 'courtUnknown',
  };

  const RETRY_DELAYS = [2, 4, 8, 15, 30];
  const REQUEST_TIMEOUT_MS = 20000;
  const KIOSK_RELOAD_MS = 30000;

  // ---- page parameters ----
  const params = new URLSearchParams(window.location.search);
  const surveyId = decodeURIComponent(window.location.pathname.replace(/^\/s\//, '').replace(/\/+$/, ''));
  const kiosk = params.get('channel') === 'kiosk';
  const channel = kiosk ? 'kiosk' : 'web';
  const resetAfterThanks = positiveSeconds(params.get('reset'), 20);
  const idleLimit = positiveSeconds(params.get('idle'), 90);
  const idleWarning = Math.min(15, Math.max(1, Math.ceil(idleLimit / 3)));
  const courtFromUrl = (params.get('court') || '').trim();
  const defaultLang = initialLanguage();

  const state = {
    lang: defaultLang,
    def: null,
    courts: null,            // [{code, name, region}] in state.lang, or null when not loaded
    court: courtFromUrl,
    courtPicking: !courtFromUrl,
    submissionId: newSubmissionId(),
    phase: 'loading',        // loading | form | thanks | failed
    sending: false,
    retryAttempt: 0,
    retryAt: 0,
    lastActivity: Date.now(),
    thanksAt: 0,
    failedAt: 0,
    loadSeq: 0,
    notice: '',              // a message above the form that survives a re-render
  };

  const timers = { retry: 0, tick: 0 };

  // ---- helpers ----
  function positiveSeconds(value, fallback) {
    const n = Number(value);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  }

  function t(key, ...args) {
    const entry = (UI[state.lang] || UI.ru)[key];
    return typeof entry === 'function' ? entry(...args) : entry;
  }

  function initialLanguage() {
    const fromUrl = params.get('lang');
    if (LANGS.includes(fromUrl)) return fromUrl;
    if (!kiosk) {
      try {
        const stored = window.localStorage.getItem(LANG_KEY);
        if (LANGS.includes(stored)) return stored;
      } catch (e) { /* storage blocked: fine */ }
    }
    const browser = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''])
      .map((l) => String(l).toLowerCase().slice(0, 2));
    return browser.find((l) => LANGS.includes(l)) || 'ru';
  }

  // A random RFC 4122 version 4 id. crypto.randomUUID needs a secure context, which a kiosk
  // on plain http is not; getRandomValues works everywhere.
  function newSubmissionId() {
    const b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function el(...args) { return window.CourtVoiceDom.el(...args); }
  function text(value) { return window.CourtVoiceDom.pickText(value, state.lang); }

  function $(id) { return document.getElementById(id); }

  function announce(message) {
    const live = $('live');
    live.textContent = '';
    window.setTimeout(() => { live.textContent = message; }, 50);
  }

  function languagesOfSurvey() {
    const declared = state.def && Array.isArray(state.def.languages) ? state.def.languages : LANGS;
    const langs = LANGS.filter((l) => declared.includes(l));
    return langs.length ? langs : LANGS;
  }

  function visibleItems() {
    return state.def.items.filter((item) => !$(`item-${item.id}`).hidden);
  }

  async function fetchWithTimeout(url, options) {
    const controller = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = controller ? window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS) : 0;
    try {
      return await window.fetch(url, Object.assign({ cache: 'no-store', credentials: 'same-origin' },
        options || {}, controller ? { signal: controller.signal } : {}));
    } finally {
      if (timer) window.clearTimeout(timer);
    }
  }

  async function readError(response) {
    try {
      const body = await response.json();
      if (body && body.error) return body.error;
    } catch (e) { /* not JSON */ }
    return { code: '', message: '', field: '' };
  }

  // ---- loading ----
  async function loadDefinition() {
    const url = `/api/v1/surveys/${encodeURIComponent(surveyId)}?lang=${state.lang}`;
    let response;
    try {
      response = await fetchWithTimeout(url);
    } catch (e) {
      return { failed: 'loadFailed' };
    }
    if (response.status === 404) return { failed: 'notFound' };
    if (response.status === 409) return { failed: 'closed' };
    if (!response.ok) return { failed: 'loadFailed' };
    return { def: await response.json() };
  }

  async function loadCourts() {
    try {
      const response = await fetchWithTimeout(`/api/v1/courts?lang=${state.lang}`);
      if (!response.ok) return null;
      const list = await response.json();
      return Array.isArray(list) ? list.map((c) => ({ code: c.code, name: text(c.name) || c.code, region: c.region || '' })) : null;
    } catch (e) {
      return null;
    }
  }

  // Loads the survey (and the court names) in state.lang and renders; keeps answers given so far.
  async function load(keepAnswers) {
    const answers = keepAnswers && state.def && $('survey-form') ? collectRaw() : null;
    const seq = ++state.loadSeq;
    const [result, courts] = await Promise.all([loadDefinition(), loadCourts()]);
    if (seq !== state.loadSeq) return;  // a newer load (e.g. another language) is on its way
    state.courts = courts;
    if (result.failed) {
      state.phase = 'failed';
      renderFailure(t(result.failed));
      return;
    }
    state.def = result.def;
    if (!languagesOfSurvey().includes(state.lang)) {
      const langs = languagesOfSurvey();
      state.lang = langs.includes('ru') ? 'ru' : langs[0];
      await load(keepAnswers);
      return;
    }
    if (state.phase !== 'thanks') state.phase = 'form';
    renderForm();
    if (answers) applyRaw(answers);
    updateVisibility(false);
    updateProgress();
  }

  // ---- rendering ----
  function renderChrome() {
    document.documentElement.lang = state.lang;
    $('skip-link').textContent = t('skip');
    const nav = $('lang-switch');
    nav.replaceChildren(...languagesOfSurvey().map((l) => el('button', {
      type: 'button', lang: l, 'data-lang': l, 'aria-pressed': l === state.lang ? 'true' : 'false',
      onclick: () => switchLanguage(l),
    }, LANG_NAMES[l])));
  }

  function renderFailure(message) {
    state.failedAt = Date.now();
    renderChrome();
    const main = $('main');
    main.replaceChildren(
      el('p', { class: 'notice notice-error', role: 'alert', id: 'load-error' }, message),
      el('button', { type: 'button', class: 'btn', onclick: () => { main.replaceChildren(el('p', { class: 'notice' }, t('loading'))); load(false); } }, t('reload')));
  }

  function renderForm() {
    renderChrome();
    const def = state.def;
    document.title = `${text(def.title)} — CourtVoice`;
    const main = $('main');
    const hasRequired = def.items.some((i) => i.required);

    const form = el('form', { id: 'survey-form', novalidate: true, 'aria-labelledby': 'survey-title' });
    form.addEventListener('submit', onSubmit);
    form.addEventListener('change', onAnswerChanged);
    form.addEventListener('input', onAnswerInput);
    def.items.forEach((item) => form.append(renderItem(item)));
    form.append(
      el('div', { class: 'form-error notice notice-error', id: 'form-error', role: 'alert', hidden: true }),
      el('div', { class: 'submit-row' },
        el('button', { type: 'submit', class: 'btn btn-large', id: 'submit' }, t('submit'))),
      el('div', { class: 'send-status', id: 'send-status', role: 'status', 'aria-live': 'polite' }),
      el('button', { type: 'button', class: 'btn btn-secondary', id: 'retry', hidden: true, onclick: retryNow }, t('retryNow')));

    main.replaceChildren(...[
      el('div', { class: 'survey-head' },
        el('h1', { id: 'survey-title' }, text(def.title)),
        def.intro ? el('p', { class: 'intro' }, text(def.intro)) : null,
        hasRequired ? el('p', { class: 'required-note' }, t('requiredNote')) : null),
      state.notice ? el('p', { class: 'notice', id: 'survey-notice', role: 'status', tabindex: '-1' }, state.notice) : null,
      renderCourtBlock(),
      el('div', { class: 'progress', id: 'progress' },
        el('span', { id: 'progress-text' }),
        el('span', { class: 'progress-track', 'aria-hidden': 'true' }, el('span', { class: 'progress-fill', id: 'progress-fill' }))),
      form,
      el('section', { class: 'thanks', id: 'thanks', hidden: true, tabindex: '-1', 'aria-labelledby': 'thanks-text' }),
    ].filter(Boolean));
  }

  function renderCourtBlock() {
    const block = el('section', { class: 'court-block', id: 'court-block', 'aria-labelledby': 'court-heading' });
    const known = state.courts ? state.courts.find((c) => c.code === state.court) : null;
    if (state.court && !state.courtPicking) {
      block.append(el('p', { class: 'court-chosen' },
        el('span', { id: 'court-heading' }, `${t('courtLabel')}: `),
        el('strong', { id: 'court-name' }, known ? known.name : state.court),
        courtFromUrl ? null : el('button', { type: 'button', class: 'btn btn-secondary btn-small', id: 'court-change',
          onclick: () => { state.courtPicking = true; rerenderCourt(); $('court-search').focus(); } }, t('changeCourt'))));
      block.append(el('p', { class: 'item-error', id: 'err-court', hidden: true }));
      return block;
    }
    block.classList.add('picking');
    block.append(el('h2', { id: 'court-heading' }, t('chooseCourt')));
    if (!state.courts) {
      block.append(el('p', { class: 'notice notice-error', role: 'alert' }, t('courtsFailed')),
        el('button', { type: 'button', class: 'btn', onclick: () => load(true) }, t('reload')));
      return block;
    }
    const search = el('input', { type: 'search', id: 'court-search', autocomplete: 'off',
      'aria-controls': 'court-list', 'aria-describedby': 'err-court' });
    const list = el('div', { class: 'court-list', id: 'court-list', role: 'radiogroup', 'aria-labelledby': 'court-heading' });
    state.courts.forEach((c) => {
      const id = `court-${c.code}`;
      list.append(el('div', { class: 'court-option', 'data-search': `${c.name} ${c.code} ${c.region}`.toLowerCase() },
        el('input', { type: 'radio', name: 'court', id, value: c.code, checked: c.code === state.court }),
        el('label', { for: id, 'data-court': c.code }, c.name)));
    });
    const none = el('p', { class: 'court-none', id: 'court-none', hidden: true }, t('noCourtFound'));
    search.addEventListener('input', () => {
      const q = search.value.trim().toLowerCase();
      let shown = 0;
      list.querySelectorAll('.court-option').forEach((o) => {
        o.hidden = q !== '' && !o.dataset.search.includes(q);
        if (!o.hidden) shown += 1;
      });
      none.hidden = shown > 0;
    });
    list.addEventListener('change', (ev) => {
      state.court = ev.target.value;
      state.courtPicking = false;
      rerenderCourt();
      const first = document.querySelector('#survey-form input, #survey-form textarea');
      if (first) first.focus();
    });
    block.append(el('label', { for: 'court-search', class: 'field-label' }, t('searchCourt')), search, list, none,
      el('p', { class: 'item-error', id: 'err-court', hidden: true }));
    return block;
  }

  function rerenderCourt() {
    $('court-block').replaceWith(renderCourtBlock());
  }

  function renderItem(item) {
    const legendId = `q-${item.id}-text`;
    const errId = `err-${item.id}`;
    const hintId = `hint-${item.id}`;
    const fieldset = el('fieldset', { class: `item type-${item.type}`, id: `item-${item.id}`, 'data-item': item.id });
    const legend = el('legend', { id: legendId, class: 'item-text' },
      el('span', { class: 'item-number', 'aria-hidden': 'true' }),
      el('span', { class: 'item-label' }, text(item.text)),
      item.required ? el('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null,
      item.required ? el('span', { class: 'sr-only' }, ` ${t('requiredSr')}`) : null);
    fieldset.append(legend);

    let hint = '';
    if (item.type === 'multiple_choice') hint = t('multipleHint');
    if (item.type === 'number') hint = t('numberHint', item.min, item.max);
    if (hint) fieldset.append(el('p', { class: 'hint', id: hintId }, hint));
    const describedBy = [hint ? hintId : '', errId].filter(Boolean).join(' ');

    const allowed = NON_ANSWERS.filter((n) => (item.non_answers || []).includes(n));
    const name = `q-${item.id}`;
    if (['agreement5', 'satisfaction5', 'scale0to10', 'single_choice'].includes(item.type)) {
      const group = el('div', { class: 'choices', role: 'radiogroup', 'aria-labelledby': legendId,
        'aria-describedby': describedBy, 'aria-required': item.required ? 'true' : null });
      const main = el('div', { class: `options options-${item.type}` });
      optionsOf(item).forEach((o) => main.append(choice('radio', name, o.value, o.label, '', item.id)));
      group.append(main);
      if (item.type === 'scale0to10') {
        group.append(el('div', { class: 'scale-ends', 'aria-hidden': 'true' },
          el('span', null, t('scaleLow')), el('span', null, t('scaleHigh'))));
      }
      if (allowed.length) {
        const quiet = el('div', { class: 'non-answers' });
        allowed.forEach((n) => quiet.append(choice('radio', name, `na:${n}`, NON_ANSWER_LABELS[n][state.lang], 'quiet', item.id)));
        group.append(quiet);
      }
      fieldset.append(group);
    } else if (item.type === 'multiple_choice') {
      const group = el('div', { class: 'choices', role: 'group', 'aria-labelledby': legendId, 'aria-describedby': describedBy });
      const main = el('div', { class: 'options options-multiple_choice' });
      optionsOf(item).forEach((o) => main.append(choice('checkbox', name, o.value, o.label, '', item.id)));
      group.append(main);
      if (allowed.length) group.append(nonAnswerChecks(item, allowed));
      fieldset.append(group);
    } else if (item.type === 'number') {
      fieldset.append(el('input', { type: 'number', id: `${name}-input`, name, inputmode: 'decimal', step: 'any',
        min: item.min, max: item.max, class: 'number-input', 'aria-labelledby': legendId, 'aria-describedby': describedBy,
        'aria-required': item.required ? 'true' : null }));
      if (allowed.length) fieldset.append(nonAnswerChecks(item, allowed));
    } else if (item.type === 'text') {
      const max = item.max_length || 1000;
      const counterId = `count-${item.id}`;
      fieldset.append(
        el('textarea', { id: `${name}-input`, name, maxlength: max, rows: '4', 'aria-labelledby': legendId,
          'aria-describedby': `${counterId} ${errId}`, 'aria-required': item.required ? 'true' : null, 'data-max': max }),
        el('p', { class: 'counter', id: counterId }, t('chars', 0, max)));
    }
    fieldset.append(el('p', { class: 'item-error', id: errId, hidden: true }));
    return fieldset;
  }

  function optionsOf(item) {
    if (item.type === 'agreement5' || item.type === 'satisfaction5') {
      return SCALE_LABELS[item.type][state.lang].map((label, i) => ({ value: String(i + 1), label }));
    }
    if (item.type === 'scale0to10') {
      return Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i) }));
    }
    return (item.options || []).map((o) => ({ value: String(o.code), label: text(o.label) }));
  }

  // Every answer input of an item has the id q-<item>-<value> (non-answers: q-<item>-na-<code>).
  function choice(type, name, value, label, extraClass, itemId) {
    const id = `q-${itemId}-${value.replace(':', '-')}`;
    return el('div', { class: `choice ${extraClass || ''}`.trim() },
      el('input', { type, name, id, value }),
      el('label', { for: id, 'data-value': value }, label));
  }

  // Non-answers of checkbox and number items: exclusive with the answer itself.
  function nonAnswerChecks(item, allowed) {
    const quiet = el('div', { class: 'non-answers' });
    allowed.forEach((n) => quiet.append(choice('checkbox', `na-${item.id}`, `na:${n}`, NON_ANSWER_LABELS[n][state.lang], 'quiet', item.id)));
    return quiet;
  }

  // ---- answers ----
  function itemOf(target) {
    const fieldset = target.closest ? target.closest('fieldset.item') : null;
    return fieldset ? state.def.items.find((i) => i.id === fieldset.dataset.item) : null;
  }

  // The answer as the API wants it, or undefined when the item has none.
  function answerOf(item) {
    const fs = $(`item-${item.id}`);
    const na = fs.querySelector('input[name^="na-"]:checked');
    if (na) return { non_answer: na.value.slice(3) };
    switch (item.type) {
      case 'multiple_choice': {
        const codes = Array.from(fs.querySelectorAll(`input[name="q-${item.id}"]:checked`), (i) => Number(i.value));
        return codes.length ? codes : undefined;
      }
      case 'number': {
        const raw = fs.querySelector('input[type="number"]').value.trim();
        return raw === '' ? undefined : Number(raw);
      }
      case 'text': {
        const value = fs.querySelector('textarea').value;
        return value.trim() === '' ? undefined : value.trim();
      }
      default: {
        const checked = fs.querySelector(`input[name="q-${item.id}"]:checked`);
        if (!checked) return undefined;
        return checked.value.startsWith('na:') ? { non_answer: checked.value.slice(3) } : Number(checked.value);
      }
    }
  }

  // The raw state of every input, to carry answers across a language switch or a reload.
  function collectRaw() {
    const raw = {};
    document.querySelectorAll('#survey-form input, #survey-form textarea').forEach((input) => {
      if (input.type === 'radio' || input.type === 'checkbox') {
        if (input.checked) raw[input.id] = true;
      } else if (input.value !== '') {
        raw[input.id] = input.value;
      }
    });
    return raw;
  }

  function applyRaw(raw) {
    for (const [id, value] of Object.entries(raw)) {
      const input = $(id);
      if (!input) continue;
      if (input.type === 'radio' || input.type === 'checkbox') input.checked = true;
      else input.value = value;
    }
    document.querySelectorAll('#survey-form textarea').forEach(updateCounter);
  }

  function clearItem(fs) {
    fs.querySelectorAll('input, textarea').forEach((input) => {
      if (input.type === 'radio' || input.type === 'checkbox') input.checked = false;
      else input.value = '';
    });
    fs.querySelectorAll('textarea').forEach(updateCounter);
    clearItemError(fs.dataset.item);
  }

  function isDirty() {
    if (!state.def || state.phase !== 'form') return false;
    return state.def.items.some((i) => answerOf(i) !== undefined) || state.lang !== defaultLang;
  }

  // Shows the items whose condition holds; hidden items lose their answers. Conditions refer to
  // earlier items only, so one pass in order settles chains.
  function updateVisibility(announceNew) {
    let appeared = false;
    let number = 0;
    for (const item of state.def.items) {
      const fs = $(`item-${item.id}`);
      let show = true;
      if (item.show_if) {
        const source = state.def.items.find((i) => i.id === item.show_if.item);
        const sourceFs = source ? $(`item-${source.id}`) : null;
        const answer = source && sourceFs && !sourceFs.hidden ? answerOf(source) : undefined;
        const codes = Array.isArray(answer) ? answer : (typeof answer === 'number' ? [answer] : []);
        show = codes.some((c) => (item.show_if.any_of || []).includes(c));
      }
      if (!show && !fs.hidden) clearItem(fs);
      if (show && fs.hidden) appeared = true;
      fs.hidden = !show;
      if (show) {
        number += 1;
        fs.querySelector('.item-number').textContent = `${number}. `;
      }
    }
    if (appeared && announceNew) announce(t('newQuestion'));
  }

  function updateProgress() {
    const items = visibleItems();
    const answered = items.filter((i) => answerOf(i) !== undefined).length;
    $('progress-text').textContent = t('progress', answered, items.length);
    const fill = $('progress-fill');
    // CSSOM writes are allowed under a 'self'-only CSP; style attributes in markup are not.
    fill.style.width = `${items.length ? Math.round((100 * answered) / items.length) : 0}%`;
  }

  function updateCounter(textarea) {
    const counter = $(`count-${textarea.closest('fieldset').dataset.item}`);
    const max = Number(textarea.dataset.max);
    counter.textContent = t('chars', textarea.value.length, max);
    counter.classList.toggle('near-limit', textarea.value.length >= max * 0.9);
  }

  function onAnswerChanged(ev) {
    const target = ev.target;
    const item = itemOf(target);
    if (!item) return;
    const fs = $(`item-${item.id}`);
    if (target.checked && target.type === 'checkbox') {
      // A non-answer excludes the answer and the other non-answers, and vice versa.
      if (target.name.startsWith('na-')) {
        fs.querySelectorAll('input').forEach((i) => {
          if (i !== target && (i.type === 'checkbox' || i.type === 'radio')) i.checked = false;
        });
        const number = fs.querySelector('input[type="number"]');
        if (number) number.value = '';
      } else {
        fs.querySelectorAll('input[name^="na-"]').forEach((i) => { i.checked = false; });
      }
    }
    if (answerOf(item) !== undefined) clearItemError(item.id);
    updateVisibility(true);
    updateProgress();
  }

  function onAnswerInput(ev) {
    const target = ev.target;
    const item = itemOf(target);
    if (!item) return;
    if (target.tagName === 'TEXTAREA') updateCounter(target);
    if (target.type === 'number' && target.value !== '') {
      $(`item-${item.id}`).querySelectorAll('input[name^="na-"]').forEach((i) => { i.checked = false; });
    }
    if (target.type === 'number' || target.tagName === 'TEXTAREA') {
      if (answerOf(item) !== undefined) clearItemError(item.id);
      updateProgress();
    }
  }

  // ---- validation and errors ----
  function localProblems() {
    const problems = [];
    if (!state.court) problems.push({ field: 'court', message: t('courtMissing') });
    for (const item of visibleItems()) {
      const answer = answerOf(item);
      if (item.type === 'number') {
        const input = $(`item-${item.id}`).querySelector('input[type="number"]');
        if (input.validity && input.validity.badInput) {
          problems.push({ field: `answers.${item.id}`, message: t('notANumber') });
          continue;
        }
        if (typeof answer === 'number' && (!Number.isFinite(answer) || answer < item.min || answer > item.max)) {
          problems.push({ field: `answers.${item.id}`, message: t('numberRange', item.min, item.max) });
          continue;
        }
      }
      if (item.required && answer === undefined) {
        problems.push({ field: `answers.${item.id}`, message: t('missing') });
      }
    }
    return problems;
  }

  function clearItemError(itemId) {
    const p = $(`err-${itemId}`);
    if (!p) return;
    p.hidden = true;
    p.textContent = '';
    const fs = $(`item-${itemId}`);
    if (fs) {
      fs.classList.remove('has-error');
      fs.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
    }
    if (!document.querySelector('.item-error:not([hidden])')) {
      const formError = $('form-error');
      if (formError) formError.hidden = true;
    }
  }

  function clearErrors() {
    document.querySelectorAll('.item-error').forEach((p) => { p.hidden = true; p.textContent = ''; });
    document.querySelectorAll('.has-error').forEach((n) => n.classList.remove('has-error'));
    document.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
    $('form-error').hidden = true;
  }

  // Shows each problem next to its item (or the court), then moves focus to the first one.
  function showProblems(problems, summary) {
    let first = null;
    let placed = 0;
    for (const problem of problems) {
      const field = problem.field || '';
      const itemId = field.startsWith('answers.') ? field.slice(8).split(/[.[]/)[0] : (field === 'court' ? 'court' : '');
      const p = itemId ? $(`err-${itemId}`) : null;
      if (!p) continue;
      if (!p.hidden) continue;  // the first problem per item is enough
      p.textContent = problem.message;
      p.hidden = false;
      placed += 1;
      const container = itemId === 'court' ? $('court-block') : $(`item-${itemId}`);
      container.classList.add('has-error');
      container.querySelectorAll('.choices, input[type="number"], textarea, #court-search').forEach((n) => n.setAttribute('aria-invalid', 'true'));
      if (!first) first = container;
    }
    const formError = $('form-error');
    formError.textContent = summary || t('missingSummary', placed);
    formError.hidden = false;
    if (first) focusContainer(first);
  }

  function focusContainer(container) {
    const target = container.querySelector('input:checked, input:not([type="radio"]):not([type="checkbox"]), textarea')
      || container.querySelector('input, textarea, button');
    container.scrollIntoView({ block: 'center' });
    if (target) target.focus({ preventScroll: true });
  }

  // ---- submission ----
  function buildPayload() {
    const answers = {};
    for (const item of visibleItems()) {
      const answer = answerOf(item);
      if (answer !== undefined) answers[item.id] = answer;
    }
    const payload = { submission_id: state.submissionId, court: state.court, channel, language: state.lang, answers };
    if (Number.isInteger(state.def.version)) payload.version = state.def.version;
    return payload;
  }

  function onSubmit(ev) {
    ev.preventDefault();
    if (state.sending) return;
    clearErrors();
    const problems = localProblems();
    if (problems.length) {
      showProblems(problems);
      return;
    }
    send();
  }

  function setSending(sending) {
    state.sending = sending;
    const button = $('submit');
    if (!button) return;
    button.disabled = sending;
    button.textContent = sending ? t('sending') : t('submit');
    $('survey-form').setAttribute('aria-busy', sending ? 'true' : 'false');
  }

  async function send() {
    window.clearTimeout(timers.retry);
    state.retryAt = 0;
    setSending(true);
    $('retry').hidden = true;
    $('send-status').textContent = state.retryAttempt ? t('retrying') : '';
    const payload = buildPayload();
    let response;
    try {
      response = await fetchWithTimeout(`/api/v1/surveys/${encodeURIComponent(surveyId)}/responses`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
      });
    } catch (e) {
      setSending(false);
      scheduleRetry();
      return;
    }
    if (response.status === 200 || response.status === 201) {
      setSending(false);
      showThanks();
      return;
    }
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      setSending(false);
      scheduleRetry();
      return;
    }
    const error = await readError(response);
    setSending(false);
    state.retryAttempt = 0;
    $('send-status').textContent = '';
    if (response.status === 409 && error.code === 'version_not_published') {
      state.notice = t('versionChanged');
      await load(true);
      const notice = $('survey-notice');
      if (notice) notice.focus();
      return;
    }
    if (response.status === 409) {
      state.phase = 'failed';
      renderFailure(t('closed'));
      return;
    }
    const details = Array.isArray(error.details) && error.details.length ? error.details : [error];
    const problems = details.map((d) => {
      const known = ERROR_TEXT[d.code];
      const local = known ? t(known) : '';
      return { field: d.field || '', message: local && d.message ? `${local} (${d.message})` : (local || d.message || t('rejected')) };
    });
    if (problems.some((p) => p.field === 'court')) {
      state.courtPicking = !courtFromUrl && !!state.courts;
      rerenderCourt();
    }
    const general = response.status === 413 ? t('tooLarge') : `${t('rejected')} ${error.message || ''}`.trim();
    showProblems(problems, general);
  }

  function scheduleRetry() {
    const delay = RETRY_DELAYS[Math.min(state.retryAttempt, RETRY_DELAYS.length - 1)];
    state.retryAttempt += 1;
    state.retryAt = Date.now() + delay * 1000;
    $('retry').hidden = false;
    updateRetryStatus();
    timers.retry = window.setTimeout(send, delay * 1000);
  }

  function updateRetryStatus() {
    if (!state.retryAt || state.sending) return;
    const left = Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000));
    $('send-status').textContent = t('retryIn', left);
  }

  function retryNow() {
    if (!state.sending) send();
  }

  function showThanks() {
    state.phase = 'thanks';
    state.retryAttempt = 0;
    state.retryAt = 0;
    state.thanksAt = Date.now();
    state.notice = '';
    $('survey-form').hidden = true;
    $('progress').hidden = true;
    $('court-block').hidden = true;
    document.querySelectorAll('.required-note').forEach((n) => { n.hidden = true; });
    const notice = $('survey-notice');
    if (notice) notice.hidden = true;
    const thanks = $('thanks');
    thanks.replaceChildren(
      el('p', { class: 'thanks-text', id: 'thanks-text' }, text(state.def.thanks) || t('thanks')));
    if (kiosk) {
      thanks.append(
        el('p', { class: 'thanks-countdown', id: 'thanks-countdown' }, t('newFormIn', Math.ceil(resetAfterThanks))),
        el('button', { type: 'button', class: 'btn btn-large', id: 'start-over', onclick: resetForm }, t('startOver')));
    }
    thanks.hidden = false;
    thanks.focus();
    window.scrollTo(0, 0);
  }

  // Kiosk: a fresh form for the next person, in the kiosk's own language, with a new submission id.
  function resetForm() {
    window.clearTimeout(timers.retry);
    hideIdleWarning();
    state.submissionId = newSubmissionId();
    state.phase = 'form';
    state.sending = false;
    state.retryAttempt = 0;
    state.retryAt = 0;
    state.notice = '';
    state.court = courtFromUrl || state.court;
    state.courtPicking = !state.court;
    state.lastActivity = Date.now();
    const languageChanged = state.lang !== defaultLang;
    state.lang = defaultLang;
    window.scrollTo(0, 0);
    if (languageChanged) {
      load(false);
    } else {
      renderForm();
      updateVisibility(false);
      updateProgress();
    }
    $('main').focus();
  }

  async function switchLanguage(lang) {
    if (lang === state.lang) return;
    state.lang = lang;
    if (!kiosk) {
      try { window.localStorage.setItem(LANG_KEY, lang); } catch (e) { /* storage blocked: fine */ }
    }
    if (state.phase === 'thanks') {
      await load(false);
      showThanks();
    } else {
      await load(true);
    }
    const button = document.querySelector(`#lang-switch button[data-lang="${lang}"]`);
    if (button) button.focus();
  }

  // ---- kiosk timers ----
  function showIdleWarning(secondsLeft) {
    let dialog = $('idle-dialog');
    if (!dialog) {
      dialog = el('div', { class: 'idle-backdrop', id: 'idle-dialog' },
        el('div', { class: 'idle-box', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'idle-title', 'aria-describedby': 'idle-text' },
          el('h2', { id: 'idle-title' }, t('idleTitle')),
          el('p', { id: 'idle-text' }),
          el('button', { type: 'button', class: 'btn btn-large', id: 'idle-continue', onclick: () => { state.lastActivity = Date.now(); hideIdleWarning(); } }, t('continue'))));
      document.body.append(dialog);
      $('idle-continue').focus();
    }
    $('idle-text').textContent = t('idleText', secondsLeft);
  }

  function hideIdleWarning() {
    const dialog = $('idle-dialog');
    if (dialog) dialog.remove();
  }

  function tick() {
    const now = Date.now();
    if (state.retryAt) updateRetryStatus();
    if (!kiosk) return;
    // A kiosk has nobody to press "reload": it tries again by itself.
    if (state.phase === 'failed' && now - state.failedAt > KIOSK_RELOAD_MS) {
      state.failedAt = now;
      state.phase = 'loading';
      load(false);
      return;
    }
    if (state.phase === 'thanks') {
      const left = Math.ceil(resetAfterThanks - (now - state.thanksAt) / 1000);
      if (left <= 0) resetForm();
      else if ($('thanks-countdown')) $('thanks-countdown').textContent = t('newFormIn', left);
      return;
    }
    // Unsent answers waiting for a retry are never thrown away.
    if (state.phase !== 'form' || state.sending || state.retryAt || !isDirty()) {
      hideIdleWarning();
      return;
    }
    const idle = (now - state.lastActivity) / 1000;
    if (idle >= idleLimit) resetForm();
    else if (idle >= idleLimit - idleWarning) showIdleWarning(Math.ceil(idleLimit - idle));
  }

  function onActivity(ev) {
    // Typing or tapping inside the warning only counts through its button.
    if (ev && ev.target && ev.target.closest && ev.target.closest('#idle-dialog')) return;
    state.lastActivity = Date.now();
    hideIdleWarning();
  }

  // ---- start ----
  function start() {
    ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'].forEach((type) =>
      document.addEventListener(type, onActivity, { passive: true, capture: true }));
    timers.tick = window.setInterval(tick, 500);
    renderChrome();
    if (!surveyId) {
      state.phase = 'failed';
      renderFailure(t('notFound'));
      return;
    }
    load(false);
  }

  start();
})();
