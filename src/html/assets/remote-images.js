/* global document, Element -- this file runs in the browser, while the project's ESLint config sets Node globals */
// Progressive enhancement for images from other hosts (src/html/remote-images.ts): a click on
// "Show image from …" puts the image in place of its link instead of leaving the page. Without
// this script the link still opens the image; nothing is fetched before the reader clicks.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a.remote-image') : null;
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const image = document.createElement('img');
  image.src = link.href;
  image.alt = link.dataset.alt || '';
  link.replaceWith(image);
});
