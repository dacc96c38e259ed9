import { condition, endCondition, raiseAlert } from '../domain/alerts.js';
import { releaseHeld } from './breaker.js';
import { DomainError, reject, type Rejection } from '../domain/errors.js';
import { atStation } from './mapping.js';
import { logMapping } from './mapping-log.js';
import type { Channel, CommandOf } from '../domain/schemas.js';
import { getOwn } from '../domain/state.js';
import { channelCodes, parseForCatalog, templateCodes, type TemplateCodes } from './templates.js';
import type { Tx } from '../domain/tx.js';

/*
 * Channel rule templates as commands, and their circuit breaker. Setting a template on a channel
 * that had none changes how no code resolves (explicit rows win over a template, and the codes
 * were unresolved before), so it is not held. Changing or removing one is: the master SKUs whose
 * code changed or disappeared, and those that took another's code, are held until a person
 * confirms or rolls back.
 */

/**
 * The master SKUs a change of template codes affects: each whose code changed or disappeared,
 * and each given a code another SKU had.
 */
export function affectedSkus(before: TemplateCodes, after: TemplateCodes): string[] {
  const skus = new Set<string>();
  for (const [sku, code] of before.bySku) if (after.bySku.get(sku) !== code) skus.add(sku);
  for (const [sku, code] of after.bySku) {
    const owner = before.byCode.get(code);
    if (owner === undefined || owner === sku) continue;
    skus.add(sku);
    if (owner !== null) skus.add(owner);
  }
  return [...skus].sort();
}

/** Sets a channel's template: parsed against the catalog's fields, refused with its `TEMPLATE_*` code. */
export function setTemplate(tx: Tx, command: CommandOf<'setTemplate'>): Rejection | undefined {
  const { channel, source } = command;
  const parsed = parseForCatalog(source, tx.state.catalog);
  if (!parsed.ok) return reject(parsed.code, `${channel} template: ${parsed.message}`);
  const current = getOwn(tx.state.templates, channel);
  if (current?.source === source) return undefined;
  const before = channelCodes(tx.state, channel);
  const version = logMapping(tx, { channel, kind: 'template-set', ...(current ? { from: current.source } : {}), to: source });
  tx.put('templates', channel, { channel, source, setAt: tx.at, version });
  tx.emit({ type: 'template.set', channel, source, ...(current ? { previous: current.source } : {}), version });
  holdTemplateChange(tx, channel, current?.source ?? null, source, before);
  return undefined;
}

/** Removes a channel's template; its codes stop resolving, and the SKUs they gave are held. */
export function removeTemplate(tx: Tx, command: CommandOf<'removeTemplate'>): Rejection | undefined {
  const { channel } = command;
  if (getOwn(tx.state.pendingTemplates, channel)) return reject(DomainError.MappingPending, `the ${channel} template has a change waiting for confirmation: confirm or roll it back first`);
  const current = getOwn(tx.state.templates, channel);
  if (!current) return reject(DomainError.TemplateNotFound, `${channel} has no template`);
  const before = channelCodes(tx.state, channel);
  const version = logMapping(tx, { channel, kind: 'template-removed', from: current.source });
  tx.remove('templates', channel);
  tx.emit({ type: 'template.removed', channel, previous: current.source, version });
  holdTemplateChange(tx, channel, current.source, null, before);
  return undefined;
}

/**
 * Holds the SKUs a template change affects, counted from the last confirmed source (so a
 * second change while pending adds to the first), and raises the alert. Nothing is held when
 * no SKU is affected and nothing was pending.
 */
function holdTemplateChange(tx: Tx, channel: Channel, replaced: string | null, source: string | null, before: TemplateCodes): void {
  const current = getOwn(tx.state.pendingTemplates, channel);
  const confirmed = current ? current.previous : replaced;
  const base = current ? templateCodes(confirmed, tx.state.catalog) : before;
  const changed = affectedSkus(base, channelCodes(tx.state, channel));
  if (!current && changed.length === 0) return;
  const skus = [...new Set([...(current?.skus ?? []), ...changed])].sort();
  tx.put('pendingTemplates', channel, { channel, previous: confirmed, source, skus, since: current?.since ?? tx.at });
  tx.emit({ type: 'template.pending', channel, previous: confirmed, source, skus: [...skus] });
  const what = source === null ? 'removed' : 'changed';
  const message = `${channel} template ${what}: orders of ${skus.length} master SKU(s) (${skus.slice(0, 5).join(', ')}${skus.length > 5 ? ' …' : ''}) held until a person confirms or rolls back`;
  raiseAlert(tx, 'mapping-pending', atStation(tx, skus) ? 'critical' : 'warning', message, { channel, ...(skus[0] ? { sku: skus[0] } : {}) }, condition.mappingPending(channel));
}

/** Confirms a channel's pending template change: the template in force stays, the hold is lifted. */
export function confirmTemplate(tx: Tx, command: CommandOf<'confirmTemplate'>): Rejection | undefined {
  const { channel } = command;
  const pending = getOwn(tx.state.pendingTemplates, channel);
  if (!pending) return reject(DomainError.MappingNotPending, `no change of the ${channel} template waits for confirmation`);
  tx.remove('pendingTemplates', channel);
  logMapping(tx, { channel, kind: 'confirmed', ...(pending.previous === null ? {} : { from: pending.previous }), ...(pending.source === null ? {} : { to: pending.source }) });
  tx.emit({ type: 'template.confirmed', channel, previous: pending.previous, source: pending.source, skus: [...pending.skus] });
  endCondition(tx, condition.mappingPending(channel), 'confirmed');
  return releaseHeld(tx, pending.skus);
}

/** Rolls a channel's pending template change back to the last confirmed source; the hold is lifted. */
export function rollbackTemplate(tx: Tx, command: CommandOf<'rollbackTemplate'>): Rejection | undefined {
  const { channel } = command;
  const pending = getOwn(tx.state.pendingTemplates, channel);
  if (!pending) return reject(DomainError.MappingNotPending, `no change of the ${channel} template waits for confirmation`);
  tx.remove('pendingTemplates', channel);
  const { previous, source } = pending;
  const version = logMapping(tx, { channel, kind: 'rolled-back', ...(source === null ? {} : { from: source }), ...(previous === null ? {} : { to: previous }) });
  if (previous === null) tx.remove('templates', channel);
  else tx.put('templates', channel, { channel, source: previous, setAt: tx.at, version });
  tx.emit({ type: 'template.rolled-back', channel, source: previous, rejected: source, skus: [...pending.skus] });
  endCondition(tx, condition.mappingPending(channel), 'rolled-back');
  return releaseHeld(tx, pending.skus);
}
