import type { HostStatus } from '../../../station/printer/host-status.js';
import type { LabelData } from '../../../station/printer/types.js';

/** A label for a Taobao order going to Shenzhen. */
export function sampleLabel(overrides: Partial<LabelData> = {}): LabelData {
  return {
    orderId: 'TB2026112200123',
    waybill: 'SF1234567890123',
    carrier: 'SF Express 顺丰速运',
    shipTo: { name: '张三', phone: '+86 138-1234-5678', address: '广东省深圳市南山区科技园南区高新南七道 18 号 2 栋 1201 室' },
    packer: 'P-017',
    verification: {
      station: 'ST-01',
      at: '2026-11-22T08:30:00.000Z',
      lines: [
        { sku: 'DRESS-2026-RED-M', quantity: 2 },
        { sku: 'BT-001', quantity: 1 },
      ],
    },
    ...overrides,
  };
}

/** What a ready printer with nothing to do answers to ~HS (a 1218-dot label, direct thermal). */
export const IDLE_STATUS: HostStatus = {
  paperOut: false,
  paused: false,
  labelLengthDots: 1218,
  formatsInBuffer: 0,
  bufferFull: false,
  partialFormat: false,
  corruptRam: false,
  underTemperature: false,
  overTemperature: false,
  headUp: false,
  ribbonOut: false,
  thermalTransfer: false,
  printMode: '2',
  labelWaiting: false,
  labelsRemaining: 0,
};
