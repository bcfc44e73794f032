/* The poster's Print button (shown on screen only). */
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const button = document.getElementById('print');
  if (button) button.addEventListener('click', () => window.print());
});
