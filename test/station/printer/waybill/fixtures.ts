import { randomBytes } from 'node:crypto';
import type { WaybillPrintData } from '../../../../protocol/waybill.js';
import type { WaybillPlatform } from '../../../../protocol/waybill-vocabulary.js';

/**
 * One parcel's print data as each platform's waybill API returns it, with an encrypted part that
 * is different every time (so a test can find exactly this payload in the simulator) and a plain
 * custom area.
 */
export function samplePrintData(platform: WaybillPlatform): WaybillPrintData {
  const encryptedData = `AES:${randomBytes(48).toString('base64')}`;
  const signature = `MD5:${randomBytes(12).toString('base64')}`;
  const custom = { data: { note: '易碎 fragile' }, templateURL: 'https://cloudprint.example/template/custom/1' };
  switch (platform) {
    case 'pdd':
      return { platform, contents: [{ encryptedData, signature, templateUrl: 'https://file-link.pinduoduo.com/t/1', userid: '9527', ver: '3' }, custom] };
    case 'douyin':
      return { platform, contents: [{ encryptedData, signature, templateURL: 'https://sf1-ttcdn-tos.pstatp.com/t/1', params: 'app_key=1&method=logistics.getShopKey' }, custom] };
    case 'kuaishou':
      return { platform, contents: [{ encryptedData, signature, templateURL: 'https://s2-11508.kwimgs.com/t/1', key: 'k1', ver: '1' }, custom] };
    case 'cainiao':
      return { platform, contents: [{ encryptedData, signature, templateURL: 'https://cloudprint.cainiao.com/template/standard/101/1', ver: 'waybill_print_secret_version_1' }, custom] };
  }
}

/** The encrypted part of a sample's contents. */
export function secretOf(print: WaybillPrintData): string {
  return String(print.contents[0]!.encryptedData);
}
