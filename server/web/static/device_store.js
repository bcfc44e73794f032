/* What a kiosk keeps in its own browser (localStorage, never sent anywhere but this server):
   - courtvoice.kiosk: the device settings chosen once on /kiosk {survey, court, lang, idle, token};
   - courtvoice.outbox: responses not yet acknowledged by the server, oldest first;
   - courtvoice.outbox.refused: how many kept responses the server refused (for staff).
   localStorage rather than IndexedDB: it is synchronous, so a response is on disk before the form
   leaves the screen (no transaction still open when the tablet is switched off), and a few
   thousand responses of a few KB fit well within its quota. Plain ES2017. */
'use strict';

window.CourtVoiceDevice = (function () {
  const SETTINGS_KEY = 'courtvoice.kiosk';
  const OUTBOX_KEY = 'courtvoice.outbox';
  const REFUSED_KEY = 'courtvoice.outbox.refused';

  function readJson(key, fallback) {
    try {
      const raw = window.localStorage.getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) {
      return fallback;  // storage blocked or damaged: behave as if empty
    }
  }

  function settings() {
    const s = readJson(SETTINGS_KEY, null);
    return s && typeof s === 'object' ? s : null;
  }

  function saveSettings(s) { window.localStorage.setItem(SETTINGS_KEY, JSON.stringify(s)); }
  function clearSettings() { window.localStorage.removeItem(SETTINGS_KEY); }

  function outbox() {
    const list = readJson(OUTBOX_KEY, []);
    return Array.isArray(list) ? list.filter((e) => e && e.survey && e.body && e.body.submission_id) : [];
  }

  function writeOutbox(list) {
    if (list.length) window.localStorage.setItem(OUTBOX_KEY, JSON.stringify(list));
    else window.localStorage.removeItem(OUTBOX_KEY);
  }

  // Throws when the storage is full or blocked: the caller then keeps the form on screen.
  function keep(survey, body) {
    const list = outbox().filter((e) => e.body.submission_id !== body.submission_id);
    list.push({ survey, body });
    writeOutbox(list);
  }

  function forget(submissionId) {
    writeOutbox(outbox().filter((e) => e.body.submission_id !== submissionId));
  }

  function refused() { return Number(readJson(REFUSED_KEY, 0)) || 0; }
  function countRefused() { window.localStorage.setItem(REFUSED_KEY, String(refused() + 1)); }

  return { settings, saveSettings, clearSettings, outbox, keep, forget, refused, countRefused };
})();
