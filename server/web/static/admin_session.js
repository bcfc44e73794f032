/* What the administrators' pages (dashboard, invitations) keep in the browser: the admin token
   in sessionStorage (this tab only, until it is closed) and the chosen language in localStorage.
   Storage may be blocked; then both live in the page's memory only. Plain ES2017. */
'use strict';

window.CourtVoiceAdminSession = (function () {
  const LANGS = ['kk', 'ru', 'en'];
  const TOKEN_KEY = 'courtvoice.adminToken';
  const LANG_KEY = 'courtvoice.lang';

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
    try {
      if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
      else window.sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) { /* storage blocked: the token lives in memory only */ }
  }

  return { LANGS, initialLanguage, saveLanguage, readToken, storeToken };
})();
