/* CourtVoice invitations for staff and judge surveys: /admin/invitations
   Asks for the admin token (sessionStorage, as the dashboard), makes a batch of single-use codes
   and offers them once, as a CSV (code,link) and a printable slip sheet, both saved as files
   from this page; lists the survey's batches with issued, spent and expired counts. The codes
   live in this page's memory only until it is left. Plain ES2017, no dependencies. */
'use strict';

(function () {
  const LANG_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
  const Session = window.CourtVoiceAdminSession;
  const LANGS = Session.LANGS;
  const { initialLanguage, readToken } = Session;

  const UI = {
    kk: {
      title: 'Шақыру кодтары',
      intro: 'Қызметкерлер мен судьялар сауалнамасына бір реттік кодтар. Кодтар тек бір рет көрсетіледі: CSV мен парақты бірден сақтаңыз.',
      tokenHeading: 'Кіру', signOut: 'Шығу', wrongToken: 'Токен дұрыс емес.',
      survey: 'Сауалнама', noSurveys: 'Қызметкерлер немесе судьялар сауалнамасы жоқ.',
      scope: 'Кімге', court: 'Сот', region: 'Өңір', count: 'Кодтар саны (1–5000)', expires: 'Жарамды (күнді қоса)',
      create: 'Кодтар жасау', created: (n) => `${n} код жасалды. Олар енді көрсетілмейді.`,
      downloadCsv: 'CSV жүктеу', downloadSlips: 'Басып шығаруға арналған парақ',
      batches: 'Топтамалар', none: 'Әлі топтама жоқ.',
      colBatch: '№', colFor: 'Кімге', colExpires: 'Мерзімі', colCreated: 'Жасалған ай', colIssued: 'Берілді', colSpent: 'Пайдаланылды', colExpired: 'Мерзімі өтті',
      failed: 'Қате: ',
    },
    ru: {
      title: 'Коды приглашений',
      intro: 'Одноразовые коды для опросов сотрудников и судей. Коды показываются только один раз: сразу сохраните CSV и лист для печати.',
      tokenHeading: 'Вход', signOut: 'Выйти', wrongToken: 'Неверный токен.',
      survey: 'Опрос', noSurveys: 'Нет опросов сотрудников или судей.',
      scope: 'Для кого', court: 'Суд', region: 'Регион', count: 'Число кодов (1–5000)', expires: 'Действуют по (включительно)',
      create: 'Создать коды', created: (n) => `Создано кодов: ${n}. Больше они показаны не будут.`,
      downloadCsv: 'Скачать CSV', downloadSlips: 'Лист для печати',
      batches: 'Партии', none: 'Партий пока нет.',
      colBatch: '№', colFor: 'Для кого', colExpires: 'Действуют по', colCreated: 'Месяц создания', colIssued: 'Выдано', colSpent: 'Использовано', colExpired: 'Истекло',
      failed: 'Ошибка: ',
    },
    en: {
      title: 'Invitation codes',
      intro: 'Single-use codes for staff and judge surveys. The codes are shown once only: save the CSV and the slip sheet straight away.',
      tokenHeading: 'Sign in', signOut: 'Sign out', wrongToken: 'Wrong token.',
      survey: 'Survey', noSurveys: 'There is no staff or judge survey.',
      scope: 'For', court: 'Court', region: 'Region', count: 'Number of codes (1–5000)', expires: 'Valid until (inclusive)',
      create: 'Make codes', created: (n) => `${n} codes made. They will not be shown again.`,
      downloadCsv: 'Download CSV', downloadSlips: 'Slip sheet to print',
      batches: 'Batches', none: 'No batches yet.',
      colBatch: '#', colFor: 'For', colExpires: 'Valid until', colCreated: 'Month made', colIssued: 'Issued', colSpent: 'Used', colExpired: 'Expired',
      failed: 'Error: ',
    },
  };

  const state = { lang: initialLanguage(), token: readToken(), surveys: [], courts: [], created: null };

  function t(key, ...args) {
    const entry = UI[state.lang][key];
    return typeof entry === 'function' ? entry(...args) : entry;
  }
  function saveToken(token) {
    state.token = token;
    Session.storeToken(token);
  }
  function el(...args) { return window.CourtVoiceDom.el(...args); }
  function text(value) { return window.CourtVoiceDom.pickText(value, state.lang); }
  function $(id) { return document.getElementById(id); }

  async function api(method, path, body, raw) {
    const headers = Session.authHeaders(state.token);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await window.fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'same-origin',
    });
    if (raw && response.ok) return { status: response.status, ok: true, blob: await response.blob() };
    let json = null;
    try { json = await response.json(); } catch (e) { /* not JSON */ }
    return { status: response.status, ok: response.ok, body: json };
  }

  function errorText(result) {
    const error = result.body && result.body.error;
    return t('failed') + (error ? `${error.message}${error.field ? ` (${error.field})` : ''}` : `HTTP ${result.status}`);
  }

  // Saves `blob` as a file from this page: nothing goes through a URL the server sees.
  function saveFile(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function csvText(codes) {
    const quote = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    return ['code,link', ...codes.map((c) => `${quote(c.code)},${quote(c.link)}`)].join('\n') + '\n';
  }

  function renderChrome() {
    document.documentElement.lang = state.lang;
    document.title = `CourtVoice — ${t('title')}`;
    $('lang-switch').replaceChildren(...LANGS.map((l) => el('button', {
      type: 'button', lang: l, 'data-lang': l, 'aria-pressed': l === state.lang ? 'true' : 'false',
      onclick: () => { state.lang = l; Session.saveLanguage(l); render(); },
    }, LANG_NAMES[l])));
  }

  function renderLogin(message) {
    renderChrome();
    $('main').replaceChildren(Session.tokenForm(state.lang, t('tokenHeading'), message, '/admin/invitations', (token) => { saveToken(token); load(); }));
    $('token').focus();
  }

  async function load() {
    const [surveys, courts] = await Promise.all([api('GET', '/api/v1/admin/surveys'), api('GET', `/api/v1/courts?lang=${state.lang}`)]);
    if (surveys.status === 401 || surveys.status === 403) { saveToken(''); renderLogin(t('wrongToken')); return; }
    if (!surveys.ok || !courts.ok) { $('main').replaceChildren(el('p', { class: 'notice notice-error' }, errorText(surveys.ok ? courts : surveys))); return; }
    const byId = new Map();
    for (const s of surveys.body.surveys) if (s.audience !== 'citizen') byId.set(s.survey_id, s);
    state.surveys = [...byId.values()];
    state.courts = courts.body;
    render();
  }

  function render() {
    renderChrome();
    if (!state.token) { renderLogin(); return; }
    const main = $('main');
    const chosen = $('survey') ? $('survey').value : '';
    const header = el('div', { class: 'card' }, el('h1', null, t('title')), el('p', { class: 'help' }, t('intro')),
      el('button', { type: 'button', class: 'btn btn-secondary', id: 'sign-out', onclick: () => Session.signOut(state.token, () => { state.token = ''; renderLogin(); }) }, t('signOut')));
    if (state.surveys.length === 0) { main.replaceChildren(header, el('p', { class: 'notice' }, t('noSurveys'))); return; }
    const regions = [...new Set(state.courts.map((c) => c.region))].sort();
    const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
    const form = el('form', { id: 'create-form', class: 'card' },
      el('div', { class: 'grid' },
        el('div', null, el('label', { for: 'survey' }, t('survey')),
          el('select', { id: 'survey', onchange: () => refreshBatches() },
            state.surveys.map((s) => el('option', { value: s.survey_id, selected: s.survey_id === chosen }, `${text(s.title)} (${s.survey_id})`)))),
        el('fieldset', null, el('legend', null, t('scope')),
          el('label', null, el('input', { type: 'radio', name: 'scope', value: 'court', checked: true }), ' ', t('court')),
          el('label', null, el('input', { type: 'radio', name: 'scope', value: 'region' }), ' ', t('region'))),
        el('div', null, el('label', { for: 'court' }, t('court')),
          el('select', { id: 'court' }, state.courts.map((c) => el('option', { value: c.code }, `${c.code} — ${c.name}`)))),
        el('div', null, el('label', { for: 'region' }, t('region')),
          el('select', { id: 'region' }, regions.map((r) => el('option', { value: r }, r)))),
        el('div', null, el('label', { for: 'count' }, t('count')),
          el('input', { id: 'count', type: 'number', min: 1, max: 5000, value: 20, required: true })),
        el('div', null, el('label', { for: 'expires' }, t('expires')),
          el('input', { id: 'expires', type: 'date', min: tomorrow, required: true }))),
      el('p', { class: 'field-error', id: 'create-error', role: 'alert', hidden: true }),
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'btn', id: 'create' }, t('create'))));
    form.addEventListener('submit', (event) => { event.preventDefault(); createBatch(); });
    main.replaceChildren(header, form, el('div', { id: 'created' }), el('section', { class: 'card', id: 'batches' }));
    renderCreated();
    refreshBatches();
  }

  async function createBatch() {
    const scope = document.querySelector('input[name="scope"]:checked').value;
    const body = { count: Number($('count').value), expires_on: $('expires').value };
    body[scope] = $(scope).value;
    const survey = $('survey').value;
    $('create').disabled = true;
    const result = await api('POST', `/api/v1/admin/surveys/${encodeURIComponent(survey)}/invitations`, body);
    $('create').disabled = false;
    const error = $('create-error');
    if (!result.ok) { error.textContent = errorText(result); error.hidden = false; return; }
    error.hidden = true;
    state.created = { survey, codes: result.body.codes };
    renderCreated();
    refreshBatches();
  }

  function renderCreated() {
    const box = $('created');
    if (!box) return;
    if (!state.created) { box.replaceChildren(); return; }
    const { survey, codes } = state.created;
    const slips = async () => {
      const result = await api('POST', '/api/v1/admin/invitations/slips', { survey, codes: codes.map((c) => c.code) }, true);
      if (result.ok) saveFile(result.blob, `invitations-${survey}.html`);
      else window.alert(errorText(result));
    };
    box.replaceChildren(el('div', { class: 'card created', role: 'status' },
      el('p', null, t('created', codes.length)),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'btn', id: 'download-csv',
          onclick: () => saveFile(new Blob([csvText(codes)], { type: 'text/csv' }), `invitations-${survey}.csv`) }, t('downloadCsv')),
        el('button', { type: 'button', class: 'btn', id: 'download-slips', onclick: slips }, t('downloadSlips')))));
  }

  async function refreshBatches() {
    const section = $('batches');
    if (!section || !$('survey')) return;
    const result = await api('GET', `/api/v1/admin/surveys/${encodeURIComponent($('survey').value)}/invitations`);
    if (!result.ok) { section.replaceChildren(el('p', { class: 'field-error' }, errorText(result))); return; }
    const batches = result.body.batches;
    const heading = el('h2', null, t('batches'));
    if (batches.length === 0) { section.replaceChildren(heading, el('p', null, t('none'))); return; }
    const num = (v) => el('td', { class: 'num' }, String(v));
    section.replaceChildren(heading, el('table', { id: 'batch-table' },
      el('thead', null, el('tr', null, ['colBatch', 'colFor', 'colExpires', 'colCreated', 'colIssued', 'colSpent', 'colExpired']
        .map((k, i) => el('th', { class: i >= 4 ? 'num' : null, scope: 'col' }, t(k))))),
      el('tbody', null, batches.map((b) => el('tr', null, num(b.batch_id),
        el('td', null, b.court ? `${t('court')} ${b.court}` : `${t('region')} ${b.region}`),
        el('td', null, b.expires_on), el('td', null, b.created_month), num(b.issued), num(b.spent), num(b.expired))))));
  }

  if (state.token) load();
  else {
    Session.resumeSession().then((credential) => {
      if (credential) { state.token = credential; load(); } else { renderChrome(); renderLogin(); }
    });
  }
})();
