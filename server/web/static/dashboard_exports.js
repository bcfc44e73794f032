/* CourtVoice dashboard: export buttons (docs/api.md, "Exports"). The files come from the API
   (responses long and wide, the summary, the codebook) with the filters of the form, so that a
   download holds exactly what the API gives; the dashboard's own CSV button uses downloadSummary.
   dashboard.js calls panel(ctx) once the filter form is drawn. Plain ES2017. */
(function () {
  'use strict';

  const TEXTS = {
    kk: {
      exports: 'Экспорт',
      responsesLong: 'Жауаптар CSV (ұзын)',
      responsesWide: 'Жауаптар CSV (кең)',
      summary: 'Қорытынды CSV',
      codebook: 'Кодтар кітабы CSV',
      noSurvey: 'Алдымен сауалнаманы таңдаңыз.',
      downloading: 'Жүктелуде…',
      failed: 'Жүктеу сәтсіз аяқталды',
      note: 'Пікірлер (мәтіндік жауаптар) жауаптар файлына кірмейді.',
    },
    ru: {
      exports: 'Экспорт',
      responsesLong: 'Ответы CSV (длинный)',
      responsesWide: 'Ответы CSV (широкий)',
      summary: 'Сводка CSV',
      codebook: 'Кодовая книга CSV',
      noSurvey: 'Сначала выберите опрос.',
      downloading: 'Загрузка…',
      failed: 'Не удалось скачать',
      note: 'Комментарии (текстовые ответы) в файл ответов не входят.',
    },
    en: {
      exports: 'Export',
      responsesLong: 'Responses CSV (long)',
      responsesWide: 'Responses CSV (wide)',
      summary: 'Summary CSV',
      codebook: 'Codebook CSV',
      noSurvey: 'Choose a survey first.',
      downloading: 'Downloading…',
      failed: 'The download failed',
      note: 'Comments (text answers) are not in the responses file.',
    },
  };

  function tr(ctx, key) { return (TEXTS[ctx.lang] || TEXTS.ru)[key]; }
  function el(...args) { return window.CourtVoiceDom.el(...args); }

  // The form's filters as the API's query: lists (multi-select) joined by commas.
  function filterQuery(ctx, filters, extra) {
    const q = new URLSearchParams({ lang: ctx.lang });
    for (const key of ['court', 'region', 'level', 'from', 'to', 'version']) {
      const value = filters[key];
      const text = Array.isArray(value) ? value.filter(Boolean).join(',') : value;
      if (text) q.set(key, text);
    }
    for (const [k, v] of Object.entries(extra || {})) q.set(k, v);
    return q;
  }

  function filenameOf(response, fallback) {
    const m = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
    return m ? m[1] : fallback;
  }

  // Fetches with the admin token (a plain link cannot send it) and saves the body as a file.
  async function download(ctx, filters, path, extra) {
    if (!filters.survey) {
      ctx.status.textContent = tr(ctx, 'noSurvey');
      return false;
    }
    const url = `/api/v1/admin/surveys/${encodeURIComponent(filters.survey)}/${path}?${filterQuery(ctx, filters, extra)}`;
    ctx.status.textContent = tr(ctx, 'downloading');
    let response;
    try {
      response = await window.fetch(url, {
        headers: window.CourtVoiceAdminSession.authHeaders(ctx.token()), cache: 'no-store', credentials: 'same-origin',
      });
    } catch (e) {
      ctx.status.textContent = tr(ctx, 'failed');
      return false;
    }
    if (!response.ok) {
      let message = `${response.status}`;
      try { message = (await response.json()).error.message; } catch (e) { /* not JSON */ }
      ctx.status.textContent = `${tr(ctx, 'failed')}: ${message}`;
      return false;
    }
    const blob = await response.blob();
    const href = URL.createObjectURL(blob);
    const a = el('a', { href, download: filenameOf(response, `courtvoice-${filters.survey}.csv`), hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(href), 10000);
    ctx.status.textContent = '';
    return true;
  }

  function downloadSummary(ctx, filters) {
    // The table shown: weighted columns too when the weighted toggle is on.
    const extra = { format: 'csv', group: filters.group || 'none' };
    if (filters.weights === 'on') extra.weights = 'on';
    return download(ctx, filters, 'summary', extra);
  }

  function panel(ctx) {
    const button = (id, key, path, extra) => el('button', {
      type: 'button', class: 'btn btn-secondary', id,
      onclick: () => download(ctx, ctx.filters(), path, extra),
    }, tr(ctx, key));
    return el('div', { class: 'export-actions no-print', id: 'exports', role: 'group', 'aria-label': tr(ctx, 'exports') },
      el('span', { class: 'field-label' }, tr(ctx, 'exports')),
      button('export-responses-long', 'responsesLong', 'export/responses', { format: 'csv', layout: 'long' }),
      button('export-responses-wide', 'responsesWide', 'export/responses', { format: 'csv', layout: 'wide' }),
      el('button', { type: 'button', class: 'btn btn-secondary', id: 'export-summary',
        onclick: () => downloadSummary(ctx, ctx.filters()) }, tr(ctx, 'summary')),
      button('export-codebook', 'codebook', 'codebook', { format: 'csv' }),
      el('p', { class: 'report-meta' }, tr(ctx, 'note')));
  }

  window.CourtVoiceDashboardExports = { panel, download, downloadSummary };
})();
