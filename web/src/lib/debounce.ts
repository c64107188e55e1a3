// Wait for a pause: what a person types is acted on once they stop typing, not at every key.

export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** forget the call still waiting */
  cancel(): void;
}

/** `fn` called `ms` after the last call, with that call's arguments. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  return Object.assign(call, { cancel: () => clearTimeout(timer) });
}
