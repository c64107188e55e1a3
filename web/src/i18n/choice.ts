// The reader's choice of language: kept in this browser, declared on the document for screen
// readers and for the browser's own translation offer.
import { i18n, pageLanguage } from '.';
import { OFFERED, type Language } from './languages';

const KEY = 'docket.language';

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

/** At start: the language chosen earlier in this browser, if it is still offered; else Chinese. */
export function restorePageLanguage(): void {
  let chosen: string | null = null;
  try {
    chosen = localStorage.getItem(KEY);
  } catch {
    // storage refused (private mode): Chinese
  }
  const language = OFFERED.find((l) => l === chosen);
  if (language) i18n.global.locale.value = language;
  document.documentElement.lang = pageLanguage();
}
