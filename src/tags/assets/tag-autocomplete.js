/*
 * Tag autocomplete, as progressive enhancement: gives the post form's tag
 * fields (comma-separated) and the wrangling forms' tag fields
 * (data-tag-suggest="KIND") a <datalist> filled from
 * /tags/autocomplete?kind=&q=, canonical tags first; any other comma-separated
 * field naming its own source (data-suggest-from="/collections/autocomplete",
 * answering [{name, label}]) the same way. Without JavaScript the
 * fields are plain text fields and everything still works. Served as a file
 * because the Content-Security-Policy allows no inline scripts.
 */
/* global document -- this file runs in the browser, while the project's ESLint config sets Node globals */
(function () {
  'use strict';
  var POST_FORM_FIELDS = {
    fandoms: 'fandom',
    relationships: 'relationship',
    characters: 'character',
    freeforms: 'freeform',
  };
  var counter = 0;

  function enhance(input, kind, isList, source) {
    var list = document.createElement('datalist');
    list.id = 'tag-suggestions-' + ++counter;
    input.insertAdjacentElement('afterend', list);
    input.setAttribute('list', list.id);
    input.setAttribute('autocomplete', 'off');
    var timer = 0;
    var asked = '';

    function suggest() {
      var value = input.value;
      // In a comma-separated field only the last tag is being typed; keep the ones before it.
      var cut = isList
        ? Math.max(value.lastIndexOf(','), value.lastIndexOf('\uff0c'), value.lastIndexOf('\u3001')) + 1
        : 0;
      var before = value.slice(0, cut);
      var typed = value.slice(cut).trim();
      if (typed.length < 2 || typed === asked) return;
      asked = typed;
      var url =
        (source || '/tags/autocomplete') +
        '?q=' +
        encodeURIComponent(typed) +
        (kind ? '&kind=' + encodeURIComponent(kind) : '');
      fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (suggestions) {
          if (input.value !== value) return; // the writer typed on; a newer answer is coming
          var lead = before ? before.replace(/\s*$/, ' ') : '';
          while (list.firstChild) list.removeChild(list.firstChild);
          suggestions.forEach(function (tag) {
            var option = document.createElement('option');
            option.value = lead + tag.name;
            option.label = tag.label
              ? tag.label
              : tag.canonical
                ? tag.name + ' (canonical, ' + tag.uses + ')'
                : tag.name + ' (' + tag.uses + ')';
            list.appendChild(option);
          });
        })
        .catch(function () {
          /* Suggestions are a convenience: without them the field still works. */
        });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 150);
    });
  }

  Object.keys(POST_FORM_FIELDS).forEach(function (name) {
    document.querySelectorAll('form input[type="text"][name="' + name + '"]').forEach(function (input) {
      if (!input.hasAttribute('data-tag-suggest')) enhance(input, POST_FORM_FIELDS[name], true);
    });
  });
  document.querySelectorAll('input[data-suggest-from]').forEach(function (input) {
    enhance(input, null, true, input.getAttribute('data-suggest-from'));
  });
  document.querySelectorAll('input[data-tag-suggest]').forEach(function (input) {
    enhance(input, input.getAttribute('data-tag-suggest'), false);
  });
})();
