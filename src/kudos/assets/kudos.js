/*
 * The Kudos ♥ button, as progressive enhancement: posts the kudos form with
 * fetch (asking for JSON) and puts the new line of givers and the answer in
 * place, so the reader keeps their place in the text. Without JavaScript the
 * form posts and the server sends the reader back with a flash message.
 * Served as a file because the Content-Security-Policy allows no inline scripts.
 */
/* global document -- this file runs in the browser, while the project's ESLint config sets Node globals */
(function () {
  'use strict';

  function say(form, text, isError) {
    var note = form.parentNode.querySelector('.kudos-message');
    if (!note) {
      note = document.createElement('p');
      note.className = 'kudos-message';
      note.setAttribute('role', 'status');
      form.insertAdjacentElement('afterend', note);
    }
    note.className = 'kudos-message ' + (isError ? 'flash-error' : 'flash-notice');
    note.textContent = text;
  }

  function enhance(form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button');
      if (button) button.disabled = true;
      fetch(form.action, {
        method: 'POST',
        headers: { accept: 'application/json' },
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (answer) {
          if (answer.line) {
            var old = form.parentNode.querySelector('.kudos-line');
            var holder = document.createElement('div');
            holder.innerHTML = answer.line; // the server's own escaped HTML
            if (old && holder.firstElementChild) old.replaceWith(holder.firstElementChild);
          }
          say(form, answer.message, answer.isError);
        })
        .catch(function () {
          // Fall back to the plain form post.
          form.submit();
        })
        .finally(function () {
          if (button) button.disabled = false;
        });
    });
  }

  var forms = document.querySelectorAll('form[data-kudos-form]');
  for (var i = 0; i < forms.length; i++) enhance(forms[i]);
})();
