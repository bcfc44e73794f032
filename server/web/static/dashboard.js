/* CourtVoice dashboard for the strategy team: /dashboard
   Asks for the admin token (kept in sessionStorage only), reads the summary API and shows it as
   tables; CSV download and printing of the displayed table. Plain ES2017, no dependencies. */
'use strict';

(function () {
  const LANG_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
  const LOCALES = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };
  const Session = window.CourtVoiceAdminSession;
  const LANGS = Session.LANGS;
  const { initialLanguage, readToken } = Session;
  const NON_ANSWER_KEYS = ['not_applicable', 'dont_know', 'no_opinion', 'skipped'];

  const UI = {
    kk: {
      title: 'Сауалнама нәтижелері',
      loading: 'Жүктелуде…',
      tokenHeading: 'Нәтижелерге кіру',
      signOut: 'Шығу',
      wrongToken: 'Токен дұрыс емес.',
      survey: 'Сауалнама',
      court: 'Сот',
      allCourts: 'Барлық соттар',
      notByCourt: 'Бұл сауалнаманың нәтижелері сот бойынша көрсетілмейді (өңір және сот деңгейі бойынша ғана).',
      region: 'Өңір',
      allRegions: 'Барлық өңірлер',
      level: 'Сот деңгейі',
      levelNames: { district: 'Аудандық', specialised: 'Мамандандырылған', regional: 'Облыстық', cassation: 'Кассациялық', supreme: 'Жоғарғы Сот' },
      manyHint: 'Бірнешеуін таңдау үшін Ctrl (Mac: ⌘) басып тұрыңыз; ештеңе таңдалмаса — барлығы.',
      preset: 'Күндер',
      presetNames: { '': 'Өз күндері', last_quarter: 'Өткен тоқсан', this_quarter: 'Ағымдағы тоқсан (осы уақытқа дейін)', this_year: 'Биылғы жыл', last_12_months: 'Соңғы 12 ай', since_baseline: 'Базалық кезеңнен бері (01.01.2025)' },
      csvRegion: ['Өңір коды', 'Өңір атауы'],
      from: 'Кезең басы',
      to: 'Кезең соңы',
      group: 'Топтау',
      groupNames: { none: 'Топтаусыз', court: 'Сот бойынша', region: 'Өңір бойынша', level: 'Сот деңгейі бойынша', month: 'Ай бойынша', quarter: 'Тоқсан бойынша' },
      show: 'Көрсету',
      csv: 'CSV жүктеу',
      print: 'Басып шығару',
      reportPage: 'Басып шығаруға арналған есеп',
      allResponses: 'Барлық жауаптар',
      responses: (n) => `Жауаптар: ${n}`,
      total: (n) => `Көрсетілген жауаптар барлығы: ${n}`,
      suppressed: (n) => `${n} жауаптан аз — көрсетілмейді`,
      minGroup: (n) => `Жасырындықты сақтау үшін ${n} жауаптан аз топтар мен сұрақтар көрсетілмейді.`,
      question: 'Сұрақ',
      mean: 'Орташа',
      favourable: 'Оң бағалар, % (95% СА)',
      weightsToggle: 'Салмақталған (халық саны бойынша)',
      weightedCol: 'Салмақталған оң бағалар, % (95% СА), n_eff',
      weightedIndex: (v, n) => `салмақталған ${v} (n_eff ${n})`,
      weightsHead: (date, cells) => `Салмақтар: ${date} жүктелген халық санына; саны жоқ ұяшықтар: ${cells}. Аралықтар тиімді n (Киш) бойынша.`,
      noWeights: 'Бұл сауалнама үшін халық саны жүктелмеген: салмақталған көрсеткіштер жоқ.',
      distribution: 'Бөлініс',
      noAnswer: 'Жауапсыз',
      indices: 'Индекстер (0–100)',
      legend5: '5 балдық шкалалар (1 — ең төмен):',
      legend10: '0–10 шкаласы:',
      netScore: 'Таза балл',
      netScoreNote: 'Таза балл — 9–10 деп жауап бергендердің үлесі (%) минус 0–6 деп жауап бергендердің үлесі (%).',
      index: 'Индекс',
      value: 'Мәні',
      nonAnswers: { not_applicable: 'Маған қатысы жоқ', dont_know: 'Білмеймін', no_opinion: 'Пікірім жоқ', skipped: 'Өткізілген' },
      loadFailed: 'Деректер жүктелмеді.',
      wholeMonths: 'Есептер тек толық айларды қамтиды: «Кезең басы» айдың бірінші күні, «Кезең соңы» айдың соңғы күні болуы керек.',
      sliceTooSmall: 'Бұл сүзгі шағын топтың жауаптарын басқа есептерден шегеру арқылы ашып қоюы мүмкін, сондықтан есеп көрсетілмейді.',
      noSurveys: 'Әзірге сауалнамалар жоқ.',
      noData: 'Таңдалған сүзгілер бойынша жауаптар жоқ.',
      generated: (d) => `Есеп күні: ${d}`,
      period: 'Кезең',
      status: { published: 'жарияланған', draft: 'жоба', closed: 'жабық', archived: 'мұрағатта' },
      version: 'нұсқа',
      median: 'Медиана',
      sd: 'SD',
      quarter: (y, q) => `${y}, ${q}-тоқсан`,
      view: 'Көрініс',
      viewNames: { summary: 'Жиынтық', trend: 'Уақыт бойынша өзгеріс' },
      periodBy: 'Кезеңділік',
      periodNames: { month: 'Ай', quarter: 'Тоқсан', year: 'Жыл' },
      responsesPerPeriod: 'Кезеңдегі жауаптар',
      versionCol: 'Қатар нұсқалары',
      change: 'Алдыңғы кезеңмен салыстырғанда өзгеріс (95% СА)',
      significant: 'статистикалық маңызды',
      significantAdjusted: 'көптік тексеруден кейін де маңызды (Холм)',
      partial: 'толық емес кезең',
      partialReasons: { running: 'кезең әлі аяқталмаған', cut_by_filter: 'кезеңді күн сүзгісі кеседі', months_missing: 'кезеңнің кейбір айларында жауап жоқ' },
      partialLegend: 'Қуыс нүкте — толық емес кезең: көрсетіледі, бірақ ешқандай салыстыруға кірмейді.',
      chanceMarks: (tests, expected) => `Алдыңғы кезеңмен ${tests} тексеру; кездейсоқтықтың өзі шамамен ${expected} белгі береді.`,
      vsBaseline: 'Базалық кезеңмен',
      vsYearAgo: 'Бір жыл бұрынғымен',
      trendCsv: 'Трендті CSV жүктеу',
      pp: 'п.т.',
      seriesBreak: (v, p, reason) => `Қатар үзілісі: ${v}-нұсқа, ${p} бастап (${reason})`,
      seriesStarts: (v, p) => `Қатар басталады: ${v}-нұсқадағы жаңа сұрақ, ${p} бастап; бұрынғы кезеңдермен салыстыруға болмайды`,
      seriesStops: (v, p) => `Қатар аяқталады: сұрақ ${v}-нұсқада алынып тасталды; соңғы кезең ${p}`,
      breakReasons: { series_break: 'сұрақ өзгертілді', type_changed: 'жауап шкаласы өзгертілді',
        dimensions_changed: 'индекс құрамы өзгертілді', item_break: 'индекстегі сұрақ өзгертілді' },
      trendHint: 'Сызық бір қатардың кезеңдерін қосады; үзік сызық сұрақ өзгерген жерді белгілейді, одан кейін қатар қайта басталады. Тік сызықтар — 95% сенімділік аралығы.',
      notTrended: 'Таңдау және мәтіндік сұрақтар үшін график құрылмайды:',
      chartLabel: (name, metric) => `${name}: ${metric}, кезеңдер бойынша`,
    },
    ru: {
      title: 'Результаты опросов',
      loading: 'Загрузка…',
      tokenHeading: 'Вход к результатам',
      signOut: 'Выйти',
      wrongToken: 'Неверный токен.',
      survey: 'Опрос',
      court: 'Суд',
      allCourts: 'Все суды',
      notByCourt: 'Результаты этого опроса не показываются по судам (только по регионам и уровням судов).',
      region: 'Регион',
      allRegions: 'Все регионы',
      level: 'Уровень суда',
      levelNames: { district: 'Районный', specialised: 'Специализированный', regional: 'Областной', cassation: 'Кассационный', supreme: 'Верховный Суд' },
      manyHint: 'Чтобы выбрать несколько, удерживайте Ctrl (Mac: ⌘); ничего не выбрано — все.',
      preset: 'Даты',
      presetNames: { '': 'Свои даты', last_quarter: 'Прошлый квартал', this_quarter: 'Текущий квартал (по сегодня)', this_year: 'Этот год', last_12_months: 'Последние 12 месяцев', since_baseline: 'С базового периода (01.01.2025)' },
      csvRegion: ['Код региона', 'Регион'],
      from: 'Период с',
      to: 'Период по',
      group: 'Группировка',
      groupNames: { none: 'Без группировки', court: 'По судам', region: 'По регионам', level: 'По уровням судов', month: 'По месяцам', quarter: 'По кварталам' },
      show: 'Показать',
      csv: 'Скачать CSV',
      print: 'Печать',
      reportPage: 'Отчёт для печати',
      allResponses: 'Все ответы',
      responses: (n) => `Ответов: ${n}`,
      total: (n) => `Всего показано ответов: ${n}`,
      suppressed: (n) => `Меньше ${n} ответов — не показано`,
      minGroup: (n) => `Для анонимности группы и вопросы, где меньше ${n} ответов, не показываются.`,
      question: 'Вопрос',
      mean: 'Среднее',
      favourable: '% благоприятных (95% ДИ)',
      weightsToggle: 'Взвешенные (по численности совокупности)',
      weightedCol: 'Взвешенный % благоприятных (95% ДИ), n_eff',
      weightedIndex: (v, n) => `взвешенный ${v} (n_eff ${n})`,
      weightsHead: (date, cells) => `Веса: по численности совокупности, загруженной ${date}; ячеек без численности: ${cells}. Интервалы — по эффективному n (Киш).`,
      noWeights: 'Для этого опроса не загружена численность совокупности: взвешенных показателей нет.',
      distribution: 'Распределение',
      noAnswer: 'Без ответа',
      indices: 'Индексы (0–100)',
      legend5: '5-балльные шкалы (1 — худшая оценка):',
      legend10: 'шкала 0–10:',
      netScore: 'Чистый балл',
      netScoreNote: 'Чистый балл — доля ответов 9–10 (%) минус доля ответов 0–6 (%).',
      index: 'Индекс',
      value: 'Значение',
      nonAnswers: { not_applicable: 'Ко мне не относится', dont_know: 'Не знаю', no_opinion: 'Нет мнения', skipped: 'Пропущено' },
      loadFailed: 'Не удалось загрузить данные.',
      wholeMonths: 'Отчёты строятся только по целым месяцам: «Период с» — первое число месяца, «Период по» — последнее.',
      sliceTooSmall: 'Этот фильтр позволил бы вычислить ответы малой группы вычитанием из других отчётов, поэтому отчёт не показывается.',
      noSurveys: 'Опросов пока нет.',
      noData: 'Нет ответов по выбранным фильтрам.',
      generated: (d) => `Дата отчёта: ${d}`,
      period: 'Период',
      status: { published: 'опубликован', draft: 'черновик', closed: 'закрыт', archived: 'в архиве' },
      version: 'версия',
      median: 'Медиана',
      sd: 'СО',
      quarter: (y, q) => `${q} кв. ${y}`,
      view: 'Вид',
      viewNames: { summary: 'Сводка', trend: 'Динамика по периодам' },
      periodBy: 'Периодичность',
      periodNames: { month: 'Месяц', quarter: 'Квартал', year: 'Год' },
      responsesPerPeriod: 'Ответов за период',
      versionCol: 'Версии ряда',
      change: 'Изменение к предыдущему периоду (95% ДИ)',
      significant: 'статистически значимо',
      significantAdjusted: 'значимо и после поправки на множественные сравнения (Холм)',
      partial: 'неполный период',
      partialReasons: { running: 'период ещё идёт', cut_by_filter: 'период обрезан фильтром дат', months_missing: 'в части месяцев периода нет ответов' },
      partialLegend: 'Полая точка — неполный период: показан, но не участвует ни в одном сравнении.',
      chanceMarks: (tests, expected) => `Сравнений с предыдущим периодом: ${tests}; одна случайность дала бы около ${expected} отметок.`,
      vsBaseline: 'К базовому периоду',
      vsYearAgo: 'К прошлому году',
      trendCsv: 'Скачать тренд (CSV)',
      pp: 'п.п.',
      seriesBreak: (v, p, reason) => `Разрыв ряда: версия ${v}, с периода ${p} (${reason})`,
      seriesStarts: (v, p) => `Ряд начинается: новый вопрос в версии ${v}, с периода ${p}; сравнивать с более ранними периодами нельзя`,
      seriesStops: (v, p) => `Ряд заканчивается: вопрос исключён в версии ${v}; последний период ${p}`,
      breakReasons: { series_break: 'вопрос изменён', type_changed: 'изменена шкала ответа',
        dimensions_changed: 'изменён состав индекса', item_break: 'изменён вопрос индекса' },
      trendHint: 'Линия соединяет периоды одного ряда; пунктир отмечает, где вопрос изменился, после него ряд начинается заново. Вертикальные отрезки — 95% доверительный интервал.',
      notTrended: 'Для вопросов с выбором ответа и текстовых вопросов график не строится:',
      chartLabel: (name, metric) => `${name}: ${metric} по периодам`,
    },
    en: {
      title: 'Survey results',
      loading: 'Loading…',
      tokenHeading: 'Sign in to the results',
      signOut: 'Sign out',
      wrongToken: 'Wrong token.',
      survey: 'Survey',
      court: 'Court',
      allCourts: 'All courts',
      notByCourt: 'This survey is not reported by court (by region and court level only).',
      region: 'Region',
      allRegions: 'All regions',
      level: 'Court level',
      levelNames: { district: 'District', specialised: 'Specialised', regional: 'Regional', cassation: 'Cassation', supreme: 'Supreme Court' },
      manyHint: 'Hold Ctrl (Mac: ⌘) to choose several; none chosen means all.',
      preset: 'Dates',
      presetNames: { '': 'Custom dates', last_quarter: 'Last quarter', this_quarter: 'This quarter so far', this_year: 'This year', last_12_months: 'Last 12 months', since_baseline: 'Since the baseline (1 Jan 2025)' },
      csvRegion: ['Region code', 'Region'],
      from: 'From',
      to: 'To',
      group: 'Group by',
      groupNames: { none: 'No grouping', court: 'Court', region: 'Region', level: 'Court level', month: 'Month', quarter: 'Quarter' },
      show: 'Show',
      csv: 'Download CSV',
      print: 'Print',
      reportPage: 'Printable report',
      allResponses: 'All responses',
      responses: (n) => `Responses: ${n}`,
      total: (n) => `Responses shown in total: ${n}`,
      suppressed: (n) => `Fewer than ${n} responses — not shown`,
      minGroup: (n) => `To protect anonymity, groups and questions with fewer than ${n} responses are not shown.`,
      question: 'Question',
      mean: 'Mean',
      favourable: '% favourable (95% CI)',
      weightsToggle: 'Weighted (to population counts)',
      weightedCol: 'Weighted % favourable (95% CI), n_eff',
      weightedIndex: (v, n) => `weighted ${v} (n_eff ${n})`,
      weightsHead: (date, cells) => `Weights: to the population counts loaded ${date}; cells without a count: ${cells}. Intervals on the effective n (Kish).`,
      noWeights: 'No population counts are loaded for this survey: there are no weighted figures.',
      distribution: 'Distribution',
      noAnswer: 'No answer',
      indices: 'Indices (0–100)',
      legend5: '5-point scales (1 = lowest):',
      legend10: '0–10 scales:',
      netScore: 'Net score',
      netScoreNote: 'Net score: % answering 9–10 minus % answering 0–6.',
      index: 'Index',
      value: 'Value',
      nonAnswers: { not_applicable: 'Does not apply to me', dont_know: "Don't know", no_opinion: 'No opinion', skipped: 'Skipped' },
      loadFailed: 'Could not load the data.',
      wholeMonths: 'Reports cover whole months only: "From" must be the first day of a month and "To" the last.',
      sliceTooSmall: 'This filter would let a small group\'s answers be worked out by subtracting other reports, so the report is not shown.',
      noSurveys: 'No surveys yet.',
      noData: 'No responses for the chosen filters.',
      generated: (d) => `Report date: ${d}`,
      period: 'Period',
      status: { published: 'published', draft: 'draft', closed: 'closed', archived: 'archived' },
      version: 'version',
      median: 'Median',
      sd: 'SD',
      quarter: (y, q) => `Q${q} ${y}`,
      view: 'View',
      viewNames: { summary: 'Summary', trend: 'Trend over time' },
      periodBy: 'Period',
      periodNames: { month: 'Month', quarter: 'Quarter', year: 'Year' },
      responsesPerPeriod: 'Responses per period',
      versionCol: 'Versions in series',
      change: 'Change from previous period (95% CI)',
      significant: 'statistically significant',
      significantAdjusted: 'significant after the multiple-testing correction (Holm)',
      partial: 'partial period',
      partialReasons: { running: 'the period is still running', cut_by_filter: 'the date filter cuts the period', months_missing: 'some months of the period have no responses' },
      partialLegend: 'A hollow point is a partial period: shown, but left out of every comparison.',
      chanceMarks: (tests, expected) => `${tests} tests against the previous period; chance alone would mark about ${expected}.`,
      vsBaseline: 'vs baseline',
      vsYearAgo: 'vs a year before',
      trendCsv: 'Download trend (CSV)',
      pp: 'pp',
      seriesBreak: (v, p, reason) => `Series break: version ${v}, from ${p} (${reason})`,
      seriesStarts: (v, p) => `Series starts: a new question in version ${v}, from ${p}; there is nothing earlier to compare with`,
      seriesStops: (v, p) => `Series ends: the question was dropped in version ${v}; last period ${p}`,
      breakReasons: { series_break: 'the question changed', type_changed: 'the answer scale changed',
        dimensions_changed: 'the index was redefined', item_break: 'a question of the index changed' },
      trendHint: 'A line joins the periods of one series; a dashed line marks where a question changed, and the series starts again after it. Vertical bars are 95% confidence intervals.',
      notTrended: 'Choice and text questions have no trend chart:',
      chartLabel: (name, metric) => `${name}: ${metric} by period`,
    },
  };

  // Diverging colours for 5-point scales (low = red, high = blue) that stay apart for most
  // colour-vision deficiencies; 0-10: detractors, passives, promoters; choices: categorical.
  const SCALE5_COLOURS = ['#b2182b', '#ef8a62', '#a6a6a6', '#67a9cf', '#2166ac'];
  const CHOICE_COLOURS = ['#1f5f99', '#e08e0b', '#2e8b57', '#8e44ad', '#c0392b', '#16a085', '#6d4c41', '#5c6bc0', '#7f8c8d'];
  function scale10Colour(code) {
    if (code <= 6) return ['#67001f', '#8c1a2b', '#b2182b', '#c43c3c', '#d6604d', '#e3826a', '#f4a582'][code];
    if (code <= 8) return code === 7 ? '#bdbdbd' : '#9e9e9e';
    return code === 9 ? '#4393c3' : '#2166ac';
  }

  const state = {
    lang: initialLanguage(),
    token: readToken(),
    surveys: [],        // [{id, title, versions: [{version, status}]}]
    courts: [],
    summary: null,
    requestSeq: 0,
    notByCourt: new Set(),  // surveys whose replies said report_by_court: false
    scope: null,        // the account's scope from /api/v1/admin/me when not the whole country, else null
  };

  // ---- helpers ----
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

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    children.forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  function $(id) { return document.getElementById(id); }

  function fmt(value, digits) {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—';
    return new Intl.NumberFormat(LOCALES[state.lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }
  function pct(share) { return Math.round(share * 100); }

  // A weighted figure with its interval: "17% (3–53)" for a share (scale 100), "63.2 (51.0–75.4)" for an index.
  function weightedText(w, digits, scale = 1) {
    if (!w || !Number.isFinite(w.value)) return '—';
    const show = (v) => (scale === 100 ? pct(v) : fmt(v, digits));
    const range = w.ci ? ` (${show(w.ci.low)}–${show(w.ci.high)})` : '';
    return `${show(w.value)}${scale === 100 ? '%' : ''}${range}`;
  }

  function favourableText(item) {
    if (item.favourable === null || item.favourable === undefined) return '';
    const ci = item.favourable_ci;
    const range = ci && Number.isFinite(ci.low) && Number.isFinite(ci.high) ? ` (${pct(ci.low)}–${pct(ci.high)})` : '';
    return `${pct(item.favourable)}%${range}`;
  }

  function groupLabel(group, groupBy) {
    if (groupBy === 'none' || group.key === '') return t('allResponses');
    if (groupBy === 'month') {
      const m = /^(\d{4})-(\d{2})$/.exec(group.key);
      if (m) {
        const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
        return new Intl.DateTimeFormat(LOCALES[state.lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
      }
    }
    if (groupBy === 'quarter') {
      const q = /^(\d{4})-Q([1-4])$/.exec(group.key);
      if (q) return t('quarter', q[1], q[2]);
    }
    if (groupBy === 'level') return t('levelNames')[group.key] || group.key;
    if (groupBy === 'region') return group.label || regionNameOf(group.key);
    if (groupBy === 'court') {
      const court = state.courts.find((c) => c.code === group.key);
      if (group.label && group.label !== group.key) return group.label;
      return court ? court.name : group.key;
    }
    return group.label || group.key;
  }

  async function api(path) {
    const response = await window.fetch(path, {
      headers: Session.authHeaders(state.token), cache: 'no-store', credentials: 'same-origin',
    });
    let body = null;
    try { body = await response.json(); } catch (e) { /* not JSON */ }
    return { status: response.status, ok: response.ok, body };
  }

  // ---- chrome ----
  function renderChrome() {
    document.documentElement.lang = state.lang;
    document.title = `${t('title')} — CourtVoice`;
    $('lang-switch').replaceChildren(...LANGS.map((l) => el('button', {
      type: 'button', lang: l, 'data-lang': l, 'aria-pressed': l === state.lang ? 'true' : 'false',
      onclick: () => switchLanguage(l),
    }, LANG_NAMES[l])));
  }

  async function switchLanguage(lang) {
    if (lang === state.lang) return;
    const filters = state.token && $('filters') ? readFilters() : null;
    state.lang = lang;
    Session.saveLanguage(lang);
    if (!state.token) {
      renderLogin('');
    } else {
      await showBoard(filters);
    }
    const button = document.querySelector(`#lang-switch button[data-lang="${lang}"]`);
    if (button) button.focus();
  }

  // ---- sign in ----
  function renderLogin(message) {
    renderChrome();
    $('main').replaceChildren(Session.tokenForm(state.lang, t('tokenHeading'), message, '/dashboard', (token) => { saveToken(token); showBoard(null); }));
    $('token').focus();
  }

  // ---- board ----
  async function showBoard(filters) {
    renderChrome();
    $('main').replaceChildren(el('p', { class: 'notice', id: 'board-loading' }, t('loading')));
    let surveys;
    let courts;
    let me;
    try {
      [surveys, courts, me] = await Promise.all([api('/api/v1/admin/surveys'), api(`/api/v1/courts?lang=${state.lang}`),
        api('/api/v1/admin/me')]);
    } catch (e) {
      renderLoadFailure();
      return;
    }
    if (surveys.status === 401 || surveys.status === 403) {
      saveToken('');
      renderLogin(t('wrongToken'));
      return;
    }
    if (!surveys.ok) {
      renderLoadFailure();
      return;
    }
    state.surveys = groupSurveys(surveys.body && Array.isArray(surveys.body.surveys) ? surveys.body.surveys : []);
    state.courts = courts.ok && Array.isArray(courts.body)
      ? courts.body.map((c) => ({ code: c.code, name: text(c.name) || c.code, region: c.region || '',
        region_name: c.region_name || c.region || '', level: c.level || '' })) : [];
    // The lists show only what the account may read (the server refuses the rest with
    // out_of_scope); without /api/v1/admin/me (a server before accounts) nothing is narrowed.
    const scope = me.ok && me.body && me.body.scope;
    state.scope = scope && scope.country === false
      ? { regions: Array.isArray(scope.regions) ? scope.regions : [], courts: Array.isArray(scope.courts) ? scope.courts : [] }
      : null;
    if (state.scope) {
      state.courts = state.courts.filter((c) => state.scope.courts.includes(c.code) || state.scope.regions.includes(c.region));
    }
    renderBoard(filters || filtersFromUrl());
    if ($('survey').value) loadReport();
  }

  function renderLoadFailure() {
    $('main').replaceChildren(el('p', { class: 'notice notice-error', role: 'alert' }, t('loadFailed')),
      el('button', { type: 'button', class: 'btn', onclick: () => showBoard(null) }, t('show')));
  }

  // One entry per survey id with its versions, newest first.
  function groupSurveys(rows) {
    const byId = new Map();
    for (const row of rows) {
      if (!byId.has(row.survey_id)) byId.set(row.survey_id, { id: row.survey_id, versions: [] });
      byId.get(row.survey_id).versions.push(row);
    }
    const list = Array.from(byId.values());
    for (const s of list) {
      s.versions.sort((a, b) => b.version - a.version);
      const shown = s.versions.find((v) => v.status === 'published') || s.versions[0];
      // As the server decides: any version beyond a draft that is not reported by court.
      if (s.versions.some((v) => v.status !== 'draft' && v.report_by_court === false)) state.notByCourt.add(s.id);
      s.title = text(shown.title) || s.id;
      s.status = shown.status;
      s.version = shown.version;
    }
    return list.sort((a, b) => a.id.localeCompare(b.id));
  }

  // Views beyond the summary and the trend live in files of their own (dashboard_<view>.js,
  // loaded before this one), each registering itself in window.CourtVoiceDashboardViews as
  //   name: { label: {kk, ru, en}, controls: ['group', 'period'] (the form's controls it uses), path: (filters) => 'summary' | 'league' | ... (the API path under
  //           /api/v1/admin/surveys/{id}/), query: (filters, params) => void (adds its parameters),
  //           render: (body, ctx) => void (draws the reply into ctx.report) }
  // ctx: { filters, lang, t, text, el, svg, api, report, status, courtName, regionName, reportHead }.
  const EXTRA_VIEWS = window.CourtVoiceDashboardViews || {};
  const Exports = window.CourtVoiceDashboardExports;  // export buttons, dashboard_exports.js
  const VIEWS = ['summary', 'trend', ...Object.keys(EXTRA_VIEWS)];
  // Views the signed-in role may use (docs/api.md, "Roles"); a bearer token shows them all.
  const VIEW_FEATURE = { league: 'league', drivers: 'analysis', crossed: 'analysis', comments: 'comments' };
  function viewAllowed(v) { return !VIEW_FEATURE[v] || Session.may(VIEW_FEATURE[v]); }
  const GROUPS = ['none', 'court', 'region', 'level', 'month', 'quarter'];
  const PERIODS = ['month', 'quarter', 'year'];

  const LEVELS = ['district', 'specialised', 'regional', 'cassation', 'supreme'];
  // The start of the 2025-2029 strategy, which the public-confidence KPIs are measured from.
  const BASELINE = '2025-01-01';
  const PRESETS = ['', 'last_quarter', 'this_quarter', 'this_year', 'last_12_months', 'since_baseline'];
  const MULTI = ['court', 'region', 'level'];  // filters that take several values (arrays)

  // A repeated parameter, or a comma-separated one, as the API takes it.
  function listParam(p, key) {
    return p.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  }

  function filtersFromUrl() {
    const p = new URLSearchParams(window.location.search);
    return { survey: p.get('survey') || '', court: listParam(p, 'court'), region: listParam(p, 'region'),
      level: listParam(p, 'level'), from: p.get('from') || '', to: p.get('to') || '', group: p.get('group') || 'none',
      view: p.get('view') || 'summary', period: p.get('period') || 'quarter', weights: p.get('weights') === 'on' ? 'on' : '' };
  }

  function chosen(id) {
    return Array.from($(id).selectedOptions).map((o) => o.value).filter(Boolean);
  }

  function readFilters() {
    return { survey: $('survey').value, court: chosen('court'), region: chosen('region'), level: chosen('level'),
      from: $('from').value, to: $('to').value, group: $('group').value, view: $('view').value, period: $('period').value,
      weights: $('weights').checked ? 'on' : '' };
  }

  function choose(id, values) {
    Array.from($(id).options).forEach((o) => { o.selected = values.includes(o.value) && !o.disabled; });
  }

  // The court list shows only the courts of the regions and levels chosen (all when none is).
  function narrowCourts() {
    const regions = chosen('region');
    const levels = chosen('level');
    Array.from($('court').options).forEach((o) => {
      const c = state.courts.find((x) => x.code === o.value);
      const off = !c || (regions.length > 0 && !regions.includes(c.region)) || (levels.length > 0 && !levels.includes(c.level));
      o.hidden = off;
      o.disabled = off;
      if (off) o.selected = false;
    });
  }

  // Date presets on whole months (UTC): from the first day of a month to the last day of one.
  function isoDay(y, m, d) { return new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10); }
  function presetRange(preset, today) {
    const y = today.getUTCFullYear();
    const m = today.getUTCMonth();
    const q = Math.floor(m / 3) * 3;  // first month of this quarter
    const monthEnd = isoDay(y, m + 1, 0);
    switch (preset) {
      case 'last_quarter': return { from: isoDay(y, q - 3, 1), to: isoDay(y, q, 0) };
      case 'this_quarter': return { from: isoDay(y, q, 1), to: monthEnd };
      case 'this_year': return { from: isoDay(y, 0, 1), to: monthEnd };
      case 'last_12_months': return { from: isoDay(y, m - 11, 1), to: monthEnd };
      case 'since_baseline': return { from: BASELINE, to: monthEnd };
      default: return null;
    }
  }
  function applyPreset() {
    const range = presetRange($('preset').value, new Date());
    if (!range) return;
    $('from').value = range.from;
    $('to').value = range.to;
  }
  function regionNameOf(code) {
    const c = state.courts.find((x) => x.region === code);
    return (c && c.region_name) || code;
  }

  // The summary groups; the trend goes by period: only the control of the chosen view is shown.
  function showViewControls() {
    const trend = $('view').value === 'trend';
    const extra = EXTRA_VIEWS[$('view').value];  // shows the controls it lists in `controls`
    const shows = (control) => (extra ? (extra.controls || []).includes(control) : null);
    $('group').closest('.field').hidden = extra ? !shows('group') : trend;
    $('period').closest('.field').hidden = extra ? !shows('period') : !trend;
    $('weights').closest('.field').hidden = Boolean(extra) || trend;  // weights are the summary's
    $('download-csv').hidden = !Session.may('exports') || (extra ? true : trend);
  }

  // A survey not reported by court (the judges') cannot be grouped or filtered by court: the
  // server refuses it, so the form does not offer it once a reply has said so.
  function showCourtControls() {
    const off = state.notByCourt.has($('survey').value);
    $('court').disabled = off;
    if (off) choose('court', []);
    $('court').title = off ? t('notByCourt') : '';
    const option = $('group').querySelector("option[value='court']");
    option.disabled = off;
    if (off && $('group').value === 'court') $('group').value = 'none';
  }

  function field(id, label, control) {
    return el('div', { class: 'field' }, el('label', { for: id, class: 'field-label' }, label), control);
  }

  function renderBoard(filters) {
    const surveySelect = el('select', { id: 'survey', name: 'survey', onchange: showCourtControls },
      state.surveys.map((s) => el('option', { value: s.id },
        `${s.title} (${s.id}, ${t('version')} ${s.version}, ${t('status')[s.status] || s.status})`)));
    const courtSelect = el('select', { id: 'court', name: 'court', multiple: true, size: 5, title: t('manyHint') },
      state.courts.slice().sort((a, b) => a.name.localeCompare(b.name)).map((c) => el('option', { value: c.code }, c.name)));
    // A region is offered only to an account that has all of it.
    const regions = Array.from(new Set(state.courts.map((c) => c.region).filter(Boolean)))
      .filter((r) => !state.scope || state.scope.regions.includes(r))
      .sort((a, b) => regionNameOf(a).localeCompare(regionNameOf(b)));
    const regionSelect = el('select', { id: 'region', name: 'region', multiple: true, size: 5, title: t('manyHint'), onchange: narrowCourts },
      regions.map((r) => el('option', { value: r }, regionNameOf(r))));
    const levels = LEVELS.filter((l) => state.courts.some((c) => c.level === l));
    const levelSelect = el('select', { id: 'level', name: 'level', multiple: true, size: 5, title: t('manyHint'), onchange: narrowCourts },
      levels.map((l) => el('option', { value: l }, t('levelNames')[l] || l)));
    const presetSelect = el('select', { id: 'preset', name: 'preset', onchange: applyPreset },
      PRESETS.map((v) => el('option', { value: v }, t('presetNames')[v])));
    // Region groups only for accounts of whole regions (a region group of some of its courts is refused).
    const groups = GROUPS.filter((g) => g !== 'region' || !state.scope || state.scope.courts.length === 0);
    const groupSelect = el('select', { id: 'group', name: 'group' },
      groups.map((g) => el('option', { value: g }, t('groupNames')[g])));
    const viewSelect = el('select', { id: 'view', name: 'view', onchange: showViewControls },
      VIEWS.filter(viewAllowed).map((v) => el('option', { value: v }, EXTRA_VIEWS[v] ? text(EXTRA_VIEWS[v].label) : t('viewNames')[v])));
    const periodSelect = el('select', { id: 'period', name: 'period' },
      PERIODS.map((v) => el('option', { value: v }, t('periodNames')[v])));
    periodSelect.value = 'quarter';
    const form = el('form', { id: 'filters', class: 'filters card no-print' },
      field('survey', t('survey'), surveySelect),
      el('div', { class: 'filter-row' },
        field('view', t('view'), viewSelect),
        field('region', t('region'), regionSelect),
        field('level', t('level'), levelSelect),
        field('court', t('court'), courtSelect),
        field('preset', t('preset'), presetSelect),
        field('from', t('from'), el('input', { type: 'date', id: 'from', name: 'from', onchange: () => { $('preset').value = ''; } })),
        field('to', t('to'), el('input', { type: 'date', id: 'to', name: 'to', onchange: () => { $('preset').value = ''; } })),
        field('group', t('group'), groupSelect),
        field('period', t('periodBy'), periodSelect),
        el('div', { class: 'field field-check' },
          el('label', { for: 'weights', class: 'field-label' },
            el('input', { type: 'checkbox', id: 'weights', name: 'weights' }), ` ${t('weightsToggle')}`))),
      el('p', { class: 'field-hint' }, t('manyHint')),
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'btn', id: 'show' }, t('show')),
        el('button', { type: 'button', class: 'btn btn-secondary', id: 'download-csv', disabled: true, hidden: !Session.may('exports'), onclick: downloadCsv }, t('csv')),
        el('button', { type: 'button', class: 'btn btn-secondary', id: 'print', disabled: true, onclick: () => window.print() }, t('print')),
        el('button', { type: 'button', class: 'btn btn-secondary', id: 'report-page', onclick: openReportPage }, t('reportPage')),
        el('button', { type: 'button', class: 'btn btn-secondary', id: 'sign-out', onclick: signOut }, t('signOut'))),
      Exports && Session.may('exports') ? Exports.panel(exportContext()) : null);
    form.addEventListener('submit', (ev) => { ev.preventDefault(); loadReport(); });

    $('main').replaceChildren(
      el('h1', { class: 'no-print' }, t('title')),
      form,
      el('div', { id: 'status', class: 'status no-print', role: 'status', 'aria-live': 'polite' }),
      el('div', { id: 'report', class: 'report' }));

    if (!state.surveys.length) {
      $('status').textContent = t('noSurveys');
      surveySelect.disabled = true;
      $('show').disabled = true;
      return;
    }
    if (filters) {
      if (state.surveys.some((s) => s.id === filters.survey)) surveySelect.value = filters.survey;
      choose('region', filters.region || []);
      choose('level', filters.level || []);
      narrowCourts();
      choose('court', filters.court || []);
      $('from').value = filters.from || '';
      $('to').value = filters.to || '';
      groupSelect.value = groups.includes(filters.group) ? filters.group : 'none';
      viewSelect.value = VIEWS.includes(filters.view) ? filters.view : 'summary';
      periodSelect.value = PERIODS.includes(filters.period) ? filters.period : 'quarter';
      $('weights').checked = filters.weights === 'on';
    }
    showViewControls();
    showCourtControls();
  }

  // The printable report (/dashboard/report) of the survey and filters chosen, in this tab (it
  // reads the token kept here).
  function openReportPage() {
    const f = readFilters();
    if (!f.survey) return;
    const q = new URLSearchParams({ survey: f.survey, lang: state.lang });
    ['court', 'region', 'level', 'from', 'to'].forEach((k) => {
      [].concat(f[k] || []).forEach((v) => { if (v) q.append(k, v); });  // court, region, level: lists
    });
    window.location.assign(`/dashboard/report?${q}`);
  }

  function signOut() {
    Session.signOut(state.token, () => {
      state.token = '';
      state.summary = null;
      state.trend = null;
      renderLogin('');
    });
  }

  // The summary or the trend, as the form says; the address keeps the choices for a reload.
  async function loadReport() {
    const f = readFilters();
    if (!f.survey) return;
    const trend = f.view === 'trend';
    const extra = EXTRA_VIEWS[f.view];
    const q = new URLSearchParams({ lang: state.lang });
    if (trend) q.set('period', f.period);
    else if (!extra) q.set('group', f.group);
    else extra.query(f, q);
    if (!trend && !extra && f.weights) q.set('weights', 'on');
    MULTI.forEach((k) => f[k].forEach((v) => q.append(k, v)));
    if (f.from) q.set('from', f.from);
    if (f.to) q.set('to', f.to);
    // Only what this view uses, so that a shared link is short and says what it shows; several
    // courts, regions or levels as repeated parameters.
    const unused = trend ? 'group' : 'period';
    const shareable = new URLSearchParams();
    Object.entries(f).filter(([k, v]) => v && k !== unused && !(k === 'view' && v === 'summary') && !(k === 'weights' && (trend || extra))).forEach(([k, v]) => {
      if (Array.isArray(v)) v.forEach((x) => shareable.append(k, x));
      else shareable.set(k, v);
    });
    window.history.replaceState(null, '', `/dashboard?${shareable}`);

    const seq = ++state.requestSeq;
    $('status').textContent = t('loading');
    $('report').setAttribute('aria-busy', 'true');
    let result;
    try {
      const path = extra ? extra.path(f) : trend ? 'trend' : 'summary';
      result = await api(`/api/v1/admin/surveys/${encodeURIComponent(f.survey)}/${path}?${q}`);
    } catch (e) {
      result = { status: 0, ok: false, body: null };
    }
    if (seq !== state.requestSeq) return;  // a newer request is on its way
    $('report').removeAttribute('aria-busy');
    if (result.status === 401 || result.status === 403) {
      saveToken('');
      renderLogin(t('wrongToken'));
      return;
    }
    const error = result.body && result.body.error;
    if (error && error.code === 'not_allowed' && (error.field === 'group' || error.field === 'court' || error.field === 'id')) {
      state.notByCourt.add(f.survey);
      showCourtControls();
    }
    if (!result.ok || !result.body) {
      const message = error ? error.message : '';
      // Disclosure control refusals (docs/analytics.md): say why in the page's language, then the server's detail.
      const why = !error ? '' : error.code === 'whole_months_required' ? t('wholeMonths') : error.code === 'slice_too_small' ? t('sliceTooSmall')
        : error.code === 'no_weights' ? t('noWeights') : '';
      $('status').textContent = `${why || t('loadFailed')} ${message}`.trim();
      $('status').classList.add('status-error');
      return;
    }
    $('status').classList.remove('status-error');
    $('status').textContent = '';
    if (result.body.report_by_court === false) {
      state.notByCourt.add(f.survey);
      showCourtControls();
      $('status').textContent = t('notByCourt');
    }
    state.summaryFilters = f;
    if (extra) {
      state.summary = null;
      state.trend = null;
      extra.render(result.body, viewContext(f));
    } else if (trend) {
      state.summary = null;
      state.trend = result.body;
      state.trendQuery = q;
      renderTrend();
    } else {
      state.trend = null;
      state.summary = result.body;
      renderReport();
    }
  }

  // What a view of its own (EXTRA_VIEWS) may use of this page.
  // filters.court, .region and .level are arrays (empty: all). drillDown({view, court, group})
  // sets those controls of the form and shows that report.
  function viewContext(f) {
    return { filters: f, lang: state.lang, t, text, el, svg, api, report: $('report'), status: $('status'),
      courtName: (code) => { const c = state.courts.find((x) => x.code === code); return c ? c.name : code; },
      regionName: regionNameOf,
      reportHead: (body, arrangement, ...nodes) => reportHead(body, f, arrangement, ...nodes),
      drillDown };
  }

  function drillDown(to) {
    if (to.view) $('view').value = to.view;
    if (to.group) $('group').value = to.group;
    if (to.court) {
      choose('region', []);
      choose('level', []);
      narrowCourts();
      choose('court', to.court);
    }
    showViewControls();
    loadReport();
  }

  // ---- report ----
  function itemDefs() {
    const map = new Map();
    ((state.summary && state.summary.items) || []).forEach((i) => map.set(i.id, i));
    return map;
  }

  // Title, the filters in words, the anonymity rule and the print date; `extra` nodes in between.
  function reportHead(s, f, arrangement, ...extra) {
    const survey = state.surveys.find((x) => x.id === s.survey_id);
    const filterParts = [];
    const courts = f.court || [];
    if (courts.length) {
      filterParts.push(`${t('court')}: ${courts.map((code) => { const c = state.courts.find((x) => x.code === code); return c ? c.name : code; }).join(', ')}`);
    }
    if ((f.region || []).length) filterParts.push(`${t('region')}: ${f.region.map(regionNameOf).join(', ')}`);
    if ((f.level || []).length) filterParts.push(`${t('level')}: ${f.level.map((l) => t('levelNames')[l] || l).join(', ')}`);
    if (f.from || f.to) filterParts.push(`${t('period')}: ${f.from || '…'} — ${f.to || '…'}`);
    filterParts.push(arrangement);
    return el('header', { class: 'report-head' },
      el('h2', { id: 'report-title' }, text(s.title) || (survey ? survey.title : s.survey_id)),
      el('p', { class: 'report-meta' }, filterParts.join(' · ')),
      ...extra,
      el('p', { class: 'report-meta' }, t('minGroup', s.min_group_size)),
      el('p', { class: 'report-meta print-only' }, t('generated', new Date().toISOString().slice(0, 10))));
  }

  function renderReport() {
    const s = state.summary;
    const f = state.summaryFilters;
    const defs = itemDefs();
    const indexNames = new Map(((s.indices) || []).map((i) => [i.id, text(i.name) || i.id]));
    const groups = Array.isArray(s.groups) ? s.groups : [];
    $('report').replaceChildren(...[
      reportHead(s, f, `${t('group')}: ${t('groupNames')[s.group_by] || s.group_by}`,
        el('p', { class: 'report-meta', id: 'report-total' }, t('total', s.total_responses)),
        s.weights ? el('p', { class: 'report-meta', id: 'report-weights' }, t('weightsHead', s.weights.loaded_on.slice(0, 10), s.weights.unmatched_cells)) : null,
        legendLine()),
      groups.length ? null : el('p', { class: 'notice', id: 'no-data' }, t('noData')),
      ...groups.map((g) => renderGroup(g, s, defs, indexNames)),
    ].filter(Boolean));
    $('download-csv').disabled = false;
    $('print').disabled = false;
  }

  function renderGroup(group, s, defs, indexNames) {
    const label = groupLabel(group, s.group_by);
    const hidden = groupHidden(group, s);
    const section = el('section', { class: 'group', 'data-key': group.key, 'data-suppressed': hidden ? 'true' : 'false', 'aria-label': label });
    section.append(el('h3', { class: 'group-title' }, label));
    if (hidden) {
      section.append(el('p', { class: 'suppressed' }, t('suppressed', s.min_group_size)));
      return section;
    }
    section.append(el('p', { class: 'group-responses' }, t('responses', group.responses)));

    const indices = Array.isArray(group.indices) ? group.indices : [];
    if (indices.length) {
      section.append(el('ul', { class: 'indices', 'aria-label': t('indices') },
        indices.map((i) => el('li', { class: 'index', 'data-index': i.index_id },
          el('span', { class: 'index-name' }, indexNames.get(i.index_id) || i.index_id),
          isHidden(i, s) || i.value === null || i.value === undefined
            ? el('span', { class: 'index-value suppressed-inline' }, isHidden(i, s) ? t('suppressed', s.min_group_size) : '—')
            : [el('span', { class: 'index-value' }, fmt(i.value, 1)), el('span', { class: 'index-n' }, `n = ${i.n}`),
              i.weighted ? el('span', { class: 'index-weighted' }, t('weightedIndex', weightedText(i.weighted, 1), fmt(i.weighted.n_eff, 1))) : null]))));
    }

    const table = el('table', { class: 'items' },
      el('thead', null, el('tr', null,
        el('th', { scope: 'col', class: 'col-text' }, t('question')),
        el('th', { scope: 'col', class: 'num' }, 'n'),
        el('th', { scope: 'col', class: 'num' }, t('mean')),
        el('th', { scope: 'col', class: 'num' }, t('favourable')),
        s.weights ? el('th', { scope: 'col', class: 'num col-weighted' }, t('weightedCol')) : null,
        el('th', { scope: 'col', class: 'col-dist' }, t('distribution')),
        el('th', { scope: 'col', class: 'col-na' }, t('noAnswer')))),
      el('tbody', null, (group.items || []).map((item) => renderItemRow(item, defs.get(item.item_id), s))));
    section.append(el('div', { class: 'table-wrap' }, table));
    return section;
  }

  function renderItemRow(item, def, s) {
    const row = el('tr', { 'data-item': item.item_id });
    row.append(el('th', { scope: 'row', class: 'col-text' }, def ? text(def.text) : item.item_id,
      el('span', { class: 'item-id' }, item.item_id)));
    if (isHidden(item, s)) {
      row.classList.add('row-suppressed');
      row.append(el('td', { colspan: s.weights ? '6' : '5', class: 'suppressed-inline' }, t('suppressed', s.min_group_size)));
      return row;
    }
    const type = def ? def.type : '';
    const meanCell = el('td', { class: 'num' }, fmt(item.mean, 2));
    if (type === 'number' && Number.isFinite(item.median)) {
      meanCell.append(el('span', { class: 'sub' }, `${t('median')} ${fmt(item.median, 1)} · ${t('sd')} ${fmt(item.sd, 1)}`));
    }
    const favCell = el('td', { class: 'num fav' }, favourableText(item));
    // The API's `nps` is % 9-10 minus % 0-6 of any 0-10 item; only the recommend-to-a-friend
    // question makes it a Net Promoter Score, so the page calls it a net score.
    if (Number.isFinite(item.nps)) {
      favCell.append(el('span', { class: 'sub net-score', title: t('netScoreNote') }, `${t('netScore')} ${item.nps > 0 ? '+' : ''}${fmt(item.nps, 0)}`));
    }
    row.append(
      el('td', { class: 'num' }, String(item.n)),
      meanCell,
      favCell,
      ...(s.weights ? [el('td', { class: 'num fav-weighted' }, item.weighted
        ? [weightedText(item.weighted, 0, 100), el('span', { class: 'sub n-eff' }, `n_eff ${fmt(item.weighted.n_eff, 1)}`)] : '')] : []),
      el('td', { class: 'col-dist' }, distribution(item, def)),
      el('td', { class: 'col-na' }, nonAnswerText(item)));
    return row;
  }

  // Suppressed by the server, or (defence in depth) counted on fewer people than the minimum.
  function isHidden(entry, s) {
    return entry.suppressed === true || !Number.isFinite(entry.n) || entry.n < s.min_group_size;
  }

  function groupHidden(group, s) {
    return group.suppressed === true || !Number.isFinite(group.responses) || group.responses < s.min_group_size;
  }

  function nonAnswerText(item) {
    const na = item.non_answers || {};
    return NON_ANSWER_KEYS.filter((k) => na[k]).map((k) => `${t('nonAnswers')[k]} ${na[k]}`).join(' · ');
  }

  // Segments of a distribution: [{code, label, count, colour}] in scale or option order.
  function segments(item, def) {
    const counts = item.counts || {};
    if (!def) return [];
    if (def.type === 'agreement5' || def.type === 'satisfaction5' || def.type === 'scale5') {
      // A scale5 item's points mean what its own labels say; the standard scales are read by number.
      const own = new Map((def.scale_labels || []).map((l) => [Number(l.value), text(l.label)]));
      return [1, 2, 3, 4, 5].map((c) => ({ code: c, label: own.has(c) ? `${c} ${own.get(c)}` : String(c), count: counts[c] || 0,
        colour: SCALE5_COLOURS[c - 1] }));
    }
    if (def.type === 'scale0to10') {
      return Array.from({ length: 11 }, (_, c) => ({ code: c, label: String(c), count: counts[c] || 0, colour: scale10Colour(c) }));
    }
    if (def.type === 'single_choice' || def.type === 'multiple_choice') {
      return (def.options || []).map((o, i) => ({ code: o.code, label: text(o.label), count: counts[o.code] || 0,
        colour: CHOICE_COLOURS[i % CHOICE_COLOURS.length] }));
    }
    return [];
  }

  function distribution(item, def) {
    const segs = segments(item, def);
    const sum = segs.reduce((a, s) => a + s.count, 0);
    if (!segs.length || !sum) return '';
    const choice = def.type === 'single_choice' || def.type === 'multiple_choice';
    // Choices: share of respondents (n); scales: share of substantive answers.
    const base = choice ? (item.n || sum) : sum;
    const describe = segs.map((s) => `${s.label}: ${s.count} (${pct(s.count / base)}%)`).join(', ');
    const width = 160;
    const bar = svg('svg', { class: 'dist', viewBox: `0 0 ${width} 14`, width, height: 14, role: 'img', 'aria-label': describe, preserveAspectRatio: 'none' },
      svg('title', null, describe));
    let x = 0;
    segs.forEach((s) => {
      const w = (s.count / sum) * width;
      if (w <= 0) return;
      bar.append(svg('rect', { x: x.toFixed(2), y: 0, width: w.toFixed(2), height: 14, fill: s.colour }, svg('title', null, `${s.label}: ${s.count} (${pct(s.count / base)}%)`)));
      x += w;
    });
    const wrap = el('div', { class: 'dist-wrap' }, bar);
    // Choices and scale5 items carry a legend: their labels say what each part of the bar is.
    if (choice || def.type === 'scale5') {
      wrap.append(el('ul', { class: 'legend' }, segs.map((s) => el('li', null, swatch(s.colour), ` ${s.label} ${pct(s.count / base)}%`))));
    }
    return wrap;
  }

  function swatch(colour) {
    return svg('svg', { width: 10, height: 10, class: 'swatch', 'aria-hidden': 'true' }, svg('rect', { width: 10, height: 10, fill: colour }));
  }

  // What the colours of the distribution bars mean (choices carry their own legend).
  function legendLine() {
    return el('p', { class: 'report-meta legend-line' },
      t('legend5'), SCALE5_COLOURS.map((c, i) => [' ', swatch(c), ` ${i + 1}`]),
      ' · ', t('legend10'), ' ', swatch(scale10Colour(2)), ' 0–6 ', swatch(scale10Colour(8)), ' 7–8 ', swatch(scale10Colour(10)), ' 9–10',
      ' · ', el('span', { id: 'net-score-note' }, t('netScoreNote')));
  }

  // ---- trend over time ----
  // One colour per segment of a series (a new segment after each break), distinguishable in
  // print and for most colour-vision deficiencies.
  const SEGMENT_COLOURS = ['#0b4f8a', '#c05500', '#2e7d32', '#6a1b9a'];
  const SCALE_TYPES = ['agreement5', 'satisfaction5', 'scale5', 'scale0to10'];
  const CHART = { width: 560, height: 210, left: 44, right: 36, top: 26, bottom: 40 };

  function periodLabel(key, period) {
    return groupLabel({ key, label: key }, period);
  }

  function versionsText(segment) {
    return segment.from_version === segment.to_version
      ? `v${segment.from_version}` : `v${segment.from_version}–v${segment.to_version}`;
  }

  // What a series plots: an index its value (0-100), a scale item its % favourable with the
  // interval, a number item its mean. `scale` turns a share into percent (and its change into
  // percentage points).
  function metricOf(kind, type) {
    if (kind === 'index') {
      return { kind: 'index', name: t('value'), max: 100, value: (p) => p.value, ci: (p) => (p.ci ? { low: p.ci.low / 100, high: p.ci.high / 100 } : null),
        change: (p) => p.change, vsBaseline: (p) => p.vs_baseline, vsYearAgo: (p) => p.vs_year_ago, tests: 'index',
        unit: '', digits: 1, scale: 1 };
    }
    if (SCALE_TYPES.includes(type)) {
      return { kind: 'share', name: t('favourable'), max: 100, value: (p) => (Number.isFinite(p.favourable) ? p.favourable * 100 : null),
        ci: (p) => p.favourable_ci, change: (p) => p.favourable_change, vsBaseline: (p) => p.favourable_vs_baseline,
        vsYearAgo: (p) => p.favourable_vs_year_ago, tests: 'favourable', unit: ` ${t('pp')}`, digits: 0, scale: 100 };
    }
    return { kind: 'mean', name: t('mean'), max: null, value: (p) => p.mean, ci: () => null, change: (p) => p.mean_change,
      vsBaseline: (p) => p.mean_vs_baseline, vsYearAgo: (p) => p.mean_vs_year_ago, tests: 'mean', unit: '', digits: 2, scale: 1 };
  }

  // The previous-period family of a series' tests: {tests, expected_by_chance}.
  function testsOf(series, kind, metric) {
    const tests = series.tests;
    if (!tests) return null;
    const measure = kind === 'index' ? tests : tests[metric.tests];
    return measure ? measure.previous : null;
  }

  function shown(point, min) {
    return point && point.suppressed !== true && Number.isFinite(point.n) && point.n >= min;
  }

  function changeText(change, metric) {
    if (!change || !Number.isFinite(change.difference)) return '';
    // One minus sign (U+2212) for the change and its bounds alike.
    const signed = (v, plus) => {
      const text = fmt(Math.abs(v * metric.scale), metric.digits);
      if (text === fmt(0, metric.digits)) return plus ? `±${text}` : text;
      return `${v < 0 ? '−' : (plus ? '+' : '')}${text}`;
    };
    return `${signed(change.difference, true)}${metric.unit} (${signed(change.low, false)} … ${signed(change.high, false)})`;
  }

  function renderTrend() {
    const r = state.trend;
    const f = state.summaryFilters;
    const min = r.min_group_size;
    const periods = Array.isArray(r.periods) ? r.periods : [];
    const items = Array.isArray(r.items) ? r.items : [];
    const charted = items.filter((i) => i.type !== 'single_choice' && i.type !== 'multiple_choice' && i.type !== 'text');
    const other = items.filter((i) => !charted.includes(i));
    const head = reportHead(r, f, `${t('viewNames').trend} · ${t('periodBy')}: ${t('periodNames')[r.period] || r.period}`,
      el('p', { class: 'report-meta' }, t('trendHint')),
      el('p', { class: 'report-meta', id: 'partial-legend' }, el('span', { class: 'legend-hollow', 'aria-hidden': 'true' }, '○'), ' ', t('partialLegend')),
      el('button', { type: 'button', class: 'btn btn-secondary no-print', id: 'trend-csv', onclick: downloadTrendCsv }, t('trendCsv')));
    if (!periods.length) {
      $('report').replaceChildren(head, el('p', { class: 'notice', id: 'no-data' }, t('noData')));
    } else {
      $('report').replaceChildren(head,
        periodTable(periods, r.period, min),
        ...(r.indices || []).map((index) => renderSeries('index', index, text(index.name) || index.id, r.index_breaks || [], r, periods)),
        ...charted.map((item) => renderSeries('item', item, text(item.text) || item.id, r.breaks || [], r, periods)),
        other.length ? el('p', { class: 'report-meta', id: 'not-trended' }, `${t('notTrended')} ${other.map((i) => text(i.text) || i.id).join(' · ')}`) : null);
    }
    $('print').disabled = false;
    $('download-csv').disabled = true;  // the CSV is the summary's table
  }

  function periodTable(periods, period, min) {
    return el('div', { class: 'table-wrap card', id: 'trend-periods' },
      el('table', { class: 'items periods' },
        el('caption', null, t('responsesPerPeriod')),
        el('tbody', null,
          el('tr', null, el('th', { scope: 'row' }, t('period')),
            periods.map((p) => el('th', { scope: 'col', class: p.partial ? 'num partial' : 'num', 'data-period': p.period,
              title: p.partial ? `${t('partial')}: ${t('partialReasons')[p.partial_reason] || p.partial_reason}` : null },
            periodLabel(p.period, period), p.partial ? ' ○' : ''))),
          el('tr', null, el('th', { scope: 'row' }, 'n'),
            periods.map((p) => el('td', { class: 'num', 'data-period': p.period },
              shown({ ...p, n: p.responses }, min) ? String(p.responses) : `n < ${min}`))))));
  }

  function renderSeries(kind, series, name, allBreaks, r, periods) {
    const idKey = kind === 'index' ? 'index' : 'item';
    const breaks = allBreaks.filter((b) => b[idKey] === series.id && b.period);
    const ends = seriesEnds(series, r.versions);
    const metric = metricOf(kind, series.type);
    const section = el('section', { class: 'group trend-series', 'data-kind': kind, 'data-id': series.id, 'aria-label': name });
    section.append(el('h3', { class: 'group-title' }, name, kind === 'item' ? el('span', { class: 'item-id' }, series.id) : null));
    // A series with no period shown (e.g. a question hardly anyone answered) has no chart.
    const anyShown = (series.segments || []).some((s) => s.points.some((p) => shown(p, r.min_group_size) && Number.isFinite(metric.value(p))));
    if (anyShown) section.append(trendChart(series, metric, breaks, ends, r, periods, name));
    const family = testsOf(series, kind, metric);
    if (family && family.tests > 0) {
      section.append(el('p', { class: 'report-meta chance-marks', 'data-tests': family.tests },
        t('chanceMarks', family.tests, fmt(family.expected_by_chance, 2))));
    }
    section.append(trendTable(series, metric, breaks, ends, r));
    return section;
  }

  // Where a series begins after the survey's first version (a question new in that version) or
  // ends before its newest (a question dropped): {start: {version, period}, stop: {version, period}},
  // `version` being the one that added or dropped the question and `period` the series' first or
  // last period. Either is null when the series runs through all versions.
  function seriesEnds(series, versions) {
    const all = (Array.isArray(versions) ? versions : []).slice().sort((a, b) => a - b);
    const segments = (series.segments || []).filter((s) => s.points && s.points.length);
    if (!all.length || !segments.length) return { start: null, stop: null };
    const first = segments[0];
    const last = segments[segments.length - 1];
    const dropper = all.find((v) => v > last.to_version);
    return {
      start: first.from_version > all[0] ? { version: first.from_version, period: first.points[0].period } : null,
      stop: dropper !== undefined ? { version: dropper, period: last.points[last.points.length - 1].period } : null,
    };
  }

  function trendChart(series, metric, breaks, ends, r, periods, name) {
    const { width, height, left, right, top, bottom } = CHART;
    const keys = periods.map((p) => p.period);
    const step = keys.length > 1 ? (width - left - right) / (keys.length - 1) : 0;
    const xOf = (key) => (keys.length > 1 ? left + keys.indexOf(key) * step : (left + width - right) / 2);
    const segments = series.segments || [];
    const values = [];
    segments.forEach((s) => s.points.forEach((p) => { if (shown(p, r.min_group_size)) values.push(metric.value(p)); }));
    const max = metric.max || niceMax(Math.max(0, ...values.filter(Number.isFinite)));
    const plotBottom = height - bottom;
    const yOf = (v) => plotBottom - (Math.max(0, Math.min(max, v)) / max) * (plotBottom - top);

    const chart = svg('svg', { class: 'trend-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
      'aria-label': t('chartLabel', name, metric.name) });
    chart.append(svg('title', null, t('chartLabel', name, metric.name)));
    // Grid and axis labels.
    for (let i = 0; i <= 4; i += 1) {
      const v = (max * i) / 4;
      chart.append(svg('line', { class: 'grid', x1: left, x2: width - right, y1: yOf(v), y2: yOf(v) }),
        svg('text', { class: 'axis-label', x: left - 6, y: yOf(v) + 4, 'text-anchor': 'end' }, fmt(v, metric.max ? 0 : 1)));
    }
    const every = Math.ceil(keys.length / 8);
    keys.forEach((key, i) => {
      if (i % every === 0) chart.append(svg('text', { class: 'axis-label', x: xOf(key), y: plotBottom + 16, 'text-anchor': 'middle' }, shortPeriod(key, r.period)));
    });
    // Breaks: a dashed line before the first period of the new version, labelled with it.
    breaks.forEach((b) => {
      const i = keys.indexOf(b.period);
      if (i < 0) return;
      const x = i > 0 ? xOf(b.period) - step / 2 : xOf(b.period) - 8;
      chart.append(svg('line', { class: 'break-line', 'data-version': b.version, x1: x, x2: x, y1: top - 14, y2: plotBottom,
        'stroke-dasharray': '5 4' }),
      svg('text', { class: 'break-label', 'data-version': b.version, x: x + 3, y: top - 6 }, `v${b.version}`));
    });
    // A new question: a dashed line before its first period; a dropped one: after its last.
    // Each is labelled with the version that added or dropped it, and says why on hover.
    const endMark = (cls, end, x, text) => {
      chart.append(svg('line', { class: `end-line ${cls}`, 'data-version': end.version, x1: x, x2: x, y1: top - 14, y2: plotBottom,
        'stroke-dasharray': '2 3' }),
      svg('text', { class: `end-label ${cls}`, 'data-version': end.version, x: x + 3, y: top - 6 },
        svg('title', null, text), `v${end.version}`));
    };
    if (ends.start && keys.includes(ends.start.period)) {
      const i = keys.indexOf(ends.start.period);
      endMark('series-start', ends.start, i > 0 ? xOf(ends.start.period) - step / 2 : xOf(ends.start.period) - 8,
        t('seriesStarts', ends.start.version, periodLabel(ends.start.period, r.period)));
    }
    if (ends.stop && keys.includes(ends.stop.period)) {
      const i = keys.indexOf(ends.stop.period);
      endMark('series-stop', ends.stop, i < keys.length - 1 ? xOf(ends.stop.period) + step / 2 : xOf(ends.stop.period) + 8,
        t('seriesStops', ends.stop.version, periodLabel(ends.stop.period, r.period)));
    }
    // Series: within a segment, a line joins neighbouring periods that are both shown; a
    // suppressed period is a gap with its reason. Nothing joins two segments.
    const gaps = new Set();
    segments.forEach((segment, s) => {
      const colour = SEGMENT_COLOURS[s % SEGMENT_COLOURS.length];
      let run = [];
      const flush = () => {
        if (run.length > 1) {
          chart.append(svg('path', { class: 'series-line', 'data-segment': s, stroke: colour, fill: 'none',
            d: run.map(([x, y], j) => `${j ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`).join(' ') }));
        }
        run = [];
      };
      let previous = -2;
      segment.points.forEach((p) => {
        const i = keys.indexOf(p.period);
        const v = shown(p, r.min_group_size) ? metric.value(p) : null;
        if (i !== previous + 1) flush();
        previous = i;
        if (!Number.isFinite(v)) {
          flush();
          if (p.suppressed === true && !gaps.has(p.period)) {
            gaps.add(p.period);
            chart.append(svg('text', { class: 'gap-label', 'data-period': p.period, x: xOf(p.period), y: plotBottom - 6, 'text-anchor': 'middle' }, `n < ${r.min_group_size}`));
          }
          return;
        }
        const x = xOf(p.period);
        run.push([x, yOf(v)]);
        const ci = metric.ci(p);
        if (ci && Number.isFinite(ci.low) && Number.isFinite(ci.high)) {
          chart.append(svg('line', { class: 'ci', stroke: colour, x1: x, x2: x, y1: yOf(ci.low * 100), y2: yOf(ci.high * 100) }));
        }
        const change = metric.change(p);
        const classes = ['point', change && change.significant ? 'sig' : '', change && change.significant_adjusted ? 'sig-adjusted' : '',
          p.partial ? 'partial' : ''].filter(Boolean).join(' ');
        // A partial period is a hollow point: white inside, its series' colour round it.
        const dot = svg('circle', { class: classes, 'data-segment': s, 'data-period': p.period,
          cx: x.toFixed(1), cy: yOf(v).toFixed(1), r: change && change.significant ? 5 : 3.5, fill: p.partial ? '#ffffff' : colour,
          ...(p.partial ? { stroke: colour } : {}) },
        svg('title', null, `${periodLabel(p.period, r.period)} (${versionsText(segment)}): ${fmt(v, metric.digits)}, n = ${p.n}` +
          (p.partial ? ` · ${t('partial')}: ${t('partialReasons')[p.partial_reason] || p.partial_reason}` : '')));
        chart.append(dot);
      });
      flush();
    });
    return el('div', { class: 'chart-wrap' }, chart);
  }

  function niceMax(v) {
    if (!(v > 0)) return 1;
    const magnitude = 10 ** Math.floor(Math.log10(v));
    return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= v * 1.1) || 10 * magnitude;
  }

  function shortPeriod(key, period) {
    if (period === 'month') {
      const m = /^(\d{4})-(\d{2})$/.exec(key);
      if (m) {
        return new Intl.DateTimeFormat(LOCALES[state.lang], { month: 'short', year: '2-digit', timeZone: 'UTC' })
          .format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
      }
    }
    return key;
  }

  function trendTable(series, metric, breaks, ends, r) {
    const min = r.min_group_size;
    const share = metric.kind === 'share';
    const headers = [t('period'), t('versionCol'), 'n', metric.name, ...(share ? [t('mean')] : []), t('change'), t('vsBaseline'), t('vsYearAgo')];
    const body = el('tbody');
    const endRow = (cls, end, text) => el('tr', { class: `end-row ${cls}`, 'data-version': end.version },
      el('td', { colspan: headers.length }, text));
    if (ends.start) body.append(endRow('series-start', ends.start, t('seriesStarts', ends.start.version, periodLabel(ends.start.period, r.period))));
    (series.segments || []).forEach((segment, s) => {
      const startsAt = breaks.find((b) => b.version === segment.from_version);
      if (s > 0 && startsAt) {
        body.append(el('tr', { class: 'break-row', 'data-version': startsAt.version },
          el('td', { colspan: headers.length }, t('seriesBreak', startsAt.version, periodLabel(startsAt.period, r.period),
            t('breakReasons')[startsAt.reason] || startsAt.reason))));
      }
      segment.points.forEach((p) => {
        const row = el('tr', { 'data-period': p.period, 'data-segment': s },
          el('th', { scope: 'row' }, periodLabel(p.period, r.period)),
          el('td', null, versionsText(segment)));
        if (!shown(p, min)) {
          row.classList.add('row-suppressed');
          row.append(el('td', { colspan: headers.length - 2, class: 'suppressed-inline' }, t('suppressed', min)));
          body.append(row);
          return;
        }
        row.append(el('td', { class: 'num' }, String(p.n)),
          el('td', { class: 'num value' }, share ? favourableText(p) : fmt(metric.value(p), metric.digits)));
        if (share) row.append(el('td', { class: 'num' }, fmt(p.mean, 2)));
        if (p.partial) {
          row.classList.add('row-partial');
          row.querySelector('th').append(el('span', { class: 'sub partial-mark' }, `○ ${t('partial')}: ${t('partialReasons')[p.partial_reason] || p.partial_reason}`));
        }
        const changeCell = (change, cls) => {
          const cell = el('td', { class: `num ${cls}${change && change.significant ? ' sig' : ''}${change && change.significant_adjusted ? ' sig-adjusted' : ''}` },
            changeText(change, metric));
          if (change && change.significant) cell.append(el('span', { class: 'sub' }, `${change.difference > 0 ? '▲' : '▼'} ${t('significant')}`));
          if (change && change.significant_adjusted) cell.append(el('span', { class: 'sub adjusted' }, t('significantAdjusted')));
          return cell;
        };
        row.append(changeCell(metric.change(p), 'change'), changeCell(metric.vsBaseline(p), 'vs-baseline'),
          changeCell(metric.vsYearAgo(p), 'vs-year-ago'));
        body.append(row);
      });
    });
    if (ends.stop) body.append(endRow('series-stop', ends.stop, t('seriesStops', ends.stop.version, periodLabel(ends.stop.period, r.period))));
    return el('div', { class: 'table-wrap' }, el('table', { class: 'items trend-table' },
      el('thead', null, el('tr', null, headers.map((h, i) => el('th', { scope: 'col', class: i >= 2 ? 'num' : null }, h)))),
      body));
  }

  // ---- CSV of the displayed summary ----
  // The summary shown, as the API's CSV (dashboard_exports.js): the same columns, and the
  // separator and decimal mark a spreadsheet in the page's language expects.
  function downloadCsv() {
    if (!state.summary || !Exports) return;
    Exports.downloadSummary(exportContext(), state.summaryFilters);
  }

  // What dashboard_exports.js may use of this page.
  function exportContext() {
    return { lang: state.lang, token: () => state.token, filters: readFilters, status: $('status') || document.createElement('div') };
  }

  // The trend's CSV comes from the server (every series, docs/api.md "Trend CSV"), in the
  // separator and decimal style of the page's language; the bytes are kept as sent (BOM included).
  async function downloadTrendCsv() {
    if (!state.trend) return;
    const query = new URLSearchParams(state.trendQuery || '');
    query.set('format', 'csv');
    query.set('lang', state.lang);
    const response = await window.fetch(`/api/v1/admin/surveys/${encodeURIComponent(state.trend.survey_id)}/trend?${query}`, {
      headers: Session.authHeaders(state.token), cache: 'no-store', credentials: 'same-origin',
    });
    if (!response.ok) {
      $('status').textContent = t('loadFailed');
      return;
    }
    const blob = new Blob([await response.arrayBuffer()], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: `trend-${state.trend.survey_id}-${state.trend.period}.csv`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // ---- start ----
  // A session (signed in at /login) first; the token form stays for a bearer token.
  renderChrome();
  if (state.token) showBoard(null);
  else {
    Session.resumeSession().then((credential) => {
      if (credential) { state.token = credential; showBoard(null); } else renderLogin('');
    });
  }
})();
