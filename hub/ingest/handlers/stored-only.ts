/**
 * An event the hub only stores: the history, the tablets and `/metrics` (through the records)
 * have it, and it asks nothing more of the domain or the station.
 */
export function storedOnly(): void {}
