import { describe, expect, it } from 'vitest';
import { ALERT_KINDS, BLOCK_REASONS, StopReason, TASK_STATUSES } from '../../../hub/domain/model.js';
import { CHANNELS } from '../../../hub/domain/schemas.js';
import { PACK_BLOCK_REASONS } from '../../../protocol/pack-vocabulary.js';
import type { HistoryRecord } from '../../../hub/store/history.js';
import { defaultLanguage, fmt, label, STRINGS } from '../../../ui/tablet/src/strings.js';
import type { FeedRecord } from '../../../ui/tablet/src/wire.js';

/** Every key path of a strings table, e.g. `alerts / acknowledge`, `event / order.created`. */
function paths(table: unknown, prefix: readonly string[] = []): string[][] {
  if (typeof table === 'string') return [[...prefix]];
  return Object.entries(table as Record<string, unknown>).flatMap(([key, value]) => paths(value, [...prefix, key]));
}

describe('tablet strings', () => {
  it('has the same strings in Chinese and English, with the same placeholders', () => {
    const names = (table: unknown) => paths(table).map((path) => path.join(' / ')).sort();
    expect(names(STRINGS['zh-CN'])).toEqual(names(STRINGS.en));
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const path of paths(STRINGS.en)) {
      const at = (table: unknown) => path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], table) as string;
      expect(placeholders(at(STRINGS['zh-CN'])), path.join(' / ')).toEqual(placeholders(at(STRINGS.en)));
    }
  });

  it('defaults to Chinese for any zh browser language and to English otherwise', () => {
    expect(['zh-CN', 'zh', 'zh-TW', 'ZH-cn'].map(defaultLanguage)).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN']);
    expect(['en-US', 'de', '', undefined].map(defaultLanguage)).toEqual(['en', 'en', 'en', 'en']);
  });

  it('fills placeholders and falls back to the code for a label it lacks', () => {
    expect(fmt(STRINGS.en.alerts.acknowledgedBy, { name: 'Li Na' })).toBe('Acknowledged by Li Na');
    expect(label(STRINGS['zh-CN'].kind, 'task-stopped')).toBe('拣货任务已停止');
    expect(label(STRINGS['zh-CN'].kind, 'a-kind-from-the-future')).toBe('a-kind-from-the-future');
    expect(label(STRINGS['zh-CN'].kind, 'constructor')).toBe('constructor');
  });

  it("names every value of the hub's vocabularies the page shows, in both languages", () => {
    const vocabularies = {
      // A station block is titled by its verdict (`verdict`).
      kind: ALERT_KINDS.filter((kind) => kind !== 'station-block'),
      verdict: PACK_BLOCK_REASONS,
      stopReason: [...StopReason.enum, ...BLOCK_REASONS],
      taskStatus: TASK_STATUSES,
      channel: CHANNELS,
    } as const;
    for (const language of ['zh-CN', 'en'] as const) {
      for (const [table, values] of Object.entries(vocabularies)) {
        const named = STRINGS[language][table as keyof typeof vocabularies];
        expect(values.filter((value) => !Object.hasOwn(named, value)), `${language} ${table}`).toEqual([]);
      }
    }
  });

  it("reads the hub's feed records as the page's types (a compile-time check)", () => {
    const asPageRecord = (record: HistoryRecord): FeedRecord => record;
    expect(typeof asPageRecord).toBe('function');
  });
});
