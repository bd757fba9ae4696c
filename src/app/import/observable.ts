/**
 * A value that views observe: `state` is replaced (never mutated) on every change and subscribers are
 * called after it. The base of the app layer's sessions.
 */
export class Observable<S> {
  #state: S;
  readonly #listeners = new Set<(state: S) => void>();

  constructor(initial: S) {
    this.#state = initial;
  }

  /** The current state. */
  get state(): S {
    return this.#state;
  }

  /** Calls `listener` after every change until the returned function is called. */
  subscribe(listener: (state: S) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Replaces part of the state and tells the subscribers. */
  protected update(patch: Partial<S>): void {
    this.#state = { ...this.#state, ...patch };
    for (const l of this.#listeners) l(this.#state);
  }
}
