import { describe, expect, it } from 'vitest';

interface PageStrings {
  readonly LOCALES: readonly string[];
  readonly STRINGS: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly t: (locale: string, key: string, params?: Record<string, unknown>) => string;
}
// The page's own module, plain JavaScript served as is (no declarations beside it).
const page = '../../../ui/station/strings.js';
const { LOCALES, STRINGS, t } = (await import(page)) as PageStrings;

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe("the packer's page strings", () => {
  it('has every string in both languages, with the same parameters', () => {
    expect(LOCALES).toEqual(['zh-CN', 'en']);
    const zh = STRINGS['zh-CN'] ?? {};
    const en = STRINGS.en ?? {};
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) expect([key, placeholders(zh[key] ?? '')]).toEqual([key, placeholders(en[key] ?? '')]);
  });

  it('names both flows and each parcel state', () => {
    expect(t('en', 'flow.verify-preprinted')).toBe('pre-printed label: sealed after verification');
    expect(t('zh-CN', 'parcelOf', { n: 2, count: 3 })).toBe('第 2 / 3 包');
    expect(t('en', 'parcel.label.printed', { n: 1 })).toBe('label printed ×1');
  });
});
