import type { CommandContext } from '../../hub/domain/audit.js';
import type { WaybillPlatform, WaybillPrintData } from '../../protocol/waybill.js';
import type { CreateOrder, DomainCommand } from '../../hub/domain/schemas.js';

/** A command context at a fixed instant, as the API would build it for a manager token. */
export function managerContext(now = new Date('2026-11-22T08:00:00Z')): CommandContext {
  return { now, actor: { kind: 'token', id: 'tok-1', name: 'floor manager' }, origin: '127.0.0.1' };
}

/** A Taobao order of one dress, as a channel integration posts it. */
export function dressOrder(orderNo = 'TB1001', quantity = 1): CreateOrder {
  return {
    channel: 'taobao',
    orderNo,
    waybill: `SF${orderNo}`,
    label: { name: '张三', phone: '13800001234', address: '浙江省杭州市西湖区文三路 1 号' },
    lines: [{ channelSku: 'DRESS-2026-RED-M', quantity }],
  };
}

/**
 * One parcel's print data as a platform's waybill API returns it (a Cainiao standard waybill);
 * `secret` stands for the encrypted payload, so a test can look for it anywhere it must not be.
 */
export function printData(secret: string, platform: WaybillPlatform = 'cainiao'): WaybillPrintData {
  return {
    platform,
    documentId: 'DOC-1',
    contents: [
      { encryptedData: secret, signature: 'MEUCIQDsig', templateURL: 'https://cloudprint.cainiao.com/template/standard/101', ver: 'waybill_print_secret_version_1' },
      { data: { orderNo: 'TB1001' }, templateURL: 'https://cloudprint.cainiao.com/template/custom/7' },
    ],
  };
}

/**
 * A Taobao order of two dresses and one pair of baby shoes (the channel SKUs `seedShop` maps),
 * shipping on a Cainiao e-waybill `YT{orderNo}` with this print data.
 */
export function cainiaoOrder(orderNo: string, print: WaybillPrintData): DomainCommand {
  const waybill = `YT${orderNo}`;
  return {
    type: 'createOrder',
    channel: 'taobao',
    orderNo,
    waybill,
    label: { name: '王*', phone: '138****1234', address: '上海市浦东新区***' },
    lines: [
      { channelSku: 'DRESS-2026-RED-M', quantity: 2 },
      { channelSku: 'BABY-SH-001', quantity: 1 },
    ],
    parcels: [{ waybill, print }],
  };
}
