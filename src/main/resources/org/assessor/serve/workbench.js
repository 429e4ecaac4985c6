// Optional: the pages work without it. It refreshes a running dry run's progress, and tells the reader when the
// rules or fixtures changed under the page (the workbench re-evaluates them by itself).
(function () {
  'use strict';
  var refresh = document.querySelector('[data-refresh]');
  if (refresh) {
    window.setTimeout(function () { window.location.reload(); }, Number(refresh.getAttribute('data-refresh')) || 1000);
  }
  var shown = document.body.getAttribute('data-generation');
  var live = document.getElementById('live');
  if (shown === null) return; // not signed in: nothing to watch
  function check() {
    fetch('/status.json', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (s) {
      if (String(s.generation) !== shown && live) {
        live.hidden = false;
        live.textContent = 'The rules or fixtures changed and the portfolio was evaluated again. ';
        var a = document.createElement('a');
        a.href = window.location.pathname + window.location.search;
        a.textContent = 'Reload this page to see the new results.';
        live.appendChild(a);
      } else if (s.problems > 0 && live && !document.querySelector('.wb-problems')) {
        live.hidden = false;
        live.textContent = 'The rules or fixtures changed and could not be loaded; reload this page to see why.';
      }
    }).catch(function () { /* the workbench stopped; nothing to tell */ });
  }
  window.setInterval(check, 2000);
})();
