// The language the pages speak. Chinese unless the reader chooses another on the page, whatever
// the browser prefers: a county's pages are Chinese first. The choice is kept in this browser,
// sent to the server with every request (so stages, refusals and notices come back in the same
// language) and declared on the document for screen readers.
import { createI18n } from 'vue-i18n';
import { OFFERED, type Language } from './languages';
import { enUS, zhCN } from './messages';

export { LANGUAGE_NAMES, LANGUAGES, OFFERED, type Language } from './languages';

const KEY = 'docket.language';

function stored(): Language {
  let chosen: string | null = null;
  try {
    chosen = localStorage.getItem(KEY);
  } catch {
    // storage refused (private mode): Chinese
  }
  return OFFERED.find((l) => l === chosen) ?? 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: stored(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
});

/** The language the pages speak now. */
export function pageLanguage(): Language {
  return i18n.global.locale.value as Language;
}

/** Switch the pages to `language` and remember it in this browser. */
export function setPageLanguage(language: Language): void {
  if (!OFFERED.includes(language)) return;
  i18n.global.locale.value = language;
  document.documentElement.lang = language;
  try {
    localStorage.setItem(KEY, language);
  } catch {
    // not remembered; the page still switches
  }
}

document.documentElement.lang = pageLanguage();
