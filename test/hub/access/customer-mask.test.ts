import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../hub/access/roles.js';
import { maskAddress, maskCustomers, maskName, maskPhone, seesCustomers } from '../../../hub/access/customer-mask.js';

describe('customer masking', () => {
  it('masks a name, a phone and an address', () => {
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('J')).toBe('*');
    expect(maskPhone('13800001234')).toBe('*******1234');
    expect(maskPhone('+86 138-0000-1234')).toBe('+** ***-****-1234');
    expect(maskPhone('12')).toBe('12');
    expect(maskAddress('上海市浦东新区世纪大道 100 号')).toBe('上海市***');
  });

  it('masks every contact wherever it sits, copying only what changes', () => {
    const label = { name: '王芳', phone: '13800001234', address: '上海市浦东新区世纪大道 100 号' };
    const catalog = { items: [{ sku: 'DRESS-RED-M' }] };
    const record = {
      seq: 7,
      kind: 'domain',
      command: { type: 'createOrder', orderNo: 'TB1', label },
      audit: { raw: { orderNo: 'TB1', label: { ...label } } },
      catalog,
      events: [{ type: 'order.created', orderId: 'taobao:TB1' }],
    };
    const before = structuredClone(record);
    const masked = maskCustomers(record);
    const expected = { name: '王*', phone: '*******1234', address: '上海市***' };
    expect(masked.command.label).toEqual(expected);
    expect(masked.audit.raw.label).toEqual(expected);
    expect(record).toEqual(before);
    expect(masked.catalog).toBe(catalog);
    expect(masked.events).toBe(record.events);
    expect(maskCustomers(catalog)).toBe(catalog);
    expect(maskCustomers([{ address: 'x' }, 'y', null])).toEqual([{ address: 'x***' }, 'y', null]);
  });

  it('does not walk past a bounded depth: what lies deeper is replaced whole', () => {
    let deep: unknown = { phone: '13800001234' };
    for (let i = 0; i < 100; i += 1) deep = { next: deep };
    expect(JSON.stringify(maskCustomers(deep))).not.toContain('1380000');
  });

  it('masks for the viewer and dock roles, and shows customers to admin, manager and integration', () => {
    expect(ROLES.filter((role) => !seesCustomers(role))).toEqual(['dock', 'viewer']);
  });
});
