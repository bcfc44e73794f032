/* The sign-in page (/login): account name and password -> POST /api/v1/session, which sets the
   session cookie; then on to the page asked for (?next=, same site only) or the dashboard.
   Plain ES2017. */
'use strict';

(function () {
  const Dom = window.CourtVoiceDom;
  const Session = window.CourtVoiceAdminSession;
  const { el } = Dom;
  const LANG_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

  const TEXTS = {
    kk: {
      title: 'Кіру', account: 'Есептік жазба', password: 'Құпиясөз', signIn: 'Кіру',
      wrong: 'Есептік жазба атауы немесе құпиясөз қате.',
      slow: (s) => `Сәтсіз әрекеттер тым көп. ${s} секундтан кейін қайталаңыз.`,
      failed: 'Кіру мүмкін болмады. Қайталап көріңіз.',
      help: 'Есептік жазбаны әкімші береді. Сессия белсенді болмаса, біраз уақыттан кейін аяқталады.',
    },
    ru: {
      title: 'Вход', account: 'Учётная запись', password: 'Пароль', signIn: 'Войти',
      wrong: 'Неверное имя учётной записи или пароль.',
      slow: (s) => `Слишком много неудачных попыток. Повторите через ${s} с.`,
      failed: 'Не удалось войти. Попробуйте ещё раз.',
      help: 'Учётную запись выдаёт администратор. Сессия завершается после периода бездействия.',
    },
    en: {
      title: 'Sign in', account: 'Account', password: 'Password', signIn: 'Sign in',
      wrong: 'Wrong account name or password.',
      slow: (s) => `Too many failed attempts. Try again in ${s} s.`,
      failed: 'Signing in failed. Please try again.',
      help: 'An administrator gives you an account. A session ends after a while without use.',
    },
  };

  const state = { lang: Session.initialLanguage(), message: '', account: '' };
  const t = (key) => TEXTS[state.lang][key];
  const $ = (id) => document.getElementById(id);

  // Only a path of this site, so that a crafted link cannot send the user elsewhere.
  function nextPage() {
    const next = new URLSearchParams(window.location.search).get('next') || '';
    return /^\/[A-Za-z0-9/_\-?=&.%]*$/.test(next) && !next.startsWith('//') ? next : '/dashboard';
  }

  function render() {
    document.documentElement.lang = state.lang;
    document.title = `${t('title')} — CourtVoice`;
    $('lang-switch').replaceChildren(...Session.LANGS.map((l) => el('button', {
      type: 'button', lang: l, 'data-lang': l, 'aria-pressed': l === state.lang ? 'true' : 'false',
      onclick: () => { state.lang = l; Session.saveLanguage(l); render(); },
    }, LANG_NAMES[l])));
    const account = el('input', { type: 'text', id: 'account', name: 'account', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false', value: state.account });
    const password = el('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true, 'aria-describedby': 'login-help login-error' });
    const form = el('form', { id: 'login-form', class: 'login card' },
      el('h1', null, t('title')),
      el('label', { for: 'account', class: 'field-label' }, t('account')), account,
      el('label', { for: 'password', class: 'field-label' }, t('password')), password,
      el('p', { class: 'help', id: 'login-help' }, t('help')),
      el('p', { class: 'field-error', id: 'login-error', role: 'alert', hidden: !state.message }, state.message),
      el('button', { type: 'submit', class: 'btn', id: 'sign-in' }, t('signIn')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      state.account = account.value.trim();
      const body = JSON.stringify({ account: state.account, password: password.value });
      let response;
      try {
        response = await window.fetch('/api/v1/session', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body, credentials: 'same-origin', cache: 'no-store',
        });
      } catch (e) {
        response = null;
      }
      if (response && response.ok) { window.location.assign(nextPage()); return; }
      if (response && response.status === 429) state.message = t('slow')(response.headers.get('Retry-After') || '?');
      else if (response && response.status === 401) state.message = t('wrong');
      else state.message = t('failed');
      render();
    });
    $('main').replaceChildren(form);
    if (state.account) password.focus(); else account.focus();
  }

  render();
})();
