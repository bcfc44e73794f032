/* What the administrators' pages (dashboard, KPIs, report, invitations) keep in the browser and
   how they authenticate. Normally a session: /login sets an HttpOnly cookie the script cannot
   read, and /api/v1/admin/me says who is signed in, with the CSRF token that every change must
   send (X-CSRF-Token). For automation a bearer token still works: it is kept in sessionStorage
   (this tab only, until it is closed). The chosen language is kept in localStorage. Storage may
   be blocked; then both live in the page's memory only. Plain ES2017. */
'use strict';

window.CourtVoiceAdminSession = (function () {
  const LANGS = ['kk', 'ru', 'en'];
  const TOKEN_KEY = 'courtvoice.adminToken';
  const LANG_KEY = 'courtvoice.lang';
  // Stands for "the session cookie" where a page keeps its credential; never sent as a token.
  const SESSION = 'session-cookie';
  let me = null;  // the reply of /api/v1/admin/me for the session

  // The language chosen before, else the browser's, else Russian.
  function initialLanguage() {
    try {
      const stored = window.localStorage.getItem(LANG_KEY);
      if (LANGS.includes(stored)) return stored;
    } catch (e) { /* storage blocked */ }
    const browser = (navigator.languages || [navigator.language || '']).map((l) => String(l).toLowerCase().slice(0, 2));
    return browser.find((l) => LANGS.includes(l)) || 'ru';
  }

  function saveLanguage(lang) {
    try { window.localStorage.setItem(LANG_KEY, lang); } catch (e) { /* fine: this page remembers it */ }
  }

  function readToken() {
    try { return window.sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; }
  }

  // An empty token signs out.
  function storeToken(token) {
    if (token === SESSION) return;  // the cookie is the browser's business
    try {
      if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
      else window.sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) { /* storage blocked: the token lives in memory only */ }
  }

  // Headers for an API call made with `token` (a bearer token, or SESSION).
  function authHeaders(token, extra) {
    const headers = Object.assign({}, extra || {});
    if (token && token !== SESSION) headers.Authorization = `Bearer ${token}`;
    if (token === SESSION && me && me.csrf_token) headers['X-CSRF-Token'] = me.csrf_token;
    return headers;
  }

  // SESSION when the browser holds a live session (and remembers who it is), else ''.
  async function resumeSession() {
    try {
      const response = await window.fetch('/api/v1/admin/me', { cache: 'no-store', credentials: 'same-origin' });
      if (!response.ok) return '';
      const body = await response.json();
      if (body.via !== 'session') return '';
      me = body;
      return SESSION;
    } catch (e) {
      return '';
    }
  }

  // Ends the session on the server; the page then goes to /login.
  async function endSession() {
    try {
      await window.fetch('/api/v1/session', { method: 'DELETE', headers: authHeaders(SESSION), credentials: 'same-origin' });
    } catch (e) { /* the cookie expires anyway */ }
    me = null;
    window.location.assign('/login');
  }

  // Signs out: ends the session (the page goes to /login), or forgets the bearer token and calls
  // then() for the page to show its sign-in form.
  function signOut(token, then) {
    if (token === SESSION) { endSession(); return; }
    storeToken('');
    then();
  }

  // Who is signed in ({account, role, scope, ...}), or null (a bearer token: everything shows).
  function whoAmI() { return me; }

  // Whether the signed-in role may use a feature: "exports", "comments", "analysis" (drivers,
  // crossed, reliability), "league", "kpi_edit" (docs/api.md, "Roles").
  function may(feature) {
    if (!me) return true;
    const role = me.role;
    if (role === 'administrator') return true;
    if (role === 'analyst') return feature !== 'kpi_edit' || (me.scope && me.scope.country);
    if (role === 'court_manager') return feature === 'league';
    return false;
  }

  // The texts of the token sign-in form, the same on every administrators' page.
  const SIGN_IN = {
    kk: { label: 'API токені', help: 'Токен осы қойындыда ғана, ол жабылғанша сақталады.', signIn: 'Кіру', accountSignIn: 'Есептік жазбамен кіру' },
    ru: { label: 'API-токен', help: 'Токен хранится только в этой вкладке, пока она открыта.', signIn: 'Войти', accountSignIn: 'Войти с учётной записью' },
    en: { label: 'API token', help: 'The token is kept in this browser tab only, until it is closed.', signIn: 'Sign in', accountSignIn: 'Sign in with an account' },
  };

  // The bearer-token sign-in form every administrators' page shows when there is no session, in
  // `lang` under the page's `heading`, with `message` as an error (or ''). The link goes to /login,
  // which comes back to `next`. Calls onToken(token) with the trimmed token: the page stores it and loads.
  function tokenForm(lang, heading, message, next, onToken) {
    const el = window.CourtVoiceDom.el;
    const texts = SIGN_IN[lang] || SIGN_IN.ru;
    const input = el('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'current-password', required: true, 'aria-describedby': 'token-help token-error' });
    const form = el('form', { id: 'login-form', class: 'login card' },
      el('h1', null, heading),
      el('label', { for: 'token', class: 'field-label' }, texts.label),
      input,
      el('p', { class: 'help', id: 'token-help' }, texts.help),
      el('p', { class: 'field-error', id: 'token-error', role: 'alert', hidden: !message }, message || ''),
      el('button', { type: 'submit', class: 'btn', id: 'sign-in' }, texts.signIn),
      el('p', { class: 'help' }, el('a', { href: `/login?next=${encodeURIComponent(next)}`, id: 'account-sign-in' }, texts.accountSignIn)));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const token = input.value.trim();
      if (!token) { input.focus(); return; }
      onToken(token);
    });
    return form;
  }

  return { LANGS, SESSION, initialLanguage, saveLanguage, readToken, storeToken, authHeaders, resumeSession, endSession, signOut, whoAmI, may, tokenForm };
})();
