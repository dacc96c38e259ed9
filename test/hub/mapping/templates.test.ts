import { describe, expect, it } from 'vitest';
import { domainErrorKind, getOwn } from '../../../hub/domain/index.js';
import { channelCodes, resolveCode } from '../../../hub/mapping/index.js';
import { catalogEntries } from '../../../hub/mapping/templates.js';
import { DOUYIN, dresses } from '../domain/dresses.js';
import { Harness, orderCommand, types } from '../domain/harness.js';

describe('channel rule templates in the domain', () => {
  it('a first template holds nothing and resolves the channel’s codes from the catalog', () => {
    const h = new Harness();
    h.ok({ type: 'createMasterSku', brand: 'Acme', category: 'Dress', attributes: { colour: 'Red', size: 'M', year: 2026 }, barcodes: [] });
    const events = h.ok({ type: 'setTemplate', channel: 'douyin', source: DOUYIN });
    expect(types(events)).toEqual(['template.set']);
    expect(getOwn(h.state.templates, 'douyin')).toEqual({ channel: 'douyin', source: DOUYIN, setAt: h.now.toISOString(), version: 1 });
    expect(h.state.mappingLog).toMatchObject([{ version: 1, channel: 'douyin', kind: 'template-set', to: DOUYIN }]);
    h.ok(orderCommand('1', [['DY-DRESS-RED-M-26', 2]], 'douyin'));
    expect(getOwn(h.state.orders, 'douyin:1')).toMatchObject({ status: 'released', lines: [{ masterSku: 'ACME-DRESS-2026-RED-M' }] });
    // Only on its channel.
    expect(resolveCode(h.state, 'taobao', 'DY-DRESS-RED-M-26')).toBeUndefined();
  });

  it('explicit rows win; a code the template gives two SKUs resolves to neither', () => {
    const h = dresses();
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-DRESS-RED-L-26', masterSku: 'ACME-DRESS-2026-RED-L' });
    expect(resolveCode(h.state, 'douyin', 'DY-DRESS-RED-L-26')).toBe('ACME-DRESS-2026-RED-L');
    h.ok({ type: 'setTemplate', channel: 'taobao', source: 'TB-{category}-{size}' });
    expect(channelCodes(h.state, 'taobao').byCode.get('TB-DRESS-M')).toBeNull();
    expect(resolveCode(h.state, 'taobao', 'TB-DRESS-M')).toBeUndefined();
    expect(resolveCode(h.state, 'taobao', 'TB-DRESS-L')).toBe('ACME-DRESS-2026-RED-L');
  });

  it('refuses a malformed template with its code (400), reading the catalog’s own attributes', () => {
    const h = dresses();
    for (const [source, code] of [
      ['DY-{colour', 'TEMPLATE_SYNTAX'],
      ['DY-{fabric}', 'TEMPLATE_UNKNOWN_FIELD'],
      ['DY-{size|shout}', 'TEMPLATE_UNKNOWN_FUNCTION'],
      ['DY-{size|pad(0)}', 'TEMPLATE_BAD_ARGUMENT'],
      [`DY-${'X'.repeat(300)}`, 'TEMPLATE_TOO_LONG'],
    ] as const) {
      const refused = h.refused({ type: 'setTemplate', channel: 'douyin', source });
      expect(refused).toBe(code);
      expect(domainErrorKind(refused)).toBe('invalid');
    }
    h.ok({ type: 'createMasterSku', brand: 'Acme', category: 'Scarf', attributes: { fabric: 'Silk' }, barcodes: [] });
    h.ok({ type: 'setTemplate', channel: 'pinduoduo', source: 'PDD-{fabric}' });
    expect(resolveCode(h.state, 'pinduoduo', 'PDD-SILK')).toBe('ACME-SCARF-SILK');
  });

  it('caches the codes per template and catalog: a resolve is a lookup, a catalog change rebuilds', () => {
    const h = dresses();
    const codes = channelCodes(h.state, 'douyin');
    expect(channelCodes(h.state, 'douyin')).toBe(codes);
    expect([...codes.bySku.keys()].sort()).toEqual(['ACME-DRESS-2026-BLUE-M', 'ACME-DRESS-2026-RED-L', 'ACME-DRESS-2026-RED-M']);
    h.ok(orderCommand('1', [['DY-DRESS-RED-M-26', 1]], 'douyin'));
    expect(channelCodes(h.state, 'douyin')).toBe(codes);
    h.ok({ type: 'createMasterSku', brand: 'Acme', category: 'Dress', attributes: { colour: 'Red', size: 'S', year: 2026 }, barcodes: [] });
    expect(channelCodes(h.state, 'douyin')).not.toBe(codes);
    // What a preview reads: the items with attributes (not the sock).
    expect(catalogEntries(h.state.catalog).map((entry) => entry.masterSku)).toHaveLength(4);
    expect(catalogEntries(h.state.catalog)[0]).toEqual({ masterSku: 'ACME-DRESS-2026-RED-M', brand: 'Acme', category: 'Dress', attributes: { colour: 'Red', size: 'M', year: 2026 } });
    expect(resolveCode(h.state, 'douyin', 'DY-DRESS-RED-S-26')).toBe('ACME-DRESS-2026-RED-S');
  });
});
