// The languages the pages can speak, apart from the machinery (the tests read this file too).

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language as it names itself, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', 'en-US': 'English' };

/** The languages the reader may choose on the page; Chinese comes first and is the default. */
export const OFFERED: readonly Language[] = ['zh-CN', 'en-US'];
