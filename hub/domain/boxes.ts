import { MAX_BOX_TYPES } from '../../protocol/pack-vocabulary.js';
import { boxTypeOfCode, ownerOf } from './catalog/items.js';
import { DomainError, reject, type Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import { getOwn, type BoxType } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';

/**
 * Sets a box type whole (docs/domain.md, "Box types"). Its barcode may not be a catalog item's
 * (`BARCODE_TAKEN`: a scan must mean a box or a unit, never both) nor another box type's in
 * another form (a GTIN is compared as its GTIN-14); at most MAX_BOX_TYPES box types
 * (`BOX_TYPES_FULL`). Raises the catalog version: stations get box types with every task.
 */
export function setBoxType(tx: Tx, command: CommandOf<'setBoxType'>): Rejection | undefined {
  const { code, grams, maxUnits, name } = command;
  const owner = ownerOf(tx.state, code, '');
  if (owner) return reject(DomainError.BarcodeTaken, `barcode ${code} already stands for ${owner}`);
  const twin = boxTypeOfCode(tx.state, code);
  if (twin && twin.code !== code) return reject(DomainError.BarcodeTaken, `barcode ${code} is the box type ${twin.code}`);
  const previous = getOwn(tx.state.boxTypes, code);
  if (!previous && Object.keys(tx.state.boxTypes).length >= MAX_BOX_TYPES) return reject(DomainError.BoxTypesFull, `a site has at most ${MAX_BOX_TYPES} box types`);
  const box: BoxType = { code, grams, ...(maxUnits === undefined ? {} : { maxUnits }), ...(name === undefined ? {} : { name }) };
  if (previous && JSON.stringify(previous) === JSON.stringify(box)) return undefined;
  tx.put('boxTypes', code, box);
  const version = tx.nextCatalogVersion();
  tx.emit({ type: 'catalog.box-set', code, grams, ...(maxUnits === undefined ? {} : { maxUnits }), ...(previous ? { previousGrams: previous.grams } : {}), version });
  return undefined;
}

/** Removes a box type (`BOX_TYPE_NOT_FOUND` when there is none); tasks released after it no longer carry it. */
export function removeBoxType(tx: Tx, command: CommandOf<'removeBoxType'>): Rejection | undefined {
  const previous = getOwn(tx.state.boxTypes, command.code);
  if (!previous) return reject(DomainError.BoxTypeNotFound, `no box type has the barcode ${command.code}`);
  tx.remove('boxTypes', command.code);
  tx.emit({ type: 'catalog.box-removed', code: command.code, grams: previous.grams, version: tx.nextCatalogVersion() });
  return undefined;
}

/** The site's box types in barcode order, as stations get them. */
export function boxTypes(state: ReadonlyDomainState): Array<Immutable<BoxType>> {
  return Object.values(state.boxTypes).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

