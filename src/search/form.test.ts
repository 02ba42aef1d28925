import { describe, expect, it } from 'vitest';
import { emptyFilters } from './filters.ts';
import { filtersHref, filtersToParams, isFiltered, parseFilters } from './form.ts';

const parse = (query: string) => parseFilters(new URLSearchParams(query));

describe('the filter form', () => {
  it('reads nothing as the default listing: newest updated first, page 1', () => {
    const { filters, problems } = parse('');
    expect(filters).toEqual(emptyFilters());
    expect(problems).toEqual([]);
    expect(isFiltered(filters)).toBe(false);
  });

  it('reads include and exclude tags comma-separated or repeated, dropping blanks and repeats', () => {
    const { filters } = parse(
      'include=Les%20Mis%C3%A9rables,%20Javert/Jean%20Valjean&include=Fluff&include=fluff&exclude=Angst,,&exclude=',
    );
    expect(filters.include).toEqual(['Les Misérables', 'Javert/Jean Valjean', 'Fluff']);
    expect(filters.exclude).toEqual(['Angst']);
    expect(isFiltered(filters)).toBe(true);
  });

  it('matches ratings, warnings and categories without regard to case, in their proper spelling', () => {
    const { filters, problems } = parse(
      'rating=explicit,Mature&warning=major%20character%20death&category=f/m&category=Gen&fandom=Sherlock%20Holmes',
    );
    expect(filters.ratings).toEqual(['Explicit', 'Mature']);
    expect(filters.warnings).toEqual(['Major Character Death']);
    expect(filters.categories).toEqual(['F/M', 'Gen']);
    expect(filters.fandoms).toEqual(['Sherlock Holmes']);
    expect(problems).toEqual([]);
  });

  it('reports an unknown rating and keeps the other filters', () => {
    const { filters, problems } = parse('rating=Spicy&complete=true');
    expect(problems).toEqual([{ param: 'rating', message: expect.stringContaining('"Spicy" is not a rating') }]);
    expect(filters.ratings).toEqual([]);
    expect(filters.complete).toBe(true);
  });

  it('reads crossover, complete and language', () => {
    const { filters } = parse('crossover=only&complete=false&lang=pt-BR');
    expect(filters.crossover).toBe('only');
    expect(filters.complete).toBe(false);
    expect(filters.language).toBe('pt-BR');
    expect(parse('crossover=sometimes').problems[0].param).toBe('crossover');
    expect(parse('complete=yes').problems[0].message).toContain('true or false');
  });

  it('reads word ranges with either side open, from one parameter or the two boxes', () => {
    expect(parse('words=1000-5000').filters.words).toEqual({ min: 1000, max: 5000 });
    expect(parse('words=1,000-').filters.words).toEqual({ min: 1000, max: null });
    expect(parse('words=-10k').filters.words).toEqual({ min: null, max: 10000 });
    expect(parse('words=5000-1000').filters.words).toEqual({ min: 1000, max: 5000 });
    expect(parse('words_min=200&words_max=').filters.words).toEqual({ min: 200, max: null });
    expect(parse('words=lots').problems[0].message).toContain('should look like 1000-5000');
  });

  it('reads updated date ranges and refuses impossible dates', () => {
    expect(parse('updated=2021-01-01..2021-12-31').filters.updated).toEqual({ min: '2021-01-01', max: '2021-12-31' });
    expect(parse('updated=..2020-02-29').filters.updated).toEqual({ min: null, max: '2020-02-29' });
    expect(parse('updated_from=2022-03-01').filters.updated).toEqual({ min: '2022-03-01', max: null });
    expect(parse('updated=2021-02-30..').problems[0].param).toBe('updated');
    expect(parse('updated=yesterday').filters.updated).toEqual({ min: null, max: null });
  });

  it('sorts by relevance when searching and by date updated otherwise, with the natural order for each sort', () => {
    expect(parse('q=lantern').filters).toMatchObject({ q: 'lantern', sort: 'relevance', order: 'desc' });
    expect(parse('sort=title').filters).toMatchObject({ sort: 'title', order: 'asc' });
    expect(parse('sort=kudos&order=asc').filters).toMatchObject({ sort: 'kudos', order: 'asc' });
    expect(parse('sort=popularity').problems[0].message).toContain('Sort by one of');
  });

  it('keeps page within bounds', () => {
    expect(parse('page=3').filters.page).toBe(3);
    expect(parse('page=0').filters.page).toBe(1);
    expect(parse('page=999999').filters.page).toBe(5000);
    expect(parse('page=two').problems[0].param).toBe('page');
  });

  it('accepts Hono-style query records', () => {
    const { filters } = parseFilters({ include: ['A', 'B'], rating: 'Mature', q: undefined });
    expect(filters.include).toEqual(['A', 'B']);
    expect(filters.ratings).toEqual(['Mature']);
  });

  it('writes filters back as a short canonical link that reads back the same', () => {
    const query =
      'page=2&order=asc&sort=kudos&include=Fluff&include=Javert/Jean Valjean&exclude=Angst&rating=mature&words_min=1000&words_max=&updated=2021-01-01..&lang=en&complete=true&crossover=exclude&q=tea';
    const { filters } = parse(query);
    const params = filtersToParams(filters);
    expect(params.toString()).toBe(
      'include=Fluff%2CJavert%2FJean+Valjean&exclude=Angst&rating=Mature&crossover=exclude&complete=true&words=1000-&updated=2021-01-01..&lang=en&q=tea&sort=kudos&order=asc&page=2',
    );
    expect(parseFilters(params).filters).toEqual(filters);
  });

  it('leaves defaults out of links and applies overrides', () => {
    const { filters } = parse('include=Fluff&page=4');
    expect(filtersHref('/works', filters, { page: 1 })).toBe('/works?include=Fluff');
    expect(filtersHref('/works', emptyFilters())).toBe('/works');
    expect(filtersHref('/works', filters, { include: [], page: 1 })).toBe('/works');
  });
});
