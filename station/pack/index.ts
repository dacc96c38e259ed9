export { createSession, display, step, type StepResult } from './session.js';
export { mayPrintLabel, mayRelease, type GateResult } from './gate.js';
export { isReleased, labelStatus, labelsPrinted, parcelIndex, parcelLines, parcelRecord, parcelsOf, requestedParcel, unitsIn } from './parcels.js';
export { toDisplay, type Display, type DisplayBlock, type DisplayLine, type DisplayParcel, type DisplayState } from './display.js';
export { scanInput, type ItemScan } from './scan.js';
export { answersTo, comparableCode, indexTasks, isPackTask, lookUpTask, taskKey, taskKeys } from './task.js';
export { CLEARED_BY, DEFAULT_PACK_POLICY, PackPolicyError, localDate, packPolicy } from './policy.js';
export { restoreSession } from './restore.js';
export { LOCALES, MESSAGES, message, type ActionKey, type Locale, type MessageKey, type NoticeKey, type PromptKey } from './messages.js';
export type { PackEvent, PackEventOf, PackEventType, PackOrderRecord, PackScanRecord } from './events.js';
export {
  PACK_ACTS,
  PACK_ACT_REFUSALS,
  PACK_ASIDE_REASONS,
  PACK_BLOCK_REASONS,
  PACK_FLOWS,
  PACK_GATE_REASONS,
  PACK_SCAN_REFUSALS,
  PACK_SIGN_OUT_REASONS,
  PACK_VERDICTS,
  type PackAct,
  type PackActRefusal,
  type PackAsideReason,
  type PackBlockReason,
  type PackFlow,
  type PackGateReason,
  type PackScanRefusal,
  type PackSignOutReason,
  type PackVerdict,
} from '../../protocol/pack-vocabulary.js';
export type {
  AcceptedBarcode,
  Block,
  BlockScope,
  ClearBy,
  CountedUnit,
  FreezeEntry,
  FreezeList,
  LabelStatus,
  LineTracking,
  LinkHealth,
  ScaleHealth,
  LoadedOrder,
  MappedBarcode,
  MappingSnapshot,
  Notice,
  OrderRef,
  PackContext,
  PackInput,
  PackLabelData,
  PackParcel,
  PackPolicy,
  PackSession,
  PackTask,
  PackTaskLine,
  ParcelLabel,
  ParcelState,
  Phase,
  StopEntry,
  StopList,
} from './types.js';
