// The language the pages speak: Chinese unless the reader chooses another on the page (choice.ts),
// whatever the browser prefers, for a county's pages are Chinese first. It is sent to the server
// with every request, so stages, refusals and notices come back in the same language. Nothing
// here touches the browser, so the pages' plain modules (labels, diagram) load in tests too.
import { createI18n } from 'vue-i18n';
import type { Language } from './languages';
import { enUS, zhCN } from './messages';

export { LANGUAGE_NAMES, LANGUAGES, OFFERED, type Language } from './languages';

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
});

/** The language the pages speak now. */
export function pageLanguage(): Language {
  return i18n.global.locale.value as Language;
}
