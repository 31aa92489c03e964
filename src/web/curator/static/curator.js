// prayerwire workspace script: keyboard shortcuts, country type-ahead, live note preview, one-click insertion of
// the article's prayer points, and soft form posts that refresh parts of the item page. Every feature has a plain
// HTML fallback: without this script the forms post and redirect as usual.
(function () {
  'use strict';

  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  var workspace = document.querySelector('.workspace');
  var page = workspace ? workspace.getAttribute('data-page') : '';

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  /** Submits like a click on its submit button (validation, submit events), where the browser can. */
  function submitForm(form) {
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  function isTyping(el) {
    if (!el || el === document.body) return false;
    var tag = el.tagName;
    if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
    if (tag !== 'INPUT') return false;
    var type = (el.getAttribute('type') || 'text').toLowerCase();
    return ['checkbox', 'radio', 'button', 'submit', 'reset', 'hidden'].indexOf(type) < 0;
  }

  function debounce(fn, ms) {
    var t = null;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function formBody(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    return new URLSearchParams(data);
  }

  // ---- help overlay -------------------------------------------------------------------------------------------
  var help = $('#kbd-help');
  var helpReturn = null;
  function toggleHelp(show) {
    if (!help) return;
    var open = show === undefined ? help.hidden : show;
    if (open) {
      helpReturn = document.activeElement;
      help.hidden = false;
      var close = $('[data-close-help]', help);
      if (close) close.focus();
    } else {
      help.hidden = true;
      if (helpReturn && helpReturn.focus) helpReturn.focus();
    }
  }
  document.addEventListener('click', function (e) {
    if (!help || help.hidden) return;
    if (e.target.closest('[data-close-help]') || e.target === help) toggleHelp(false);
  });

  // ---- inbox ------------------------------------------------------------------------------------------------
  var rows = $all('.item-row');
  var selected = -1;
  var selKey = 'pw-inbox-selection:' + location.pathname + location.search.replace(/([?&])done=[^&]*&?/, '$1').replace(/[?&]$/, '');

  function select(i, scroll) {
    if (!rows.length) return;
    i = Math.max(0, Math.min(rows.length - 1, i));
    if (rows[selected]) rows[selected].classList.remove('selected');
    selected = i;
    rows[i].classList.add('selected');
    rows[i].setAttribute('aria-current', 'true');
    rows.forEach(function (r, n) { if (n !== i) r.removeAttribute('aria-current'); });
    if (scroll !== false) rows[i].scrollIntoView({ block: 'nearest' });
    try { sessionStorage.setItem(selKey, String(i)); } catch { /* private mode */ }
  }

  function checkedBoxes() { return $all('.item-row input[type=checkbox]:checked'); }

  function dismissSelected() {
    var form = $('#bulk');
    if (!form) return;
    if (!checkedBoxes().length) {
      var row = rows[selected];
      var box = row && $('input[type=checkbox]', row);
      if (!box || box.disabled) return;
      box.checked = true;
    }
    submitForm(form);
  }

  if (page === 'inbox') {
    var stored = -1;
    try { stored = Number(sessionStorage.getItem(selKey)); } catch { stored = -1; }
    if (rows.length) select(isFinite(stored) && stored >= 0 ? stored : 0, false);
    rows.forEach(function (row, i) {
      row.addEventListener('click', function (e) {
        if (e.target.closest('a, input, button, label')) return;
        select(i);
      });
    });
    var all = $('#select-all');
    if (all) {
      all.addEventListener('change', function () {
        $all('.item-row input[type=checkbox]').forEach(function (b) { if (!b.disabled) b.checked = all.checked; });
      });
    }
  }

  // ---- item: soft form posts that refresh the [data-region] parts --------------------------------------------
  function replaceRegions(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    $all('[data-region]', doc).forEach(function (fresh) {
      var name = fresh.getAttribute('data-region');
      var old = $('[data-region="' + name + '"]');
      if (old) old.replaceWith(document.importNode(fresh, true));
    });
    initCombo();
  }

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.hasAttribute('data-soft') || !window.fetch) return;
    e.preventDefault();
    var focusAfter = form.getAttribute('data-focus-after');
    var buttons = $all('button', form);
    buttons.forEach(function (b) { b.disabled = true; });
    fetch(form.action, {
      method: 'POST',
      body: formBody(form, e.submitter),
      headers: { 'X-CSRF-Token': csrf },
      credentials: 'same-origin',
    })
      .then(function (res) { return res.text(); })
      .then(function (html) {
        replaceRegions(html);
        if (focusAfter) { var el = $(focusAfter); if (el) el.focus(); }
      })
      .catch(function () { form.removeAttribute('data-soft'); form.submit(); });
  });

  // ---- item: country type-ahead (a listbox fed by /api/countries?q=) -----------------------------------------
  function initCombo() {
    var input = $('#add-country');
    var list = $('#country-options');
    if (!input || !list || input.dataset.combo) return;
    input.dataset.combo = '1';
    input.removeAttribute('list'); // the datalist is the no-script fallback
    var options = [];
    var active = -1;
    var seq = 0;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function highlight(i) {
      active = i;
      $all('li', list).forEach(function (li, n) { li.setAttribute('aria-selected', n === i ? 'true' : 'false'); });
      var li = list.children[i];
      if (li) {
        input.setAttribute('aria-activedescendant', li.id);
        li.scrollIntoView({ block: 'nearest' });
      }
    }
    function choose(i) {
      var opt = options[i];
      if (!opt) return;
      input.value = opt.code;
      close();
      submitForm(input.form);
    }
    function render(items) {
      options = items;
      list.textContent = '';
      items.forEach(function (c, i) {
        var li = document.createElement('li');
        li.id = 'country-opt-' + c.code;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.dataset.code = c.code;
        var name = document.createElement('span');
        name.textContent = c.name;
        var code = document.createElement('span');
        code.className = 'code';
        code.textContent = c.code;
        li.appendChild(name);
        li.appendChild(code);
        li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = !items.length;
      input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
      if (items.length) highlight(0);
    }
    var lookup = debounce(function () {
      var q = input.value.trim();
      if (!q) return close();
      var mine = ++seq;
      fetch('/api/countries?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (res) { return res.ok ? res.json() : []; })
        .then(function (items) { if (mine === seq && document.activeElement === input) render(items.slice(0, 8)); })
        .catch(function () { close(); });
    }, 120);

    input.addEventListener('input', lookup);
    input.addEventListener('blur', function () { setTimeout(close, 100); });
    input.addEventListener('keydown', function (e) {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); highlight(Math.min(options.length - 1, active + 1)); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(Math.max(0, active - 1)); }
      else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); }
    });
  }

  // ---- item: prayer note (live preview, insertion, publish time zone, unsaved-changes guard) -----------------
  var noteForm = $('#note-form');
  var points = $('#note-points');
  var preview = $('#note-preview');
  var noteDirty = false;
  var noteSubmitting = false;

  var refreshPreview = debounce(function () {
    if (!noteForm || !preview) return;
    var data = new URLSearchParams();
    ['points', 'scripture', 'text'].forEach(function (name) {
      var field = noteForm.elements.namedItem(name);
      if (field) data.append(name, field.value);
    });
    fetch('/inbox/preview', { method: 'POST', body: data, headers: { 'X-CSRF-Token': csrf }, credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) { if (html !== null) preview.innerHTML = html; }) // sanitized by the server's note renderer
      .catch(function () { /* keep the last preview */ });
  }, 250);

  function insertPoints(list) {
    if (!points) return;
    var lines = points.value.split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean);
    list.forEach(function (p) { if (lines.indexOf(p) < 0) lines.push(p); });
    points.value = lines.join('\n');
    noteDirty = true;
    refreshPreview();
  }

  if (noteForm) {
    noteForm.addEventListener('input', function (e) {
      noteDirty = true;
      if (e.target.hasAttribute('data-preview')) refreshPreview();
    });
    noteForm.addEventListener('submit', function () { noteSubmitting = true; });
    noteForm.addEventListener('click', function (e) {
      var one = e.target.closest('[data-insert]');
      var all = e.target.closest('[data-insert-all]');
      if (!one && !all) return;
      e.preventDefault();
      insertPoints(one ? [one.getAttribute('data-insert')] : $all('[data-insert]', noteForm).map(function (b) { return b.getAttribute('data-insert'); }));
    });
    $all('[data-tz]').forEach(function (el) { el.value = String(new Date().getTimezoneOffset()); });
    window.addEventListener('beforeunload', function (e) {
      if (noteDirty && !noteSubmitting) { e.preventDefault(); e.returnValue = ''; }
    });
  }
  initCombo();

  // ---- keyboard -------------------------------------------------------------------------------------------
  function follow(sel) {
    var a = $(sel);
    if (a && a.href) location.href = a.href;
  }
  function click(sel) {
    var el = $(sel);
    if (el && !el.disabled) el.click();
  }
  function focus(sel) {
    var el = $(sel);
    if (el) { el.focus(); el.scrollIntoView({ block: 'center' }); }
  }

  var keymaps = {
    inbox: {
      j: function () { select(selected + 1); },
      k: function () { select(selected - 1); },
      o: function () { var r = rows[selected]; if (r) location.href = r.getAttribute('data-href'); },
      Enter: function () { var r = rows[selected]; if (r) location.href = r.getAttribute('data-href'); },
      x: function () { var r = rows[selected]; var b = r && $('input[type=checkbox]', r); if (b && !b.disabled) b.checked = !b.checked; },
      d: dismissSelected,
      '/': function () { focus('#inbox-search'); var s = $('#inbox-search'); if (s) s.select(); },
    },
    item: {
      p: function () { click('#publish-button'); },
      d: function () { var f = $('#dismiss-form'); if (f) submitForm(f); },
      e: function () { focus('#note-points'); },
      c: function () { focus('#add-country'); },
      j: function () { follow('a[rel=next]'); },
      k: function () { follow('a[rel=prev]'); },
      u: function () { follow('#back-link'); },
    },
  };

  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Escape') {
      if (help && !help.hidden) { toggleHelp(false); return; }
      if (isTyping(document.activeElement)) document.activeElement.blur();
      return;
    }
    if (isTyping(e.target)) return;
    if (help && !help.hidden) return;
    if (e.key === '?') { e.preventDefault(); toggleHelp(true); return; }
    var map = keymaps[page];
    var fn = map && map[e.key];
    if (!fn) return;
    if (e.key === 'Enter' && e.target.closest && e.target.closest('a, button')) return; // let links and buttons act
    e.preventDefault();
    fn();
  });
})();
