// The one language the pages speak, whatever the browser prefers. Every page's own words are
// Chinese, so the server is asked for Chinese too (stages, actions, legal bases, refusals,
// notices): a page never mixes two languages. English pages are not offered until every page's
// words exist in English; an English-speaking client of the API still gets English by asking.

/** the `Accept-Language` every request of the pages sends (web/index.html declares the same `lang`) */
export const PAGE_LANGUAGE = 'zh-CN';
