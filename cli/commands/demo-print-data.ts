import { createHash } from 'node:crypto';
import type { WaybillPrintData } from '../../protocol/waybill.js';
import type { WaybillPlatform } from '../../protocol/waybill-vocabulary.js';

/**
 * Fake e-waybill print data for the demo shift, shaped as each platform's waybill API returns it
 * (docs/printing.md): an encrypted-looking base64 `encryptedData`, a `signature`, the template's
 * address and version. Nothing here is real or decryptable: the bytes are SHA-256 of the
 * waybill, so a run's payloads differ per parcel and the same parcel always gets the same one.
 * Only the simulated print programs ever read them (and keep them as they came).
 */
export function demoPrintData(platform: WaybillPlatform, waybill: string): WaybillPrintData {
  const encryptedData = fakeBytes(`encrypted:${waybill}`, 288).toString('base64');
  const signature = fakeBytes(`signature:${waybill}`, 32).toString('base64');
  switch (platform) {
    case 'cainiao':
      return { platform, contents: [{ encryptedData, signature, templateURL: 'https://cloudprint.cainiao.com/template/standard/101/DEMO', ver: 'waybill_print_secret_version_1' }] };
    case 'pdd':
      // Pinduoduo spells it templateUrl, and names the shop's user id.
      return { platform, contents: [{ encryptedData, signature, templateUrl: 'https://file-link.pinduoduo.com/demo/template/std', userid: '1000001', ver: '3' }] };
    case 'douyin':
      return {
        platform,
        contents: [{ encryptedData, signature, templateURL: 'https://sf1-ttcdn-tos.pstatp.com/obj/logistics-davinci/demo-template.xml', params: 'method=logistics.getShopKey&v=2', ver: '1' }],
      };
    case 'kuaishou':
      return { platform, contents: [{ encryptedData, signature, templateURL: 'https://s2-11508.kwimgs.com/kos/demo/template.xml', key: 'demo-key', ver: '1' }] };
  }
}

/** `length` bytes derived from `seed` (SHA-256 in counter mode): random-looking, deterministic. */
function fakeBytes(seed: string, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i += 1) blocks.push(createHash('sha256').update(`packgate-demo:${i}:${seed}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}
