import { describe, expect, it } from 'vitest';
import {
  LOCALES,
  MESSAGES,
  PACK_ACT_REFUSALS,
  PACK_ASIDE_REASONS,
  PACK_BLOCK_REASONS,
  PACK_GATE_REASONS,
  PACK_SCAN_REFUSALS,
  message,
  type MessageKey,
} from '../../../station/pack/index.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
const keys = Object.keys(MESSAGES) as MessageKey[];

describe('the screen strings', () => {
  it('has every reason in Simplified Chinese and English', () => {
    const expected = [
      ...PACK_BLOCK_REASONS.map((r) => `block.${r}`),
      ...PACK_ACT_REFUSALS.map((r) => `refusal.${r}`),
      ...PACK_SCAN_REFUSALS.map((r) => `scan.${r}`),
      ...PACK_GATE_REASONS.map((r) => `gate.${r}`),
      ...PACK_ASIDE_REASONS.map((r) => `aside.${r}`),
    ];
    for (const key of expected) expect(keys).toContain(key);
    expect(LOCALES).toEqual(['zh-CN', 'en']);
  });

  it.each(keys)('%s: both locales written, same parameters', (key) => {
    const { 'zh-CN': zh, en } = MESSAGES[key];
    expect(zh.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(placeholders(zh)).toEqual(placeholders(en));
  });

  it('fills parameters, and leaves a missing one visible', () => {
    expect(message('block.over_quantity', 'en', { sku: 'BT-001' })).toBe('Too many: BT-001 is already complete');
    expect(message('block.over_quantity', 'zh-CN', { sku: 'BT-001' })).toBe('数量超出：BT-001 已够数');
    expect(message('block.unknown_barcode', 'en')).toBe('Unknown barcode: {code}');
    expect(message('block.unknown_barcode', 'en', { toString: 'x' } as unknown as Record<string, string>)).toBe('Unknown barcode: {code}');
  });
});
