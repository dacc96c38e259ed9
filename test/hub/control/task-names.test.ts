import { describe, expect, it } from 'vitest';
import { packTaskOf } from '../../../hub/control/pack-task.js';
import { PAYLOAD_VERSION } from '../../../protocol/index.js';
import { hubToStationChecks } from '../../../protocol/hub-to-station.js';
import { Harness } from '../domain/harness.js';

// Issue #17 item 11: the task lines a station packs from name the item, say what it is and link its picture.
describe('task lines carry the catalog item’s name, attributes and picture', () => {
  function hub() {
    const h = new Harness();
    h.ok({
      type: 'createMasterSku',
      brand: 'Lumi',
      category: 'dress',
      attributes: { color: 'red', size: 'M' },
      barcodes: [{ code: '4006381333931', multiplier: 1 }],
      name: { 'zh-CN': '红色连衣裙 M 码', en: 'Red dress, size M' },
      imageUrl: 'https://cdn.example.com/dress-red-m.jpg',
    });
    const sku = Object.keys(h.state.catalog)[0]!;
    h.ok({ type: 'setCatalogItem', masterSku: 'SOCK-01', barcodes: [{ code: '5901234123457', multiplier: 1 }] });
    const taskId = h.order('880001', [[sku, 2], ['SOCK-01', 1]]);
    return { h, sku, task: h.state.tasks[taskId]! };
  }

  it('names the line in both languages, lists brand, category and attributes, and gives the picture; a bare item gets none', () => {
    const { h, sku, task } = hub();
    const payload = packTaskOf(h.state, task)!;
    expect(payload.lines).toEqual([
      {
        masterSku: sku,
        quantity: 2,
        barcodes: [{ code: '4006381333931', multiplier: 1 }],
        name: { 'zh-CN': '红色连衣裙 M 码', en: 'Red dress, size M' },
        attributes: [
          { name: 'brand', value: 'Lumi' },
          { name: 'category', value: 'dress' },
          { name: 'color', value: 'red' },
          { name: 'size', value: 'M' },
        ],
        imageUrl: 'https://cdn.example.com/dress-red-m.jpg',
      },
      { masterSku: 'SOCK-01', quantity: 1, barcodes: [{ code: '5901234123457', multiplier: 1 }] },
    ]);
    // What a station's generated check accepts.
    expect(hubToStationChecks.HubCommand({ v: PAYLOAD_VERSION, id: '1.task', at: new Date().toISOString(), ref: { type: 'order', id: '880001' }, type: 'task', task: payload })).toBe(true);
  });

  it('refuses a picture that is not an http(s) URL and a name over 200 characters', () => {
    const { h } = hub();
    const item = { type: 'setCatalogItem' as const, masterSku: 'MUG', barcodes: [{ code: 'MUG-1', multiplier: 1 }] };
    expect(h.refused({ ...item, imageUrl: 'javascript:alert(1)' })).toBe('BAD_COMMAND');
    expect(h.refused({ ...item, imageUrl: 'file:///etc/passwd' })).toBe('BAD_COMMAND');
    expect(h.refused({ ...item, name: { en: 'x'.repeat(201) } })).toBe('BAD_COMMAND');
    expect(h.refused({ ...item, name: { fr: 'tasse' } as never })).toBe('BAD_COMMAND');
    h.ok({ ...item, name: { en: 'Mug' }, imageUrl: 'http://intranet/mug.png' });
    expect(h.state.catalog['MUG']).toMatchObject({ name: { en: 'Mug' }, imageUrl: 'http://intranet/mug.png' });
  });

  it('sends brand, category and the first six attributes: the largest task stays within its bound', () => {
    const h = new Harness();
    const attributes = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`a${i}`, `v${i}`]));
    h.ok({ type: 'setCatalogItem', masterSku: 'KIT', barcodes: [{ code: 'KIT-1', multiplier: 1 }], attributes: { brand: 'Acme', category: 'kit', attributes } });
    const taskId = h.order('990001', [['KIT', 1]]);
    const [line] = packTaskOf(h.state, h.state.tasks[taskId]!)!.lines;
    expect(line!.attributes?.map((attribute) => attribute.name)).toEqual(['brand', 'category', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
  });
});
