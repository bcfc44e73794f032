/* CourtVoice respondent page: /s/{surveyId}?court=CODE&channel=kiosk|web&lang=kk|ru|en
   Optional for kiosks and tests: &reset=SECONDS (new form after thanks, default 20) and
   &idle=SECONDS (clear an abandoned form, default 90). A kiosk reads what its URL lacks (court,
   language, idle time, kiosk token) from the device settings saved by /kiosk; without a fixed
   language it opens on a start screen with one large button per language.
   Invitation surveys (audience staff or judge) first ask for the invitation code, or take it from
   the link's fragment #code=... (removed from the address bar at once).
   On the web the page stores nothing but the language choice. A kiosk keeps each submitted
   response in localStorage until the server acknowledges it (device_store.js), so that a network
   or server outage loses nothing and the next visitor sees a fresh form.
   Plain ES2017, no dependencies. */
'use strict';

(function () {
  const { UI, SCALE_LABELS, NON_ANSWER_LABELS, ERROR_KEYS } = window.CourtVoiceSurveyTexts;
  const device = window.CourtVoiceDevice;
  const LANGS = ['kk', 'ru', 'en'];
  const LANG_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
  const LANG_KEY = 'courtvoice.lang';
  const NON_ANSWERS = ['not_applicable', 'dont_know', 'no_opinion'];
  const FIVE_POINT = ['agreement5', 'satisfaction5', 'scale5'];
  // The invitation code alphabet of the API: 32 symbols, no 0, O, 1, I.
  const CODE_RE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{16}$/;

  const RETRY_DELAYS = [2, 4, 8, 15, 30, 60];
  const REQUEST_TIMEOUT_MS = 20000;
  const KIOSK_RELOAD_MS = 30000;

  // ---- page parameters ----
  const params = new URLSearchParams(window.location.search);
  const surveyId = decodeURIComponent(window.location.pathname.replace(/^\/s\//, '').replace(/\/+$/, ''));
  const kiosk = params.get('channel') === 'kiosk';
  const channel = kiosk ? 'kiosk' : 'web';
  const deviceSettings = kiosk ? (device.settings() || {}) : {};
  const resetAfterThanks = positiveSeconds(params.get('reset'), 20);
  const idleLimit = positiveSeconds(params.get('idle'), positiveSeconds(deviceSettings.idle, 90));
  const idleWarning = Math.min(15, Math.max(1, Math.ceil(idleLimit / 3)));
  const courtPreset = ((params.get('court') || '').trim() || (kiosk && deviceSettings.court) || '').trim();
  const fixedLang = LANGS.includes(params.get('lang')) ? params.get('lang')
    : (kiosk && LANGS.includes(deviceSettings.lang) ? deviceSettings.lang : '');
  const defaultLang = fixedLang || initialLanguage();
  const codeFromLink = takeCodeFromFragment();

  const state = {
    lang: defaultLang,
    def: null,
    courts: null,            // [{code, name, region}] in state.lang, or null when not loaded
    court: courtPreset,
    courtLocked: !!courtPreset,  // a court given by the link, the device or the invitation
    courtPicking: !courtPreset,
    courtLinkBad: '',        // the link's court when the registry does not know it (until one is picked)
    presetBad: false,        // the link's (or device's) court is not in the registry
    submissionId: newSubmissionId(),
    phase: kiosk && !fixedLang ? 'start' : 'loading',  // start | loading | code | form | thanks | failed
    languageChosen: false,   // kiosk start screen: a visitor pressed a language
    sending: false,
    pending: null,           // the payload being sent (web): retries resend exactly it
    retryAttempt: 0,
    retryAt: 0,
    retryReason: '',
    lastActivity: Date.now(),
    thanksAt: 0,
    kept: false,             // the thanks followed a response kept on the device
    failedAt: 0,
    loadSeq: 0,
    notice: '',              // a message above the form that survives a re-render
    progress: { answered: 0, pct: 0 },
    invitation: null,        // {code, court, region, courts: [{code, name}], expiresOn} once checked
    codeDraft: codeFromLink,
    codeError: null,         // {code, seconds} of the last refused check, re-translated on a language switch
    checking: false,
    codeFromLinkTried: false,
  };

  const timers = { retry: 0, tick: 0 };
  const outbox = { running: false, nextAt: 0, attempt: 0, inFlight: '' };

  // ---- helpers ----
  function positiveSeconds(value, fallback) {
    const n = Number(value);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  }

  function t(key, ...args) {
    const entry = (UI[state.lang] || UI.ru)[key];
    return typeof entry === 'function' ? entry(...args) : entry;
  }

  // A server error code in the page's language; unknown codes get a general sentence.
  function errorText(code, seconds) {
    return t(ERROR_KEYS[code] || 'rejected', seconds || 1);
  }

  function initialLanguage() {
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

  // An invitation link carries its code in the fragment (never sent to a server); it leaves the
  // address bar (and the history) before anything else happens.
  function takeCodeFromFragment() {
    const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    const code = fragment.get('code');
    if (code === null) return '';
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return code;
  }

  function normaliseCode(raw) { return String(raw || '').toUpperCase().replace(/[\s-]+/g, ''); }
  function formatCode(code) { return code.match(/.{1,4}/g).join('-'); }

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

  function needsCode() {
    return !!state.def && (state.def.audience === 'staff' || state.def.audience === 'judge');
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
      if (body && body.error) return Object.assign({ code: '', message: '', field: '' }, body.error);
    } catch (e) { /* not JSON */ }
    return { code: '', message: '', field: '' };
  }

  function retryAfterSeconds(response) {
    const n = Number(response.headers.get('Retry-After'));
    return Number.isFinite(n) && n > 0 ? Math.ceil(n) : 0;
  }

  // Headers of the public POSTs: a kiosk names itself with the token stored by /kiosk.
  function postHeaders() {
    const headers = { 'Content-Type': 'application/json' };
    const token = kiosk ? (device.settings() || {}).token : '';
    if (token) headers['X-Kiosk-Token'] = token;
    return headers;
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
    settleCourt();
    if (state.phase === 'loading' || state.phase === 'failed') state.phase = entryPhase();
    render();
    if (answers) applyRaw(answers);
    if ($('survey-form')) {
      updateVisibility(false);
      updateProgress();
    }
    if (state.phase === 'code' && state.codeDraft && !state.codeFromLinkTried) {
      state.codeFromLinkTried = true;
      submitCode();
    }
  }

  function entryPhase() {
    if (kiosk && !fixedLang && !state.languageChosen) return 'start';
    if (needsCode() && !state.invitation) return 'code';
    return 'form';
  }

  // The courts a response may name: every active court, or those the invitation allows.
  function courtChoices() {
    const allowed = state.invitation && state.invitation.courts.length ? state.invitation.courts : null;
    if (!state.courts) return allowed;
    if (!allowed) return state.courts;
    const codes = new Set(allowed.map((c) => c.code));
    return state.courts.filter((c) => codes.has(c.code));
  }

  // Sorted by name in the page's language (the codes mean nothing to a citizen).
  function sortedCourts(list) {
    return list.slice().sort((a, b) => a.name.localeCompare(b.name, state.lang) || a.code.localeCompare(b.code));
  }

  // Checks the court of the link (or the device) against the registry as soon as it is loaded, and
  // takes the court from a checked invitation.
  function settleCourt() {
    const inv = state.invitation;
    if (inv) {
      const codes = inv.courts.map((c) => c.code);
      const only = inv.court || (codes.length === 1 ? codes[0] : '');
      if (only) {
        state.court = only;
        state.courtLocked = true;
        state.courtPicking = false;
      } else if (codes.length && !codes.includes(state.court)) {
        state.court = '';
        state.courtLocked = false;
        state.courtPicking = true;
      }
      return;
    }
    const choices = courtChoices();
    if (state.court && state.courtLocked && choices && !choices.some((c) => c.code === state.court)) {
      state.courtLinkBad = state.court;
      state.presetBad = true;
      state.court = '';
      state.courtLocked = false;
      state.courtPicking = true;
    }
  }

  // ---- rendering ----
  function renderChrome() {
    document.documentElement.lang = state.lang;
    $('skip-link').textContent = t('skip');
    const nav = $('lang-switch');
    nav.hidden = state.phase === 'start';
    nav.replaceChildren(...languagesOfSurvey().map((l) => el('button', {
      type: 'button', lang: l, 'data-lang': l, 'aria-pressed': l === state.lang ? 'true' : 'false',
      onclick: () => switchLanguage(l),
    }, LANG_NAMES[l])));
  }

  function render() {
    if (state.phase === 'start') renderStart();
    else if (state.phase === 'code') renderCodePage();
    else renderForm();
  }

  function renderFailure(message) {
    state.failedAt = Date.now();
    renderChrome();
    const main = $('main');
    main.replaceChildren(
      el('p', { class: 'notice notice-error', role: 'alert', id: 'load-error' }, message),
      el('button', { type: 'button', class: 'btn', onclick: () => { main.replaceChildren(el('p', { class: 'notice' }, t('loading'))); load(false); } }, t('reload')));
  }

  // Kiosk start screen: one large button per language, each labelled in its own language.
  function renderStart() {
    renderChrome();
    document.title = 'CourtVoice';
    $('main').replaceChildren(el('section', { class: 'kiosk-start', id: 'kiosk-start', 'aria-label': 'CourtVoice' },
      ...languagesOfSurvey().map((l) => el('button', { type: 'button', class: 'btn kiosk-lang', id: `start-${l}`, lang: l,
        onclick: () => chooseKioskLanguage(l) },
      el('span', { class: 'kiosk-lang-name' }, LANG_NAMES[l]),
      el('span', { class: 'kiosk-lang-action' }, UI[l].kioskStart)))));
  }

  async function chooseKioskLanguage(lang) {
    state.languageChosen = true;
    state.lastActivity = Date.now();
    state.phase = 'loading';
    if (lang !== state.lang || !state.def) {
      state.lang = lang;
      await load(false);
    } else {
      state.phase = entryPhase();
      render();
      if ($('survey-form')) { updateVisibility(false); updateProgress(); }
    }
    $('main').focus();
  }

  // Invitation surveys: the code first, with the promise that it is not kept with the answers.
  function renderCodePage() {
    renderChrome();
    const def = state.def;
    document.title = `${text(def.title)} — CourtVoice`;
    const input = el('input', { type: 'text', id: 'invite-code', name: 'invitation_code', autocomplete: 'off',
      autocapitalize: 'characters', spellcheck: 'false', maxlength: '40', class: 'code-input',
      'aria-describedby': 'invite-promise invite-error' });
    input.value = state.codeDraft;
    input.addEventListener('input', () => { state.codeDraft = input.value; });
    const form = el('form', { id: 'code-form', class: 'code-page', novalidate: true, 'aria-labelledby': 'code-title' },
      el('h2', { id: 'code-title' }, t('codeTitle')),
      el('p', { id: 'code-intro' }, t('codeIntro')),
      el('p', { class: 'notice', id: 'invite-promise' }, t('codePromise')),
      el('label', { for: 'invite-code', class: 'field-label' }, t('codeLabel')),
      input,
      el('p', { class: 'item-error', id: 'invite-error', role: 'alert', hidden: true }),
      el('div', { class: 'submit-row' },
        el('button', { type: 'submit', class: 'btn btn-large', id: 'invite-check' }, t('codeCheck'))));
    form.addEventListener('submit', (ev) => { ev.preventDefault(); submitCode(); });
    $('main').replaceChildren(
      el('div', { class: 'survey-head' }, el('h1', { id: 'survey-title' }, text(def.title))),
      form);
    if (state.codeError) showCodeError(state.codeError.code, state.codeError.seconds);
  }

  function showCodeError(code, seconds) {
    state.codeError = { code, seconds };
    const p = $('invite-error');
    if (!p) return;
    p.textContent = code === 'offline' ? t('loadFailed') : errorText(code, seconds);
    p.dataset.code = code;
    p.hidden = false;
    $('invite-code').setAttribute('aria-invalid', 'true');
    $('invite-code').focus();
  }

  async function submitCode() {
    if (state.checking) return;
    const code = normaliseCode(state.codeDraft);
    if (!code) { showCodeError('invitation_required'); return; }
    if (!CODE_RE.test(code)) { showCodeError('invitation_malformed'); return; }
    state.checking = true;
    const button = $('invite-check');
    if (button) { button.disabled = true; button.textContent = t('codeChecking'); }
    let response;
    try {
      response = await fetchWithTimeout(`/api/v1/surveys/${encodeURIComponent(surveyId)}/invitation-check?lang=${state.lang}`, {
        method: 'POST', headers: postHeaders(), body: JSON.stringify({ invitation_code: formatCode(code) }) });
    } catch (e) {
      response = null;
    }
    state.checking = false;
    if (state.phase !== 'code') return;
    if (button && button.isConnected) { button.disabled = false; button.textContent = t('codeCheck'); }
    if (!response) { showCodeError('offline'); return; }
    if (response.ok) {
      const body = await response.json();
      state.invitation = {
        code: formatCode(code), court: body.court || null, region: body.region || null, expiresOn: body.expires_on || '',
        courts: Array.isArray(body.courts) ? body.courts.map((c) => ({ code: c.code, name: text(c.name) || c.code, region: '' })) : [],
      };
      state.codeDraft = '';
      state.codeError = null;
      settleCourt();
      state.phase = 'form';
      render();
      updateVisibility(false);
      updateProgress();
      $('main').focus();
      return;
    }
    const error = await readError(response);
    showCodeError(error.code || (response.status === 429 ? 'rate_limited' : ''), retryAfterSeconds(response));
  }

  function renderForm() {
    renderChrome();
    const def = state.def;
    document.title = `${text(def.title)} — CourtVoice`;
    const main = $('main');
    const hasRequired = def.items.some((i) => i.required);
    state.progress = { answered: 0, pct: 0 };

    const form = el('form', { id: 'survey-form', novalidate: true, 'aria-labelledby': 'survey-title' });
    form.addEventListener('submit', onSubmit);
    form.addEventListener('change', onAnswerChanged);
    form.addEventListener('input', onAnswerInput);
    form.addEventListener('keydown', onFormKeydown);
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
        def.intro ? el('p', { class: 'intro', id: 'survey-intro' }, text(def.intro)) : null,
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
    const choices = courtChoices();
    const known = (choices || []).find((c) => c.code === state.court);
    if (state.court && !state.courtPicking) {
      block.append(el('p', { class: 'court-chosen' },
        el('span', { id: 'court-heading' }, `${t('courtLabel')}: `),
        el('strong', { id: 'court-name' }, known ? known.name : state.court),
        state.courtLocked ? null : el('button', { type: 'button', class: 'btn btn-secondary btn-small', id: 'court-change',
          onclick: () => { state.courtPicking = true; rerenderCourt(); $('court-search').focus(); } }, t('changeCourt'))));
      block.append(el('p', { class: 'item-error', id: 'err-court', hidden: true }));
      return block;
    }
    block.classList.add('picking');
    block.append(el('h2', { id: 'court-heading' }, t('chooseCourt')));
    if (state.courtLinkBad) {
      block.append(el('p', { class: 'notice notice-error', id: 'court-link-error' }, t('courtLinkUnknown', state.courtLinkBad)));
    }
    if (!choices) {
      block.append(el('p', { class: 'notice notice-error', role: 'alert' }, t('courtsFailed')),
        el('button', { type: 'button', class: 'btn', onclick: () => load(true) }, t('reload')));
      return block;
    }
    const search = el('input', { type: 'search', id: 'court-search', autocomplete: 'off',
      'aria-controls': 'court-list', 'aria-describedby': 'err-court' });
    const list = el('div', { class: 'court-list', id: 'court-list', role: 'radiogroup', 'aria-labelledby': 'court-heading' });
    sortedCourts(choices).forEach((c) => {
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
      state.courtLinkBad = '';
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

  // Labels of the points of a scale item, [{value, label}] in value order: a scale5 item's own (all
  // five), or those a 0-10 item gives (at least both ends).
  function scaleLabelsOf(item) {
    return (Array.isArray(item.scale_labels) ? item.scale_labels : [])
      .map((l) => ({ value: Number(l.value), label: text(l.label) }))
      .filter((l) => Number.isInteger(l.value) && l.label)
      .sort((a, b) => a.value - b.value);
  }

  // What is shown under a 0-10 scale: the item's own scale_labels; else, for a first-edition item
  // whose question text ends with its ends ("0 — совсем маловероятно, 10 — очень вероятно"), those;
  // else nothing. Never generic words that could contradict the question.
  function scaleEnds(item) {
    const own = scaleLabelsOf(item);
    if (own.length) return { own: true, labels: own };
    const m = /(?:^|[\s(])0\s*[—–=-]\s*([^,;]+?)\s*[,;]\s*10\s*[—–=-]\s*([^.)]+?)\s*[.)]?\s*$/.exec(text(item.text) || '');
    return m ? { own: false, labels: [{ value: 0, label: m[1] }, { value: 10, label: m[2] }] } : null;
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
    if (['agreement5', 'satisfaction5', 'scale5', 'scale0to10', 'single_choice'].includes(item.type)) {
      const group = el('div', { class: 'choices', role: 'radiogroup', 'aria-labelledby': legendId,
        'aria-describedby': describedBy, 'aria-required': item.required ? 'true' : null });
      const fivePoint = FIVE_POINT.includes(item.type);
      const main = el('div', { class: `options options-${item.type}${fivePoint ? ' options-five' : ''}` });
      const ends = item.type === 'scale0to10' ? scaleEnds(item) : null;
      // Labels of 0-10 points that the question text does not already say: a screen reader hears
      // them with the number ("0, not at all likely"); the row under the scale is for the eye.
      const spoken = new Map(ends && ends.own ? ends.labels.map((l) => [String(l.value), l.label]) : []);
      optionsOf(item).forEach((o) => main.append(choice('radio', name, o.value, o.label, '', item.id, spoken.get(o.value))));
      group.append(main);
      if (ends) {
        group.append(el('div', { class: `scale-ends${ends.labels.length > 2 ? ' scale-ends-inner' : ''}`, id: `ends-${item.id}`, 'aria-hidden': 'true' },
          ...ends.labels.map((l) => el('span', { 'data-value': String(l.value) }, `${l.value} — ${l.label}`))));
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
    if (item.type === 'scale5') {
      return scaleLabelsOf(item).map((l) => ({ value: String(l.value), label: l.label }));
    }
    if (item.type === 'scale0to10') {
      return Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i) }));
    }
    return (item.options || []).map((o) => ({ value: String(o.code), label: text(o.label) }));
  }

  // Every answer input of an item has the id q-<item>-<value> (non-answers: q-<item>-na-<code>).
  // `spoken`: words a screen reader adds to the label (the visible label stays short).
  function choice(type, name, value, label, extraClass, itemId, spoken) {
    const id = `q-${itemId}-${value.replace(':', '-')}`;
    return el('div', { class: `choice ${extraClass || ''}`.trim() },
      el('input', { type, name, id, value }),
      el('label', { for: id, 'data-value': value }, label, spoken ? el('span', { class: 'sr-only' }, `, ${spoken}`) : null));
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

  function isSubstantive(answer) {
    return answer !== undefined && !(answer && typeof answer === 'object' && !Array.isArray(answer) && answer.non_answer);
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
    return state.def.items.some((i) => answerOf(i) !== undefined) || state.lang !== defaultLang || state.languageChosen;
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

  // Counts the items on screen. Items opened by a condition raise the total, but the bar does not
  // move back for that: it only shrinks when an answer is taken away.
  function updateProgress() {
    const items = visibleItems();
    const answered = items.filter((i) => answerOf(i) !== undefined).length;
    $('progress-text').textContent = t('progress', answered, items.length);
    let pct = items.length ? Math.round((100 * answered) / items.length) : 0;
    if (answered >= state.progress.answered) pct = Math.max(pct, state.progress.pct);
    state.progress = { answered, pct };
    // CSSOM writes are allowed under a 'self'-only CSP; style attributes in markup are not.
    $('progress-fill').style.width = `${pct}%`;
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

  // Enter on an option chooses it (as Space does); Enter in a field does nothing. Only the submit
  // button submits: a browser's implicit submission would send a half-answered form.
  function onFormKeydown(ev) {
    if (ev.key !== 'Enter' || ev.isComposing) return;
    const target = ev.target;
    if (target.tagName !== 'INPUT') return;
    ev.preventDefault();
    if (target.type === 'checkbox' || (target.type === 'radio' && !target.checked)) target.click();
  }

  // ---- validation and errors ----
  function localProblems() {
    const problems = [];
    if (!state.court) problems.push({ field: 'court', message: state.courtLinkBad ? t('courtUnknownChoose') : t('courtMissing') });
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
    else formError.scrollIntoView({ block: 'center' });
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
    if (state.invitation) payload.invitation_code = state.invitation.code;
    return payload;
  }

  // One POST of a response: 'stored' (201 or 200 duplicate), 'retry' (no answer, 5xx, 408, 429:
  // the same body goes again later) or 'refused' (any other 4xx, with the error).
  async function postResponse(survey, payload) {
    let response;
    try {
      response = await fetchWithTimeout(`/api/v1/surveys/${encodeURIComponent(survey)}/responses`, {
        method: 'POST', headers: postHeaders(), body: JSON.stringify(payload) });
    } catch (e) {
      return { kind: 'retry', retryAfter: 0, error: { code: '' } };
    }
    if (response.status === 200 || response.status === 201) return { kind: 'stored' };
    const error = await readError(response);
    const retryAfter = retryAfterSeconds(response);
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      return { kind: 'retry', retryAfter, status: response.status, error };
    }
    return { kind: 'refused', status: response.status, error };
  }

  function onSubmit(ev) {
    ev.preventDefault();
    if (state.sending || state.pending || state.phase !== 'form') return;
    clearErrors();
    const problems = localProblems();
    if (problems.length) {
      showProblems(problems);
      return;
    }
    if (!visibleItems().some((i) => isSubstantive(answerOf(i)))) {
      showProblems([], t('emptyForm'));
      return;
    }
    state.pending = buildPayload();
    if (kiosk) sendFromKiosk();
    else send();
  }

  function setSending(sending) {
    state.sending = sending;
    const button = $('submit');
    if (!button) return;
    button.textContent = sending ? t('sending') : t('submit');
    $('survey-form').setAttribute('aria-busy', sending ? 'true' : 'false');
  }

  // A submitted form is frozen: what was sent cannot change under the same submission id.
  function setFrozen(frozen) {
    document.querySelectorAll('#survey-form input, #survey-form textarea, #submit, #court-block input, #court-block button')
      .forEach((n) => { n.disabled = frozen; });
  }

  // Kiosk: the response is on the device before it is sent; the visitor sees the thanks whether
  // the server answered or not, and the device sends what it keeps in the background.
  async function sendFromKiosk() {
    const payload = state.pending;
    try {
      device.keep(surveyId, payload);
    } catch (e) {
      send();  // storage full or blocked: send from the page, as on the web
      return;
    }
    updateMark();
    setSending(true);
    setFrozen(true);
    outbox.inFlight = payload.submission_id;
    const result = await postResponse(surveyId, payload);
    outbox.inFlight = '';
    setSending(false);
    if (result.kind === 'retry') {
      backOff(result.retryAfter);
      showThanks(true);
    } else if (result.kind === 'stored') {
      device.forget(payload.submission_id);
      showThanks(false);
    } else {
      // Refused while the visitor is still here: they can correct it.
      device.forget(payload.submission_id);
      state.pending = null;
      setFrozen(false);
      await handleRefusal(result);
    }
    updateMark();
  }

  async function send() {
    window.clearTimeout(timers.retry);
    state.retryAt = 0;
    setSending(true);
    setFrozen(true);
    $('retry').hidden = true;
    $('send-status').textContent = state.retryAttempt ? t('retrying') : '';
    const result = await postResponse(surveyId, state.pending);
    setSending(false);
    if (result.kind === 'stored') {
      showThanks(false);
      return;
    }
    if (result.kind === 'retry') {
      scheduleRetry(result.retryAfter, result.error.code === 'rate_limited' || result.status === 429);
      return;
    }
    state.pending = null;
    setFrozen(false);
    state.retryAttempt = 0;
    $('send-status').textContent = '';
    await handleRefusal(result);
  }

  async function handleRefusal({ status, error }) {
    if (status === 409 && error.code === 'version_not_published') {
      state.notice = t('versionChanged');
      await load(true);
      const notice = $('survey-notice');
      if (notice) notice.focus();
      return;
    }
    if (status === 409 && !error.code.startsWith('invitation_')) {
      state.phase = 'failed';
      renderFailure(t('closed'));
      return;
    }
    const details = Array.isArray(error.details) && error.details.length ? error.details : [error];
    const problems = details.map((d) => ({ field: d.field || '', message: errorText(d.code) }));
    if (problems.some((p) => p.field === 'court')) {
      state.courtPicking = !state.courtLocked && !!courtChoices();
      rerenderCourt();
    }
    const onItem = String(error.field || '').startsWith('answers.') || error.field === 'court';
    const general = status === 413 ? t('tooLarge') : (onItem ? t('rejected') : errorText(error.code));
    showProblems(problems, general);
  }

  function scheduleRetry(retryAfter, rateLimited) {
    const delay = Math.max(retryAfter || 0, RETRY_DELAYS[Math.min(state.retryAttempt, RETRY_DELAYS.length - 1)]);
    state.retryAttempt += 1;
    state.retryAt = Date.now() + delay * 1000;
    state.retryReason = rateLimited ? 'rate_limited' : '';
    $('retry').hidden = false;
    updateRetryStatus();
    timers.retry = window.setTimeout(send, delay * 1000);
  }

  function updateRetryStatus() {
    if (!state.retryAt || state.sending || !$('send-status')) return;
    const left = Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000));
    $('send-status').textContent = state.retryReason === 'rate_limited' ? t('rateLimited', left) : t('retryIn', left);
  }

  function retryNow() {
    if (!state.sending && state.pending) send();
  }

  // ---- the device's outbox (kiosk) ----
  function backOff(retryAfter) {
    const base = RETRY_DELAYS[Math.min(outbox.attempt, RETRY_DELAYS.length - 1)];
    // A little jitter, so that the kiosks of a court do not all come back in the same second.
    const delay = Math.max(retryAfter || 0, base * (0.8 + 0.4 * Math.random()));
    outbox.attempt += 1;
    outbox.nextAt = Date.now() + delay * 1000;
  }

  // Sends the kept responses, oldest first, until the server stops answering.
  async function pumpOutbox() {
    if (outbox.running || Date.now() < outbox.nextAt) return;
    const waiting = device.outbox().filter((e) => e.body.submission_id !== outbox.inFlight);
    if (!waiting.length) return;
    outbox.running = true;
    try {
      for (const entry of waiting) {
        const result = await postResponse(entry.survey, entry.body);
        if (result.kind === 'retry') {
          backOff(result.retryAfter);
          break;
        }
        if (result.kind === 'refused') device.countRefused();
        device.forget(entry.body.submission_id);
        outbox.attempt = 0;
        updateMark();
      }
    } finally {
      outbox.running = false;
      updateMark();
    }
  }

  // A small number in a corner for the court's staff: responses kept on this device.
  function updateMark() {
    if (!kiosk) return;
    let mark = $('outbox-mark');
    if (!mark) {
      mark = el('div', { class: 'outbox-mark', id: 'outbox-mark' });
      document.body.append(mark);
    }
    const waiting = device.outbox().length;
    const title = t('outboxTitle', waiting, device.refused());
    if (mark.textContent !== String(waiting)) mark.textContent = String(waiting);
    if (mark.title !== title) mark.title = title;
    mark.classList.toggle('waiting', waiting > 0);
  }

  function showThanks(kept) {
    state.phase = 'thanks';
    state.kept = kept;
    state.pending = null;
    state.retryAttempt = 0;
    state.retryAt = 0;
    state.thanksAt = Date.now();
    state.notice = '';
    // The form leaves the screen: its answers are sent (or kept for sending) and nobody may edit them.
    $('survey-form').hidden = true;
    $('progress').hidden = true;
    $('court-block').hidden = true;
    document.querySelectorAll('.required-note, .intro').forEach((n) => { n.hidden = true; });
    const notice = $('survey-notice');
    if (notice) notice.hidden = true;
    const thanks = $('thanks');
    thanks.replaceChildren(
      el('p', { class: 'thanks-text', id: 'thanks-text' }, text(state.def.thanks) || t('thanks')),
      kept ? el('p', { class: 'thanks-kept', id: 'thanks-kept' }, t('thanksKept')) : null);
    if (kiosk) {
      thanks.append(
        el('p', { class: 'thanks-countdown', id: 'thanks-countdown' }, t('newFormIn', Math.ceil(resetAfterThanks))),
        el('button', { type: 'button', class: 'btn btn-large', id: 'start-over', onclick: resetForm }, t('startOver')));
    }
    thanks.hidden = false;
    thanks.focus();
    window.scrollTo(0, 0);
  }

  // Kiosk: a fresh form for the next person, in the kiosk's own language (or its start screen),
  // with a new submission id.
  function resetForm() {
    window.clearTimeout(timers.retry);
    hideIdleWarning();
    state.submissionId = newSubmissionId();
    state.sending = false;
    state.pending = null;
    state.retryAttempt = 0;
    state.retryAt = 0;
    state.notice = '';
    state.kept = false;
    state.invitation = null;
    state.codeDraft = '';
    state.codeError = null;
    state.court = courtPreset && !state.presetBad ? courtPreset : state.court;
    state.courtLocked = !!courtPreset && !state.presetBad;
    state.courtPicking = !state.court;
    state.lastActivity = Date.now();
    state.languageChosen = false;
    const languageChanged = state.lang !== defaultLang;
    state.lang = defaultLang;
    state.phase = entryPhase();
    window.scrollTo(0, 0);
    if (languageChanged) {
      state.phase = 'loading';
      load(false);
    } else {
      render();
      if ($('survey-form')) { updateVisibility(false); updateProgress(); }
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
      showThanks(state.kept);
    } else {
      await load(true);
      if (state.pending) setFrozen(true);
    }
    updateMark();
    const button = document.querySelector(`#lang-switch button[data-lang="${lang}"]`);
    if (button) button.focus();
  }

  // ---- kiosk timers ----
  // The warning is in the page's language first, then in the survey's other languages: the person
  // in front of the kiosk may not be the one who chose the language.
  function showIdleWarning(secondsLeft) {
    let dialog = $('idle-dialog');
    if (!dialog) {
      dialog = el('div', { class: 'idle-backdrop', id: 'idle-dialog' },
        el('div', { class: 'idle-box', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'idle-title', 'aria-describedby': 'idle-text' },
          el('h2', { id: 'idle-title' }, t('idleTitle')),
          el('p', { id: 'idle-text' }),
          el('div', { class: 'idle-other', id: 'idle-other' }),
          el('div', { class: 'idle-actions' },
            el('button', { type: 'button', class: 'btn btn-large', id: 'idle-continue', onclick: () => { state.lastActivity = Date.now(); hideIdleWarning(); } }, t('continue')),
            el('button', { type: 'button', class: 'btn btn-large btn-secondary', id: 'idle-restart', onclick: resetForm }, t('startAgain')))));
      document.body.append(dialog);
      $('idle-continue').focus();
    }
    $('idle-text').textContent = t('idleText', secondsLeft);
    $('idle-other').replaceChildren(...languagesOfSurvey().filter((l) => l !== state.lang).map((l) =>
      el('p', { lang: l, 'data-lang': l }, `${UI[l].idleTitle} ${UI[l].idleText(secondsLeft)} (${UI[l].continue} / ${UI[l].startAgain})`)));
  }

  function hideIdleWarning() {
    const dialog = $('idle-dialog');
    if (dialog) dialog.remove();
  }

  function tick() {
    const now = Date.now();
    if (state.retryAt) updateRetryStatus();
    if (!kiosk) return;
    pumpOutbox();
    updateMark();
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
    if (state.phase !== 'form' || state.sending || !isDirty()) {
      hideIdleWarning();
      return;
    }
    const idle = (now - state.lastActivity) / 1000;
    if (idle >= idleLimit) resetForm();
    else if (idle >= idleLimit - idleWarning) showIdleWarning(Math.ceil(idleLimit - idle));
  }

  function onActivity(ev) {
    // Typing or tapping inside the warning only counts through its buttons.
    if (ev && ev.target && ev.target.closest && ev.target.closest('#idle-dialog')) return;
    state.lastActivity = Date.now();
    hideIdleWarning();
  }

  // ---- start ----
  function start() {
    ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'].forEach((type) =>
      document.addEventListener(type, onActivity, { passive: true, capture: true }));
    window.addEventListener('online', () => { outbox.nextAt = 0; pumpOutbox(); });
    timers.tick = window.setInterval(tick, 500);
    renderChrome();
    if (kiosk) {
      updateMark();
      pumpOutbox();
    }
    if (!surveyId) {
      state.phase = 'failed';
      renderFailure(t('notFound'));
      return;
    }
    load(false);
  }

  start();
})();
