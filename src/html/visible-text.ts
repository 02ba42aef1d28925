/** The text a reader sees in sanitized HTML, for word counts, search and snippets. */

/** Visible text of sanitized chapter HTML, for counting and search. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/h[1-6]|\/li|\/blockquote|\/tr|hr)[^>]*>/gi, ' \n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(
      /&(amp|lt|gt|quot|#39);/g,
      (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity] ?? ' ',
    );
}
