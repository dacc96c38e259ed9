import type { StationStatus } from '../../protocol/index.js';

/** Same presence, same birth, same device state: a repeat (a retained status seen again). */
export function sameCondition(a: StationStatus, b: StationStatus): boolean {
  return (
    a.state === b.state &&
    a.bdSeq === b.bdSeq &&
    a.incarnation === b.incarnation &&
    a.scanner?.state === b.scanner?.state &&
    a.scanner?.detail === b.scanner?.detail &&
    a.printer?.state === b.printer?.state &&
    a.printer?.detail === b.printer?.detail &&
    a.scale?.state === b.scale?.state &&
    a.scale?.detail === b.scale?.detail &&
    a.camera?.state === b.camera?.state &&
    a.camera?.detail === b.camera?.detail &&
    a.storage?.state === b.storage?.state
  );
}
