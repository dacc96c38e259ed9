/**
 * When the station last heard from the hub, for the offline policy (invariant 1).
 *
 * While the link is up and the hub's retained presence says online, the hub is being heard
 * now: the broker would deliver the hub's will (offline) the moment the hub died, and a broken
 * link closes the connection. Otherwise the last moment either held, or the last message the
 * hub sent (an ack, a command, a list it published live), is when it was last heard. A retained
 * list replayed by the broker at subscribe time proves nothing about the hub and does not count;
 * neither does the hub's will.
 */
export class HubPresence {
  #connected = false;
  #hubOnline = false;
  #lastHeardAt: number | null = null;
  readonly #listeners = new Set<() => void>();

  /** The link to the broker is up; the hub counts as heard once its presence says online. */
  connected(): void {
    this.#connected = true;
    this.#hubOnline = false;
    this.#changed();
  }

  /** The link is down. */
  disconnected(now: number): void {
    if (this.live) this.#lastHeardAt = now;
    this.#connected = false;
    this.#changed();
  }

  /** The hub's presence (`hub/state`), retained or live. */
  hubState(state: 'online' | 'offline', now: number): void {
    if (state === 'online') {
      this.#hubOnline = true;
      this.#lastHeardAt = now;
    } else {
      if (this.live) this.#lastHeardAt = now;
      this.#hubOnline = false;
    }
    this.#changed();
  }

  /** A message only a live hub sends arrived. */
  heard(now: number): void {
    this.#lastHeardAt = now;
  }

  /** Whether the hub is being heard right now. */
  get live(): boolean {
    return this.#connected && this.#hubOnline;
  }

  get connectedToBroker(): boolean {
    return this.#connected;
  }

  /** The last time the hub was heard: `now` while it is live; null if never since start. */
  lastHeardAt(now: number): number | null {
    return this.live ? now : this.#lastHeardAt;
  }

  /** Called when the link or the hub's presence changes (the label gate may open or shut). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
