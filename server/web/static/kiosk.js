/* Kiosk set-up page (/kiosk) for court staff: the survey, the court, the language (or a start
   screen where each visitor chooses), the idle time and an optional kiosk token, saved once on
   this device (device_store.js), then the kiosk opens /s/{survey}?channel=kiosk. Plain ES2017. */
'use strict';

(function () {
  const device = window.CourtVoiceDevice;
  const LANGS = ['kk', 'ru', 'en'];
  const LANG_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
  const TEXT = {
    kk: {
      title: 'Киоскіні баптау', intro: 'Бұл құрылғыда бір рет толтырылады. Баптаулар тек осы браузерде сақталады.',
      survey: 'Сауалнама (идентификатор)', language: 'Сауалнама тілі', visitorChooses: 'Келуші таңдайды (бастапқы экран)',
      court: 'Сот', search: 'Атауы немесе қаласы бойынша іздеу', idle: 'Әрекетсіздік уақыты (секунд, кемінде 10)',
      token: 'Киоск токені (міндетті емес)', tokenHelp: 'Әкімшіден алынады; жауаптармен бірге X-Kiosk-Token тақырыбында жіберіледі.',
      save: 'Сақтау және киоскіні ашу', forget: 'Баптауларды өшіру', forgotten: 'Осы құрылғының баптаулары өшірілді.',
      surveyMissing: 'Сауалнаманың идентификаторын енгізіңіз.', surveyUnknown: 'Мұндай сауалнама жоқ немесе жүргізілмейді.',
      courtMissing: 'Сотты таңдаңыз.', idleBad: 'Кемінде 10 секунд енгізіңіз.', courtsFailed: 'Соттар тізімі жүктелмеді.',
      waiting: (n, r) => `Осы құрылғыда жіберуді күтетін жауаптар: ${n} (сервер қабылдамағаны: ${r}).`,
    },
    ru: {
      title: 'Настройка киоска', intro: 'Заполняется один раз на этом устройстве. Настройки хранятся только в этом браузере.',
      survey: 'Опрос (идентификатор)', language: 'Язык опроса', visitorChooses: 'Выбирает посетитель (стартовый экран)',
      court: 'Суд', search: 'Поиск по названию или городу', idle: 'Время бездействия (секунд, не меньше 10)',
      token: 'Токен киоска (необязательно)', tokenHelp: 'Выдаёт администратор; отправляется с ответами в заголовке X-Kiosk-Token.',
      save: 'Сохранить и открыть киоск', forget: 'Удалить настройки', forgotten: 'Настройки этого устройства удалены.',
      surveyMissing: 'Введите идентификатор опроса.', surveyUnknown: 'Такого опроса нет, или он не проводится.',
      courtMissing: 'Выберите суд.', idleBad: 'Введите не меньше 10 секунд.', courtsFailed: 'Не удалось загрузить список судов.',
      waiting: (n, r) => `На этом устройстве ждут отправки ответов: ${n} (отклонено сервером: ${r}).`,
    },
    en: {
      title: 'Kiosk set-up', intro: 'Filled in once on this device. The settings are kept in this browser only.',
      survey: 'Survey (id)', language: 'Survey language', visitorChooses: 'The visitor chooses (start screen)',
      court: 'Court', search: 'Search by name or city', idle: 'Idle time (seconds, at least 10)',
      token: 'Kiosk token (optional)', tokenHelp: 'Issued by the administrator; sent with the answers in the X-Kiosk-Token header.',
      save: 'Save and open the kiosk', forget: 'Forget the settings', forgotten: 'The settings of this device were removed.',
      surveyMissing: 'Enter the survey id.', surveyUnknown: 'No such survey, or it is not running.',
      courtMissing: 'Choose the court.', idleBad: 'Enter at least 10 seconds.', courtsFailed: 'Could not load the list of courts.',
      waiting: (n, r) => `Responses on this device waiting to be sent: ${n} (refused by the server: ${r}).`,
    },
  };

  const saved = device.settings() || {};
  const params = new URLSearchParams(window.location.search);
  const state = {
    lang: LANGS.includes(params.get('lang')) ? params.get('lang') : (LANGS.includes(saved.lang) ? saved.lang : browserLanguage()),
    courts: null,
    draft: {
      survey: params.get('survey') || saved.survey || 'court_user',
      lang: LANGS.includes(saved.lang) ? saved.lang : '',
      court: saved.court || '',
      idle: String(saved.idle || 90),
      token: saved.token || '',
    },
  };

  function browserLanguage() {
    const list = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''])
      .map((l) => String(l).toLowerCase().slice(0, 2));
    return list.find((l) => LANGS.includes(l)) || 'ru';
  }

  function t(key, ...args) {
    const entry = TEXT[state.lang][key];
    return typeof entry === 'function' ? entry(...args) : entry;
  }
  function el(...args) { return window.CourtVoiceDom.el(...args); }
  function $(id) { return document.getElementById(id); }

  async function loadCourts() {
    try {
      const response = await window.fetch(`/api/v1/courts?lang=${state.lang}`, { cache: 'no-store' });
      if (!response.ok) return null;
      const list = await response.json();
      return list.map((c) => ({ code: c.code, name: window.CourtVoiceDom.pickText(c.name, state.lang) || c.code, region: c.region || '' }))
        .sort((a, b) => a.name.localeCompare(b.name, state.lang) || a.code.localeCompare(b.code));
    } catch (e) {
      return null;
    }
  }

  function keepDraft() {
    if (!$('kiosk-survey')) return;
    state.draft.survey = $('kiosk-survey').value.trim();
    state.draft.lang = $('kiosk-lang').value;
    state.draft.idle = $('kiosk-idle').value.trim();
    state.draft.token = $('kiosk-token').value;
    const court = document.querySelector('#kiosk-court-list input:checked');
    if (court) state.draft.court = court.value;
  }

  function field(id, label, input, help) {
    return el('div', { class: 'field' },
      el('label', { for: id, class: 'field-label' }, label),
      help ? el('p', { class: 'field-help', id: `${id}-help` }, help) : null,
      input,
      el('p', { class: 'item-error', id: `err-${id}`, hidden: true }));
  }

  function render() {
    document.documentElement.lang = state.lang;
    document.title = `CourtVoice — ${t('title')}`;
    $('lang-switch').replaceChildren(...LANGS.map((l) => el('button', {
      type: 'button', lang: l, 'data-lang': l, 'aria-pressed': l === state.lang ? 'true' : 'false',
      onclick: () => switchLanguage(l) }, LANG_NAMES[l])));

    const language = el('select', { id: 'kiosk-lang' },
      el('option', { value: '' }, t('visitorChooses')),
      ...LANGS.map((l) => el('option', { value: l, lang: l }, LANG_NAMES[l])));
    language.value = state.draft.lang;

    let courtPart;
    if (state.courts) {
      const search = el('input', { type: 'search', id: 'court-search', autocomplete: 'off', 'aria-controls': 'kiosk-court-list' });
      const list = el('div', { class: 'court-list', id: 'kiosk-court-list', role: 'radiogroup', 'aria-labelledby': 'court-label' },
        ...state.courts.map((c) => el('div', { class: 'court-option', 'data-search': `${c.name} ${c.code} ${c.region}`.toLowerCase() },
          el('input', { type: 'radio', name: 'court', id: `court-${c.code}`, value: c.code, checked: c.code === state.draft.court }),
          el('label', { for: `court-${c.code}`, 'data-court': c.code }, c.name))));
      search.addEventListener('input', () => {
        const q = search.value.trim().toLowerCase();
        list.querySelectorAll('.court-option').forEach((o) => { o.hidden = q !== '' && !o.dataset.search.includes(q); });
      });
      courtPart = el('div', { class: 'field court-block picking', id: 'court-block' },
        el('h2', { id: 'court-label' }, t('court')),
        el('label', { for: 'court-search', class: 'field-label' }, t('search')), search, list,
        el('p', { class: 'item-error', id: 'err-court', hidden: true }));
    } else {
      courtPart = el('p', { class: 'notice notice-error', role: 'alert', id: 'err-court' }, t('courtsFailed'));
    }

    const form = el('form', { id: 'kiosk-form', novalidate: true, 'aria-labelledby': 'kiosk-title' },
      field('kiosk-survey', t('survey'), el('input', { type: 'text', id: 'kiosk-survey', autocomplete: 'off', spellcheck: 'false' })),
      field('kiosk-lang', t('language'), language),
      courtPart,
      field('kiosk-idle', t('idle'), el('input', { type: 'number', id: 'kiosk-idle', min: '10', step: '1', inputmode: 'numeric' })),
      field('kiosk-token', t('token'), el('input', { type: 'password', id: 'kiosk-token', autocomplete: 'off',
        'aria-describedby': 'kiosk-token-help' }), t('tokenHelp')),
      el('div', { class: 'kiosk-actions' },
        el('button', { type: 'submit', class: 'btn btn-large', id: 'kiosk-save' }, t('save')),
        el('button', { type: 'button', class: 'btn btn-secondary', id: 'kiosk-forget', onclick: forget }, t('forget'))),
      el('p', { class: 'notice', id: 'kiosk-status', role: 'status', hidden: true }),
      el('p', { class: 'kiosk-waiting', id: 'kiosk-waiting' }, t('waiting', device.outbox().length, device.refused())));
    form.addEventListener('submit', save);
    $('main').replaceChildren(el('h1', { id: 'kiosk-title' }, t('title')), el('p', null, t('intro')), form);
    $('kiosk-survey').value = state.draft.survey;
    $('kiosk-idle').value = state.draft.idle;
    $('kiosk-token').value = state.draft.token;
  }

  function showError(id, message) {
    const p = $(`err-${id}`);
    p.textContent = message;
    p.hidden = false;
    return p;
  }

  async function save(ev) {
    ev.preventDefault();
    keepDraft();
    document.querySelectorAll('.item-error').forEach((p) => { p.hidden = true; });
    const d = state.draft;
    const idle = Number(d.idle);
    const problems = [];
    if (!d.survey) problems.push(['kiosk-survey', t('surveyMissing')]);
    if (!d.court || !state.courts || !state.courts.some((c) => c.code === d.court)) problems.push(['court', t('courtMissing')]);
    if (!Number.isInteger(idle) || idle < 10) problems.push(['kiosk-idle', t('idleBad')]);
    if (!problems.length) {
      try {
        const r = await window.fetch(`/api/v1/surveys/${encodeURIComponent(d.survey)}`, { cache: 'no-store' });
        if (!r.ok) problems.push(['kiosk-survey', t('surveyUnknown')]);
      } catch (e) {
        problems.push(['kiosk-survey', t('surveyUnknown')]);
      }
    }
    if (problems.length) {
      problems.forEach(([id, message]) => showError(id, message));
      const first = $(problems[0][0] === 'court' ? 'court-search' : problems[0][0]);
      if (first) first.focus();
      return;
    }
    device.saveSettings({ survey: d.survey, court: d.court, lang: d.lang, idle, token: d.token });
    window.location.assign(`/s/${encodeURIComponent(d.survey)}?channel=kiosk`);
  }

  function forget() {
    device.clearSettings();
    state.draft = { survey: 'court_user', lang: '', court: '', idle: '90', token: '' };
    render();
    const status = $('kiosk-status');
    status.textContent = t('forgotten');
    status.hidden = false;
  }

  async function switchLanguage(lang) {
    keepDraft();
    state.lang = lang;
    state.courts = await loadCourts();
    render();
  }

  async function start() {
    state.courts = await loadCourts();
    render();
  }

  start();
})();
