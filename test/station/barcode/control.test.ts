import { describe, expect, it } from 'vitest';
import { CONTROL_PREFIX } from '../../../station/barcode/index.js';
import { isCset82 } from '../../../station/barcode/element-value.js';
import { decoded, rejection } from './helpers.js';

describe('station control codes', () => {
  it.each([
    ['$PG:BADGE:P-0042', { command: 'packer-badge', badge: 'P-0042' }],
    ['$PG:SUP:S-007', { command: 'supervisor-badge', badge: 'S-007' }],
    ['$PG:CANCEL', { command: 'cancel' }],
    ['$PG:RESOLVE', { command: 'resolve' }],
    ['$PG:REPRINT', { command: 'reprint' }],
    ['$PG:ASIDE', { command: 'aside' }],
    ['$PG:PARCEL', { command: 'parcel' }],
    ['$PG:ASIDE:SHORT_PICK', { command: 'aside', reason: 'short_pick' }],
    ['$PG:ASIDE:DAMAGED', { command: 'aside', reason: 'damaged' }],
    ['$PG:ASIDE:WRONG_PICK', { command: 'aside', reason: 'wrong_pick' }],
    ['$PG:ASIDE:LABEL_PROBLEM', { command: 'aside', reason: 'label_problem' }],
    ['$PG:ASIDE:OTHER', { command: 'aside', reason: 'other' }],
  ])('reads %s', (scan, control) => {
    expect(decoded(scan)).toEqual({ kind: 'control', symbology: { aim: null, name: 'unknown' }, text: scan, data: scan, control });
  });

  it('reads a card scanned with Caps Lock on (a keyboard wedge flips letter case)', () => {
    expect(decoded('$pg:badge:p-0042')).toMatchObject({ control: { command: 'packer-badge', badge: 'P-0042' } });
    expect(decoded('$Pg:Cancel')).toMatchObject({ control: { command: 'cancel' } });
  });

  it.each([
    ['$PG:ORDER:TB20261122001', { type: 'order', id: 'TB20261122001' }],
    ['$PG:TASK:PICK-2026-0042', { type: 'task', id: 'PICK-2026-0042' }],
    ['$PG:TOTE:T.17/B', { type: 'tote', id: 'T.17/B' }],
  ])('reads the order/task/tote label %s', (scan, order) => {
    expect(decoded(scan)).toMatchObject({ kind: 'order', order });
  });

  it.each(['$PG:', '$PG:LAUNCH', '$PG:constructor', '$PG:__proto__', '$PG:CANCEL2'])('refuses the unknown command %j', (scan) => {
    expect(rejection(scan)).toBe('UNKNOWN_CONTROL_CODE');
  });

  it.each([
    '$PG:CANCEL:NOW',
    '$PG:PARCEL:2',
    '$PG:ASIDE:',
    '$PG:ASIDE:BROKEN',
    '$PG:ASIDE:CANCELLED',
    '$PG:ASIDE:DAMAGED:X',
    '$PG:BADGE',
    '$PG:BADGE:',
    '$PG:BADGE:P 0042',
    '$PG:BADGE:-P1',
    '$PG:SUP:S-007:X',
    `$PG:ORDER:${'9'.repeat(65)}`,
    '$PG:ORDER:TB#1',
  ])('refuses the malformed code %j', (scan) => {
    expect(rejection(scan)).toBe('BAD_CONTROL_CODE');
  });

  it('refuses GS inside a control code', () => {
    expect(rejection('$PG:BADGE:P\u001d1')).toBe('CONTROL_CHARACTER');
  });

  it('uses a prefix no GS1 scan can produce: "$" is outside GS1 character set 82', () => {
    expect(isCset82(CONTROL_PREFIX)).toBe(false);
    expect(isCset82('%PG:')).toBe(true); // why not "%": a lot number may legally be "%PG:CANCEL"
    expect(rejection('(01)09506000134352(10)$PG:CANCEL')).toBe('BAD_CHARACTER');
  });

  it('leaves a lookalike without the prefix as text', () => {
    expect(decoded('ORDER:TB20261122001')).toMatchObject({ kind: 'text' });
    expect(decoded('PG:CANCEL')).toMatchObject({ kind: 'text' });
  });
});
