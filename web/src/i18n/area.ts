// One area of the pages' words, in Chinese and in English side by side. The English half must
// have exactly the Chinese half's keys: a missing or extra key does not compile.

type Tree = { [key: string]: string | Tree };
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export function area<T extends Tree>(zh: T, en: Strings<T>): { zh: T; en: Strings<T> } {
  return { zh, en };
}
