import { describe, expect, it } from 'vitest';
import { comparableCode, indexTasks, isPackTask, lookUpTask, taskKey, type PackTask } from '../../../station/pack/index.js';
import { SOCK_TASK, TASK, TWO_PARCELS } from './helpers.js';

describe('task lookup', () => {
  it('keys a task by task id, order number, tote and waybill, upper case like the decoder', () => {
    expect(Object.keys(indexTasks([TASK])).sort()).toEqual(['order:880001', 'task:T17', 'tote:TOTE-04', 'waybill:SF1234567890']);
    expect(Object.keys(indexTasks([TWO_PARCELS])).filter((key) => key.startsWith('waybill:'))).toEqual(['waybill:YT3000000001', 'waybill:YT3000000002']);
    expect(taskKey({ type: 'tote', id: 'tote-04' })).toBe('tote:TOTE-04');
    expect(lookUpTask(indexTasks([TASK]), 'tote:TOTE-04')).toBe(TASK);
  });

  it('drops a key two tasks claim, keeps the others', () => {
    const twin: PackTask = { ...SOCK_TASK, taskId: 'T19', orderNo: '880001', tote: 'TOTE-04' };
    const index = indexTasks([TASK, twin, TASK]);
    expect(Object.keys(index).sort()).toEqual(['task:T17', 'task:T19', 'waybill:SF1234567890', 'waybill:YT9988776655']);
  });

  it('never finds inherited properties', () => {
    const index = indexTasks([TASK]);
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expect(lookUpTask(index, key)).toBeUndefined();
  });
});

describe('isPackTask', () => {
  it('accepts the fixtures', () => {
    expect(isPackTask(TASK)).toBe(true);
    expect(isPackTask(SOCK_TASK)).toBe(true);
    expect(isPackTask({ ...TASK, lines: TASK.lines.map((l) => ({ ...l, unitWeightGrams: 312.5 })) })).toBe(true);
    expect(isPackTask(TWO_PARCELS)).toBe(true);
    const print = { platform: 'cainiao', contents: [{ encryptedData: 'x', signature: 'y', templateURL: 'https://t' }] };
    expect(isPackTask({ ...TWO_PARCELS, parcels: [{ waybill: 'YT3000000001', print }, { waybill: 'YT3000000002' }] })).toBe(true);
  });

  const line = TASK.lines[0];
  it.each<[string, unknown]>([
    ['null', null],
    ['no lines', { ...TASK, lines: [] }],
    ['a zero quantity', { ...TASK, lines: [{ ...line, quantity: 0 }] }],
    ['a fractional quantity', { ...TASK, lines: [{ ...line, quantity: 1.5 }] }],
    ['a zero multiplier', { ...TASK, lines: [{ ...line, barcodes: [{ code: '4006381333931', multiplier: 0 }] }] }],
    ['an empty barcode', { ...TASK, lines: [{ ...line, barcodes: [{ code: '', multiplier: 1 }] }] }],
    ['a SKU on two lines', { ...TASK, lines: [line, line] }],
    ['tracking that is not a flag', { ...TASK, lines: [{ ...line, tracking: { serial: 'yes' } }] }],
    ['a negative unit weight', { ...TASK, lines: [{ ...line, unitWeightGrams: -1 }] }],
    ['a unit weight in text', { ...TASK, lines: [{ ...line, unitWeightGrams: '300' }] }],
    ['a unit weight past a tonne', { ...TASK, lines: [{ ...line, unitWeightGrams: 1_000_001 }] }],
    ['no label', { ...TASK, label: undefined }],
    ['an empty waybill', { ...TASK, waybill: '' }],
    ['a numeric task id', { ...TASK, taskId: 17 }],
    ['an over-long order number', { ...TASK, orderNo: 'x'.repeat(101) }],
    ['no parcels in a parcel list', { ...TWO_PARCELS, parcels: [] }],
    ['eleven parcels', { ...TWO_PARCELS, parcels: Array.from({ length: 11 }, (_, i) => ({ waybill: `YT${i}` })) }],
    ['one waybill on two parcels (any case)', { ...TWO_PARCELS, parcels: [{ waybill: 'YT1' }, { waybill: 'yt1' }] }],
    ['a parcel without a waybill', { ...TWO_PARCELS, parcels: [{}] }],
    ['print data of an unknown platform', { ...TWO_PARCELS, parcels: [{ waybill: 'YT1', print: { platform: 'jd', contents: [{}] } }] }],
    ['print data without contents', { ...TWO_PARCELS, parcels: [{ waybill: 'YT1', print: { platform: 'pdd', contents: [] } }] }],
  ])('refuses %s', (_, value) => {
    expect(isPackTask(value)).toBe(false);
  });
});

describe('comparableCode', () => {
  it('pads GTIN-8/12/13 with a valid check digit to GTIN-14, leaves everything else', () => {
    expect(comparableCode('4006381333931')).toBe('04006381333931');
    expect(comparableCode('036000291452')).toBe('00036000291452');
    expect(comparableCode('96385074')).toBe('00000096385074');
    expect(comparableCode('4006381333932')).toBe('4006381333932');
    expect(comparableCode('INT-DRESS-M')).toBe('INT-DRESS-M');
    expect(comparableCode('12345')).toBe('12345');
  });
});
