/* CourtVoice audit trail: /admin/audit
   Administrators read who did what: every administrative request and every read of results,
   comments and exports, with its outcome. Filters (account, action, period) go to
   GET /api/v1/admin/audit; "More" pages back with `after`. Signs in as the other admin pages do.
   Plain ES2017, no dependencies. */
'use strict';

(function () {
  const LANG_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
  const Session = window.CourtVoiceAdminSession;
  const LANGS = Session.LANGS;
  const { initialLanguage, readToken } = Session;
  const PAGE = 100;

  const UI = {
    kk: {
      title: 'Аудит журналы',
      intro: 'Әкімшілік әрекеттер мен нәтижелерді, пікірлерді, экспорттарды оқу: кім, қашан (UTC), не істеді және нәтижесі. Жазбаларды өзгертуге болмайды.',
      tokenHeading: 'Кіру', signOut: 'Шығу', wrongToken: 'Токен дұрыс емес.',
      account: 'Есептік жазба', action: 'Әрекет (мәтін бөлігі)', from: 'Бастап', to: 'Дейін', apply: 'Көрсету', more: 'Тағы',
      none: 'Жазба жоқ.',
      colSeq: '№', colAt: 'Уақыты (UTC)', colAccount: 'Есептік жазба', colRole: 'Рөл', colAction: 'Әрекет', colParams: 'Параметрлер', colScope: 'Аумақ', colOutcome: 'Нәтиже',
      nobody: '(кірмеген)', failed: 'Қате: ',
    },
    ru: {
      title: 'Журнал аудита',
      intro: 'Административные действия и чтение результатов, комментариев и выгрузок: кто, когда (UTC), что сделал и с каким итогом. Записи нельзя изменить.',
      tokenHeading: 'Вход', signOut: 'Выйти', wrongToken: 'Неверный токен.',
      account: 'Учётная запись', action: 'Действие (часть текста)', from: 'С', to: 'По', apply: 'Показать', more: 'Ещё',
      none: 'Записей нет.',
      colSeq: '№', colAt: 'Время (UTC)', colAccount: 'Учётная запись', colRole: 'Роль', colAction: 'Действие', colParams: 'Параметры', colScope: 'Охват', colOutcome: 'Итог',
      nobody: '(не вошёл)', failed: 'Ошибка: ',
    },
    en: {
      title: 'Audit trail',
      intro: 'Administrative actions and reads of results, comments and exports: who, when (UTC), what, and the outcome. Entries cannot be changed.',
      tokenHeading: 'Sign in', signOut: 'Sign out', wrongToken: 'Wrong token.',
      account: 'Account', action: 'Action (part of the text)', from: 'From', to: 'To', apply: 'Show', more: 'More',
      none: 'No entries.',
      colSeq: '#', colAt: 'Time (UTC)', colAccount: 'Account', colRole: 'Role', colAction: 'Action', colParams: 'Parameters', colScope: 'Scope', colOutcome: 'Outcome',
      nobody: '(not signed in)', failed: 'Error: ',
    },
  };

  const state = { lang: initialLanguage(), token: readToken(), filters: { account: '', action: '', from: '', to: '' }, entries: [], next: null, error: '' };

  function t(key) { return UI[state.lang][key]; }
  function saveToken(token) { state.token = token; Session.storeToken(token); }
  function el(...args) { return window.CourtVoiceDom.el(...args); }
  function $(id) { return document.getElementById(id); }

  async function api(path) {
    const response = await window.fetch(path, {
      headers: Session.authHeaders(state.token), cache: 'no-store', credentials: 'same-origin',
    });
    let json = null;
    try { json = await response.json(); } catch (e) { /* not JSON */ }
    return { status: response.status, ok: response.ok, body: json };
  }

  function errorText(result) {
    const error = result.body && result.body.error;
    return t('failed') + (error ? `${error.message}${error.field ? ` (${error.field})` : ''}` : `HTTP ${result.status}`);
  }

  function query(after) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(state.filters)) if (v) params.set(k, v);
    params.set('limit', String(PAGE));
    if (after) params.set('after', String(after));
    return `/api/v1/admin/audit?${params}`;
  }

  // Replaces the list (after === null) or adds the next page to it.
  async function load(after) {
    const result = await api(query(after));
    if (result.status === 401 || (result.status === 403 && result.body && result.body.error && result.body.error.code === 'forbidden')) {
      saveToken(''); renderLogin(t('wrongToken')); return;
    }
    if (!result.ok) { state.error = errorText(result); render(); return; }
    state.error = '';
    state.entries = after ? state.entries.concat(result.body.entries) : result.body.entries;
    state.next = result.body.next_after;
    render();
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
    $('main').replaceChildren(Session.tokenForm(state.lang, t('tokenHeading'), message, '/admin/audit', (token) => { saveToken(token); load(null); }));
    $('token').focus();
  }

  function paramsText(parameters) {
    if (!parameters) return '';
    const parts = Object.entries(parameters.path || {}).map(([k, v]) => `${k}=${v}`);
    for (const [k, v] of parameters.query || []) parts.push(`?${k}=${v}`);
    return parts.join(' ');
  }

  function render() {
    renderChrome();
    if (!state.token) { renderLogin(); return; }
    const field = (id, type) => el('div', null, el('label', { for: `filter-${id}` }, t(id)),
      el('input', { id: `filter-${id}`, type, value: state.filters[id] }));
    const form = el('form', { id: 'filter-form', class: 'card' },
      el('div', { class: 'grid' }, field('account', 'text'), field('action', 'text'), field('from', 'date'), field('to', 'date')),
      el('p', { class: 'field-error', id: 'audit-error', role: 'alert', hidden: !state.error }, state.error),
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'btn', id: 'apply' }, t('apply'))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      for (const id of Object.keys(state.filters)) state.filters[id] = $(`filter-${id}`).value.trim();
      load(null);
    });
    const header = el('div', { class: 'card' }, el('h1', null, t('title')), el('p', { class: 'help' }, t('intro')),
      el('button', { type: 'button', class: 'btn btn-secondary', id: 'sign-out', onclick: () => Session.signOut(state.token, () => { state.token = ''; renderLogin(); }) }, t('signOut')));
    const list = el('section', { class: 'card', id: 'entries' });
    if (state.entries.length === 0) {
      list.append(el('p', null, t('none')));
    } else {
      list.append(el('table', { id: 'audit-table' },
        el('thead', null, el('tr', null, ['colSeq', 'colAt', 'colAccount', 'colRole', 'colAction', 'colParams', 'colScope', 'colOutcome']
          .map((k) => el('th', { scope: 'col', class: k === 'colSeq' ? 'num' : null }, t(k))))),
        el('tbody', null, state.entries.map((e) => el('tr', { class: e.status >= 400 ? 'failed' : null, 'data-sequence': e.sequence },
          el('td', { class: 'num' }, String(e.sequence)), el('td', null, e.at),
          el('td', { class: 'account' }, e.account || t('nobody')), el('td', null, e.role),
          el('td', { class: 'action' }, e.action), el('td', { class: 'params' }, paramsText(e.parameters)),
          el('td', null, e.scope),
          el('td', { class: 'outcome' }, `${e.status}${e.error_code ? ` ${e.error_code}` : ''}`))))));
      if (state.next) list.append(el('div', { class: 'actions' }, el('button', { type: 'button', class: 'btn', id: 'more', onclick: () => load(state.next) }, t('more'))));
    }
    $('main').replaceChildren(header, form, list);
  }

  if (state.token) load(null);
  else {
    Session.resumeSession().then((credential) => {
      if (credential) { state.token = credential; load(null); } else renderLogin();
    });
  }
})();
