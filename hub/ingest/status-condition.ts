import type { StationStatus } from '../../protocol/index.js';
import { sameTolerance } from '../../protocol/pack-vocabulary.js';

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

/**
 * The same settings in force at the station, those its history keeps a record of each change of
 * even with no change of condition: the mapping version it holds (the tablets' mapping lag) and
 * the weight tolerance it applies (when each station started to check with a new one).
 */
export function sameSettings(a: StationStatus, b: StationStatus): boolean {
  return a.versions?.mapping === b.versions?.mapping && sameTolerance(a.policy?.weightTolerance, b.policy?.weightTolerance);
}
