import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Something with a state and subscriptions (the app layer's sessions). */
export interface Subscribable<S> {
  readonly state: S;
  subscribe(listener: (state: S) => void): () => void;
}

/**
 * Re-renders a Lit host whenever a session of the app layer changes, from connect to disconnect.
 * The session is read through `get()` so that a host can be given another one.
 */
export class SessionController<S> implements ReactiveController {
  #unsubscribe: (() => void) | null = null;
  #source: Subscribable<S> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly get: () => Subscribable<S> | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.attach();
  }

  hostUpdate(): void {
    if (this.get() !== this.#source) this.attach();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#source = null;
  }

  private attach(): void {
    this.#unsubscribe?.();
    this.#source = this.get();
    this.#unsubscribe = this.#source?.subscribe(() => this.host.requestUpdate()) ?? null;
  }
}
