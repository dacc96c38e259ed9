import type { DockRefusal } from '../../protocol/dock-vocabulary.js';
import type { Locale } from '../pack/messages.js';

/*
 * What the dock screen says, in every locale the screen offers. `{name}` in a message is filled
 * from its params. The intercept's words are the issue's: "take this parcel out" / 取出此包裹.
 */

type Words = Readonly<Record<Locale, string>>;

const w = (zh: string, en: string): Words => ({ 'zh-CN': zh, en });

export const DOCK_MESSAGES = {
  'prompt.scan_badge': w('请扫描工牌', 'Scan your badge'),
  'prompt.scan_carrier': w('请扫描承运商卡或在屏幕上选择承运商', 'Scan a carrier card or choose a carrier on the screen'),
  'prompt.scan_parcels': w('扫描包裹运单 · 完成后扫描「交接完成」卡', 'Scan the parcels’ waybills · scan CLOSE when the driver is loaded'),
  'prompt.withdraw': w('取出包裹后扫描「取出」卡，再扫描该包裹', 'Take the parcel out, scan the WITHDRAW card, then the parcel'),
  'prompt.withdraw_armed': w('请扫描要取出的包裹 {waybill}', 'Now scan the parcel you took out: {waybill}'),
  'block.PARCEL_INTERCEPTED': w('拦截：请取出此包裹', 'Take this parcel out'),
  'block.WAYBILL_NOT_FOUND': w('未知运单：请取出此包裹', 'Unknown waybill: take this parcel out'),
  'block.PARCEL_NOT_PACKED': w('未完成验货打单：请取出此包裹', 'Not verified and labelled: take this parcel out'),
  'block.PARCEL_HANDED_OVER': w('已交接过：请取出此包裹', 'Handed over already: take this parcel out'),
  'block.CARRIER_MISMATCH': w('承运商不符：请取出此包裹', 'Wrong carrier: take this parcel out'),
  'notice.accepted': w('已加入 {waybill}（共 {count} 件）', 'Added {waybill} ({count} parcels)'),
  'notice.PARCEL_IN_BATCH': w('重复扫描：{waybill} 已在本批次', 'Scanned twice: {waybill} is in the batch already'),
  'notice.NO_BATCH': w('尚未开始交接：请先扫描承运商卡', 'No batch open: scan a carrier card first'),
  'notice.BATCH_FULL': w('本批次已满：请完成交接后另开一批', 'The batch is full: close it and open another'),
  'notice.opened': w('已开始交接 {batchId}（{carrier}）', 'Batch {batchId} opened for {carrier}'),
  'notice.closed': w('交接完成 {batchId}：{count} 件，交接单打印中', 'Batch {batchId} closed: {count} parcels; printing the sheet'),
  'notice.batch_open': w('批次 {batchId} 未完成：请先扫描「交接完成」', 'Batch {batchId} is open: close it first'),
  'notice.need_badge': w('请先扫描工牌', 'Scan your badge first'),
  'notice.signed_in': w('{operator} 已登录', '{operator} signed in'),
  'notice.blocked': w('请先处理拦截的包裹', 'Deal with the blocked parcel first'),
  'notice.hub_silent': w('与总部失联：恢复连接前不能完成交接', 'Hub not heard: no batch closes until it is'),
  'notice.nothing_to_withdraw': w('没有需要取出的包裹', 'No parcel to take out'),
  'notice.not_that_parcel': w('不是这个包裹：请扫描 {waybill}', 'Not that parcel: scan {waybill}'),
  'notice.withdrawn': w('已取出 {waybill}', '{waybill} taken out'),
  'notice.cleared': w('主管已放行 {waybill}', 'Supervisor cleared {waybill}'),
  'notice.unreadable': w('无法识别的条码', 'Unreadable barcode'),
  'notice.not_a_waybill': w('这不是运单', 'That is not a waybill'),
  'notice.withdraw_cancelled': w('已取消取出', 'Withdrawal cancelled'),
} as const;

export type DockMessageKey = keyof typeof DOCK_MESSAGES;

/** The refusals that block the dock until the parcel is taken out (the others only say so). */
export const BLOCKING_REFUSALS: ReadonlySet<DockRefusal> = new Set(['PARCEL_INTERCEPTED', 'WAYBILL_NOT_FOUND', 'PARCEL_NOT_PACKED', 'PARCEL_HANDED_OVER', 'CARRIER_MISMATCH']);

/** A message in every locale, its `{name}`s filled. */
export function dockText(key: DockMessageKey, params: Readonly<Record<string, string>> = {}): Words {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
  const words = DOCK_MESSAGES[key];
  return { 'zh-CN': fill(words['zh-CN']), en: fill(words.en) };
}
