/* Small DOM helpers shared by the survey page and the dashboard. Plain ES2017. */
'use strict';

window.CourtVoiceDom = (function () {
  // Texts come as strings when fetched with ?lang=, as {kk, ru, en} otherwise.
  function pickText(value, lang) {
    if (typeof value === 'string') return value;
    if (!value || typeof value !== 'object') return '';
    return value[lang] || value.ru || value.en || Object.values(value)[0] || '';
  }

  // el('div', {class: 'x', onclick: f, text: 'plain text'}, child, [children], 'text')
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  return { pickText, el };
})();
