#pragma once
// A stand-in for the page's POSTs in the browser, for what the real server cannot be made to
// answer on demand (a lost network, a 429, an endpoint another branch builds). Install it with
// browser().execute(kFetchStub) after a page loaded, or browser().addScriptOnNewDocument(kFetchStub)
// before. In the page:
//   window.__posts    every POST as {url, body (parsed), headers}, in order;
//   window.__offline  while true a POST fails as without network (after being recorded);
//   window.__fake     {"/path-suffix": [{status, body, headers}, ...]}: answers given in turn to the
//                     POSTs whose path ends so (the last one repeats), without reaching the server;
//   window.__fakeFn   optional (path, body) => answer or null, asked first.
#include <string>

namespace courtvoice::e2e::pages {

inline const std::string kFetchStub = R"JS(
(function () {
  const realFetch = window.fetch.bind(window);
  window.__posts = [];
  window.__offline = false;
  window.__fake = {};
  window.__fakeFn = null;
  const answer = (a) => new Response(JSON.stringify(a.body === undefined ? {} : a.body),
    { status: a.status, headers: Object.assign({ 'Content-Type': 'application/json' }, a.headers || {}) });
  window.fetch = async function (url, options) {
    if (options && options.method === 'POST') {
      const path = String(url).split('?')[0];
      const body = JSON.parse(options.body || 'null');
      window.__posts.push({ url: String(url), body, headers: Object.assign({}, options.headers || {}) });
      if (window.__offline) throw new TypeError('Failed to fetch');
      const byFn = window.__fakeFn ? window.__fakeFn(path, body) : null;
      if (byFn) return answer(byFn);
      for (const [suffix, answers] of Object.entries(window.__fake)) {
        if (path.endsWith(suffix) && answers.length) return answer(answers.length > 1 ? answers.shift() : answers[0]);
      }
    }
    return realFetch(url, options);
  };
})();
)JS";

}  // namespace courtvoice::e2e::pages
