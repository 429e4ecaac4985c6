// The coding page's keys, the cue chosen from the quote, the guide for the field in focus, and live scores.
// The page works without it: every action is a form, and the guide's sections are all on the page.
(function () {
  'use strict';
  var form = document.getElementById('desk-form');
  if (!form) return;
  var quote = document.getElementById('desk-quote');
  var cue = document.getElementById('f-cue');
  var extent = document.getElementById('f-extent');

  // The guide's section for the field in focus is opened, the others closed.
  var parts = document.querySelectorAll('.desk-guide-part');
  function showGuide(field) {
    if (!field) return;
    parts.forEach(function (p) { p.open = p.getAttribute('data-field') === field; });
  }
  form.addEventListener('focusin', function (e) {
    var f = e.target.getAttribute('data-guide') || (e.target.closest('[data-guide]') || {}).getAttribute && e.target.closest('[data-guide]').getAttribute('data-guide');
    showGuide(f);
  });
  showGuide(document.querySelector('[name="f.direction"]') ? 'direction' : 'metric');

  // The cue is chosen by selecting words of the quote: it is then the quote's words, exactly.
  function takeSelection() {
    if (!cue || !quote) return;
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    var range = sel.getRangeAt(0);
    if (!quote.contains(range.commonAncestorContainer)) return;
    var text = sel.toString().replace(/^\s+|\s+$/g, '');
    if (!text || quote.textContent.indexOf(text) < 0) return;
    cue.value = text;
    if (extent && !extent.value) extent.value = 'some';
    showGuide('extent');
    preview();
  }
  if (quote) {
    quote.addEventListener('mouseup', takeSelection);
    quote.addEventListener('keyup', takeSelection);
  }

  // Live scores: the statement scores the coding would give with the fields as they are now (nothing is kept).
  var moves = document.getElementById('desk-moves');
  var pending = null;
  function preview() {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      var data = new URLSearchParams(new FormData(form));
      fetch('/desk/preview', { method: 'POST', body: data, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (j) {
          var list = moves ? moves.querySelector('ul') : null;
          if (!list) return;
          list.textContent = '';
          if (j.problem) {
            var li = document.createElement('li');
            li.textContent = 'Not counted: ' + j.problem;
            list.appendChild(li);
            return;
          }
          var any = false;
          (j.statements || []).forEach(function (s) {
            var cell = document.querySelector('[data-statement="' + s.id + '"]');
            if (cell) cell.textContent = s.score;
            if (s.score !== s.was) {
              any = true;
              var li = document.createElement('li');
              li.textContent = (cell ? cell.parentNode.querySelector('th').textContent : s.id) + ': ' + s.was + ' \u2192 ' + s.score + ' (with the fields as they are now, not yet kept)';
              list.appendChild(li);
            }
          });
          if (!any) {
            var none = document.createElement('li');
            none.textContent = 'no statement score would move with the fields as they are now';
            list.appendChild(none);
          }
        })
        .catch(function () { /* the workbench stopped: the page still works by its forms */ });
    }, 150);
  }
  form.addEventListener('change', preview);

  // Keys: a accept and next, j next, k previous, l leave out, s save, 1-3 direction; not while typing in a text field.
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    var typing = t && (t.tagName === 'INPUT' && t.type !== 'radio' && t.type !== 'checkbox' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
    if (typing) return;
    var click = function (id) { var el = document.getElementById(id); if (el) { e.preventDefault(); el.click(); } };
    if (e.key === 'a') click('desk-accept');
    else if (e.key === 'j') click('desk-next');
    else if (e.key === 'k') click('desk-prev');
    else if (e.key === 's') click('desk-save');
    else if (e.key === 'l') click('desk-leave');
    else if (e.key === '1' || e.key === '2' || e.key === '3') {
      var r = form.querySelector('input[name="f.direction"][data-key="' + e.key + '"]');
      if (r) { e.preventDefault(); r.checked = true; r.focus(); showGuide('direction'); preview(); }
    }
  });
  document.body.setAttribute('data-desk-ready', 'yes');
})();
