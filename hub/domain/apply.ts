import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { acknowledgeAlert } from './alerts.js';
import { closeDispute, disputeWaybill } from './disputes.js';
import { buildAudit, type CommandContext } from './audit.js';
import { reconcileBlocks } from './coverage.js';
import { DomainError, reject, type Rejection } from './errors.js';
import type { DomainEvent } from './events.js';
import { removeBoxType, setBoxType } from './boxes.js';
import { setCatalogItem } from './catalog/items.js';
import { confirmLearnedWeight, recordWeighing } from './weighings.js';
import { setWeightTolerance } from './weight-tolerance.js';
import { approveFreeze, createFreeze, rejectFreeze, tick } from './freezes.js';
import { carrierEvent } from './fulfilment.js';
import { closeHandover, handoverScan, openHandover, withdrawParcel } from './handover.js';
import { patrol } from './patrol.js';
import { carryNodeIndex } from './node-index.js';
import { carryOpenBatches } from './waybill-index.js';
import { carryOrderNumbers } from './order-number-index.js';
import { refreshLists } from './lists.js';
import { createOrder, resolveHeldOrders } from './orders.js';
import { CommandBodies, type Channel, type CommandOf, type CommandType, type DomainCommand } from './schemas.js';
import { stationBlocked, stationBlockEnded } from './station-blocks.js';
import { historyLost, stationFault, stationOffline, stationOnline, stationRecovered, stationReset } from './stations.js';
import { adjustOnHand, setOnHand } from './stock.js';
import { liftStop, stopTask } from './stops.js';
import { labelPrinted, parcelClosed, parcelSealed, taskLoaded, taskUnloaded, taskVerified } from './tasks.js';
import { DEFAULT_DOMAIN_CONFIG, type ChannelSkuResolver, type DomainConfig, type DomainState } from './state.js';
import { createTx, type ReadonlyDomainState, type Tx } from './tx.js';

/** The commands the mapping wing (`hub/mapping/`) carries out; the core hands them over. */
export type MappingCommandType =
  | 'setMapping'
  | 'setMappings'
  | 'removeMapping'
  | 'confirmMapping'
  | 'rollbackMapping'
  | 'setTemplate'
  | 'removeTemplate'
  | 'confirmTemplate'
  | 'rollbackTemplate'
  | 'createMasterSku';

/**
 * The mapping wing as the core sees it: a handler for each of its commands, and how a channel
 * code resolves through its rows and templates. The core imports no mapping file; whoever
 * applies commands (`hub/control/domain-store.ts`, the tests) hands it `MAPPING_WING`.
 */
export type MappingWing = { readonly [K in MappingCommandType]: (tx: Tx, command: CommandOf<K>) => Rejection | undefined } & {
  resolveCode(state: ReadonlyDomainState, channel: Channel, channelSku: string): string | undefined;
};

/** Hub-wide settings for {@link applyCommand}: the mapping wing, and policy. */
export interface DomainOptions {
  /** The mapping commands and the default channel SKU lookup. */
  mapping: MappingWing;
  /** Policy; missing fields take {@link DEFAULT_DOMAIN_CONFIG}. */
  config?: Partial<DomainConfig>;
  /** Channel SKU lookup; defaults to the explicit rows in `state.mappings`, then the channel's template. */
  resolve?: ChannelSkuResolver;
}

/** A command that was applied: the new state and what happened, in order. */
export interface Applied {
  readonly ok: true;
  /**
   * A new object sharing every record the command did not touch (the input state is never
   * changed), or the input itself when nothing changed. Treat states as immutable.
   */
  readonly state: DomainState;
  /** Empty when nothing changed (e.g. a repeated station status, a quiet tick). */
  readonly events: DomainEvent[];
}

export type CommandResult = Applied | Rejection;

/**
 * Applies one command: validates it against its schema, runs it copy-on-write, then
 * blocks or unblocks tasks whose stock coverage changed and brings the stop and freeze lists
 * up to date. Pure: no I/O, no clock but `context.now`. Every event carries the audit block
 * built from `context`. A rejection leaves nothing changed.
 *
 * @example
 * const result = applyCommand(state, { type: 'createFreeze', orderId: 'taobao:1001' },
 *   { now: new Date(), actor: { kind: 'token', id: 'tok_3', name: 'refund-bot' }, origin: '10.0.0.7' });
 * if (result.ok) { state = result.state; store(result.events); } else reply(result.code);
 */
export function applyCommand(
  state: DomainState,
  command: DomainCommand,
  context: CommandContext,
  options: DomainOptions,
): CommandResult {
  const invalid = validate(command);
  if (invalid) return invalid;
  const config = { ...DEFAULT_DOMAIN_CONFIG, ...options.config };
  const { mapping } = options;
  const resolve: ChannelSkuResolver = options.resolve ?? ((channel, sku) => mapping.resolveCode(tx.state, channel, sku));
  const tx = createTx(state, context.now, config, resolve, buildAudit(command, context));
  const rejection = route(tx, command, mapping);
  if (rejection) return rejection;
  // Coverage and the lists follow from the state: a command that changed nothing cannot move them.
  if (tx.events.length === 0) return { ok: true, state, events: [] };
  reconcileBlocks(tx);
  refreshLists(tx);
  const next = tx.result();
  carryNodeIndex(state, next, tx.touched);
  carryOpenBatches(state, next, tx.touched.handovers);
  carryOrderNumbers(state, next, tx.touched.orders);
  return { ok: true, state: next, events: tx.events };
}

function route(tx: Tx, command: DomainCommand, mapping: MappingWing): Rejection | undefined {
  switch (command.type) {
    case 'createOrder':
      return createOrder(tx, command);
    case 'setMapping':
      return mapping.setMapping(tx, command);
    case 'setMappings':
      return mapping.setMappings(tx, command);
    case 'removeMapping':
      return mapping.removeMapping(tx, command);
    case 'confirmMapping':
      return mapping.confirmMapping(tx, command);
    case 'rollbackMapping':
      return mapping.rollbackMapping(tx, command);
    case 'setTemplate':
      return mapping.setTemplate(tx, command);
    case 'removeTemplate':
      return mapping.removeTemplate(tx, command);
    case 'confirmTemplate':
      return mapping.confirmTemplate(tx, command);
    case 'rollbackTemplate':
      return mapping.rollbackTemplate(tx, command);
    case 'setCatalogItem':
      return setCatalogItem(tx, command);
    case 'createMasterSku':
      return mapping.createMasterSku(tx, command);
    case 'setBoxType':
      return setBoxType(tx, command);
    case 'removeBoxType':
      return removeBoxType(tx, command);
    case 'recordWeighing':
      return recordWeighing(tx, command);
    case 'confirmLearnedWeight':
      return confirmLearnedWeight(tx, command);
    case 'setWeightTolerance':
      return setWeightTolerance(tx, command);
    case 'resolveHeldOrders':
      return resolveHeldOrders(tx, command);
    case 'taskLoaded':
      return taskLoaded(tx, command);
    case 'taskVerified':
      return taskVerified(tx, command);
    case 'taskUnloaded':
      return taskUnloaded(tx, command);
    case 'labelPrinted':
      return labelPrinted(tx, command);
    case 'parcelSealed':
      return parcelSealed(tx, command);
    case 'parcelClosed':
      return parcelClosed(tx, command);
    case 'stopTask':
      return stopTask(tx, command);
    case 'liftStop':
      return liftStop(tx, command);
    case 'createFreeze':
      return createFreeze(tx, command);
    case 'approveFreeze':
      return approveFreeze(tx, command);
    case 'rejectFreeze':
      return rejectFreeze(tx, command);
    case 'tick':
      return tick(tx);
    case 'patrol':
      return patrol(tx, command);
    case 'carrierEvent':
      return carrierEvent(tx, command);
    case 'openHandover':
      return openHandover(tx, command);
    case 'handoverScan':
      return handoverScan(tx, command);
    case 'closeHandover':
      return closeHandover(tx, command);
    case 'withdrawParcel':
      return withdrawParcel(tx, command);
    case 'setOnHand':
      return setOnHand(tx, command);
    case 'adjustOnHand':
      return adjustOnHand(tx, command);
    case 'acknowledgeAlert':
      return acknowledgeAlert(tx, command);
    case 'disputeWaybill':
      return disputeWaybill(tx, command);
    case 'closeDispute':
      return closeDispute(tx, command);
    case 'stationFault':
      return stationFault(tx, command);
    case 'stationRecovered':
      return stationRecovered(tx, command);
    case 'stationOffline':
      return stationOffline(tx, command);
    case 'stationOnline':
      return stationOnline(tx, command);
    case 'stationReset':
      return stationReset(tx, command);
    case 'historyLost':
      return historyLost(tx, command);
    case 'stationBlocked':
      return stationBlocked(tx, command);
    case 'stationBlockEnded':
      return stationBlockEnded(tx, command);
    default:
      // Every command type has a case: a new one in CommandBodies without a handler fails to compile here.
      return command satisfies never;
  }
}

const validators = new Map<CommandType, Validator<{}, TSchema>>();

function isCommandType(type: unknown): type is CommandType {
  return typeof type === 'string' && Object.hasOwn(CommandBodies, type);
}

/** Checks the command's shape; a bad quantity or time to live gets its own code. */
function validate(command: unknown): Rejection | undefined {
  if (typeof command !== 'object' || command === null) return reject(DomainError.BadCommand, 'a command is an object');
  const { type, ...body } = command as { type?: unknown };
  if (!isCommandType(type)) return reject(DomainError.BadCommand, `unknown command type ${JSON.stringify(type)}`);
  let validator = validators.get(type);
  if (!validator) validators.set(type, (validator = Compile(CommandBodies[type])));
  if (validator.Check(body)) return undefined;
  const errors = validator.Errors(body);
  const quantity = errors.find((error) => /\/(quantity|delta)$/.test(error.instancePath));
  if (quantity) return reject(DomainError.BadQuantity, `${type}${quantity.instancePath}: ${quantity.message}`);
  const ttl = errors.find((error) => error.instancePath === '/ttlSeconds');
  if (ttl) return reject(DomainError.BadTtl, `${type}/ttlSeconds: ${ttl.message}`);
  const first = errors[0];
  return reject(DomainError.BadCommand, `${type}${first?.instancePath ?? ''}: ${first?.message ?? 'does not match the schema'}`);
}
