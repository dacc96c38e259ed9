import type {
  PackActRefusal,
  PackAsideReason,
  PackBlockReason,
  PackGateReason,
  PackScanRefusal,
} from '../../protocol/pack-vocabulary.js';

/** The languages the packer's screen offers. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** What to do to clear a block. */
export type ActionKey =
  | 'action.remove_and_resolve'
  | 'action.unreadable'
  | 'action.tracking_missing'
  | 'action.supervisor_unit'
  | 'action.weight_mismatch'
  | 'action.order_hold'
  | 'action.hold_lifted'
  | 'action.withdraw_parcel'
  | 'action.withdraw_armed';

/** The next step in the normal flow. */
export type PromptKey =
  | 'prompt.scan_badge'
  | 'prompt.scan_order'
  | 'prompt.awaiting_order'
  | 'prompt.scan_items'
  | 'prompt.label_ready'
  | 'prompt.label_printing'
  | 'prompt.label_failed'
  | 'prompt.label_blocked'
  | 'prompt.next_order'
  | 'prompt.scan_waybill'
  | 'prompt.scan_items_parcel'
  | 'prompt.seal_blocked'
  | 'prompt.sealed'
  | 'prompt.aside_reason';

/** The put-aside menu: each reason as the packer reads it (on the screen and on its card). */
export type AsideReasonKey = `asideReason.${PackAsideReason}` | 'aside.menu_title' | 'aside.menu_back';

/** Short-lived messages about the last act. */
export type NoticeKey =
  | `refusal.${PackActRefusal}`
  | `scan.${PackScanRefusal}`
  | `gate.${PackGateReason}`
  | `seal.${PackGateReason}`
  | `aside.${PackAsideReason}`
  | 'block.unreadable'
  | 'notice.signed_in'
  | 'notice.signed_out'
  | 'notice.order_timeout'
  | 'notice.order_not_found'
  | 'notice.order_request_cancelled'
  | 'notice.order_cancelled'
  | 'notice.block_cleared'
  | 'notice.label_failed'
  | 'notice.parcel_opened'
  | 'notice.parcel_selected'
  | 'notice.disk_full'
  | 'notice.box'
  | 'notice.withdrawn'
  | 'notice.withdraw_cancelled';

/** Every key the screen may be given; its strings are in {@link MESSAGES}. */
export type MessageKey = `block.${PackBlockReason}` | ActionKey | PromptKey | NoticeKey | AsideReasonKey;

/**
 * The packer's screen strings, in every locale. `{name}` is a parameter from the display model
 * (`sku`, `code`, `detail`, `packer`, `ref`, `parcel`, `parcels`); every locale of a key uses the same parameters.
 * Block titles are short: they are read across the room.
 */
export const MESSAGES: Readonly<Record<MessageKey, Readonly<Record<Locale, string>>>> = {
  'block.wrong_item': { 'zh-CN': '商品错误：不属于此订单', en: 'Wrong item: not in this order' },
  'block.over_quantity': { 'zh-CN': '数量超出：{sku} 已够数', en: 'Too many: {sku} is already complete' },
  'block.unknown_barcode': { 'zh-CN': '未知条码：{code}', en: 'Unknown barcode: {code}' },
  'block.unreadable': { 'zh-CN': '条码无法识别（{code}）', en: 'Scan not readable ({code})' },
  'block.tracking_missing': { 'zh-CN': '缺少批号、序列号或有效期', en: 'Lot, serial or expiry missing' },
  'block.frozen_stock': { 'zh-CN': '库存已冻结：禁止发货', en: 'Frozen stock: do not ship' },
  'block.expired': { 'zh-CN': '商品已过期：{detail}', en: 'Expired: {detail}' },
  'block.duplicate_serial': { 'zh-CN': '序列号重复：{detail}', en: 'Serial already packed: {detail}' },
  'block.order_stopped': { 'zh-CN': '订单已被拦截', en: 'Order stopped' },
  'block.mapping_pending': { 'zh-CN': '{sku} 的映射待确认', en: 'Mapping of {sku} awaits confirmation' },
  'block.weight_mismatch': { 'zh-CN': '重量不符（应重 / 实重 / 差值）：{detail}', en: 'Weight mismatch (expected / actual / difference): {detail}' },

  'action.remove_and_resolve': { 'zh-CN': '取出该件商品，然后扫描“解除”卡', en: 'Take the unit out, then scan RESOLVE' },
  'action.unreadable': { 'zh-CN': '检查标签和扫描枪，然后扫描“解除”卡', en: 'Check the label and the scanner, then scan RESOLVE' },
  'action.tracking_missing': {
    'zh-CN': '取出该件商品并扫描“解除”卡，再扫描带批号/序列号的条码',
    en: 'Take the unit out and scan RESOLVE, then scan the barcode with the lot/serial',
  },
  'action.weight_mismatch': { 'zh-CN': '请核对包裹内商品后重新称重，或请主管扫描工牌放行', en: 'Check the parcel and weigh it again, or a supervisor scans their badge to release it' },
  'action.supervisor_unit': { 'zh-CN': '将该件商品放到一边，请主管扫描工牌', en: 'Put the unit aside; a supervisor must scan their badge' },
  'action.order_hold': {
    'zh-CN': '停止打包：取消订单，或等待总部解除后由主管确认',
    en: 'Stop packing: cancel the order, or wait for the hub to lift it and a supervisor',
  },
  'action.hold_lifted': { 'zh-CN': '总部已解除，请主管扫描工牌确认', en: 'Lifted at the hub; a supervisor must scan their badge' },
  'action.withdraw_parcel': {
    'zh-CN': '拦截：取出已打单的包裹，扫描“取出”卡再扫描其面单，然后扫描“取消”卡',
    en: 'Intercepted: take the labelled parcel out, scan WITHDRAW then its waybill, then CANCEL',
  },
  'action.withdraw_armed': { 'zh-CN': '请扫描取出的包裹的面单（扫描“取消”卡放弃）', en: 'Scan the waybill of the parcel you took out (CANCEL: give up)' },

  'prompt.scan_badge': { 'zh-CN': '请扫描工牌', en: 'Scan your badge' },
  'prompt.scan_order': { 'zh-CN': '请扫描订单、任务或周转箱', en: 'Scan an order, task or tote' },
  'prompt.awaiting_order': { 'zh-CN': '正在向总部获取 {ref}…', en: 'Asking the hub for {ref}…' },
  'prompt.scan_items': { 'zh-CN': '请扫描商品', en: 'Scan the items' },
  'prompt.label_ready': { 'zh-CN': '全部核验通过，可以打印面单', en: 'All items verified: the label can print' },
  'prompt.label_printing': { 'zh-CN': '正在打印面单…', en: 'Printing the label…' },
  'prompt.label_failed': { 'zh-CN': '面单打印失败，请扫描“重打”卡', en: 'The label failed: scan REPRINT' },
  'prompt.label_blocked': { 'zh-CN': '已核验，但禁止打印面单', en: 'Verified, but the label may not print' },
  'prompt.next_order': { 'zh-CN': '面单已打印，请扫描下一个订单', en: 'Label printed: scan the next order' },
  'prompt.scan_waybill': { 'zh-CN': '请扫描周转箱或包裹上的面单', en: 'Scan the waybill on the tote or parcel' },
  'prompt.scan_items_parcel': {
    'zh-CN': '第 {parcel}/{parcels} 包：请扫描商品，装满后扫描“下一包”卡',
    en: 'Parcel {parcel} of {parcels}: scan the items, then NEXT PARCEL when the box is full',
  },
  'prompt.seal_blocked': { 'zh-CN': '已核验，但禁止封箱', en: 'Verified, but the parcel may not be sealed' },
  'prompt.aside_reason': { 'zh-CN': '请扫描搁置原因卡，或点选原因', en: 'Scan a reason card, or tap the reason' },
  'prompt.sealed': { 'zh-CN': '已封箱，可以发出；请扫描下一张面单', en: 'Sealed: the parcel may go. Scan the next waybill' },

  'refusal.no_packer': { 'zh-CN': '请先扫描工牌', en: 'Scan your badge first' },
  'refusal.no_order': { 'zh-CN': '当前没有订单', en: 'No order is loaded' },
  'refusal.blocked': { 'zh-CN': '工位已锁定，请先解除', en: 'Blocked: clear the block first' },
  'refusal.order_in_progress': { 'zh-CN': '请先完成、取消或搁置当前订单', en: 'Finish, cancel or put aside the current order first' },
  'refusal.same_order': { 'zh-CN': '该订单已加载', en: 'This order is already loaded' },
  'refusal.nothing_to_clear': { 'zh-CN': '没有需要解除的锁定', en: 'Nothing to clear' },
  'refusal.needs_supervisor': { 'zh-CN': '需要主管扫描工牌', en: 'A supervisor must scan their badge' },
  'refusal.still_held': { 'zh-CN': '总部仍在拦截或冻结此订单', en: 'The hub still stops or freezes this order' },
  'refusal.clear_block_first': { 'zh-CN': '请先处理手中的商品', en: 'Deal with the unit in hand first' },
  'refusal.already_printed': { 'zh-CN': '面单已打印', en: 'The label is already printed' },
  'refusal.not_awaiting': { 'zh-CN': '没有等待中的订单请求', en: 'No order request is waiting' },
  'refusal.invalid_task': { 'zh-CN': '订单数据无效，请通知主管', en: 'The order data is invalid: tell a supervisor' },
  'refusal.not_signed_in': { 'zh-CN': '当前无人登录', en: 'Nobody is signed in' },
  'refusal.label_in_progress': { 'zh-CN': '面单正在打印', en: 'The label is already printing' },
  'refusal.no_label_requested': { 'zh-CN': '没有待打印的面单', en: 'No label was requested' },
  'refusal.parcel_empty': { 'zh-CN': '本包还没有商品，不能换下一包', en: 'This parcel is empty: scan items before the next parcel' },
  'refusal.no_more_parcels': { 'zh-CN': '此订单没有更多包裹', en: 'This order has no more parcels' },
  'refusal.same_parcel': { 'zh-CN': '正在打包的就是这一包', en: 'This parcel is already open' },
  'refusal.parcel_closed': { 'zh-CN': '这一包已经封好，不能再装', en: 'That parcel is already closed' },
  'refusal.already_sealed': { 'zh-CN': '已封箱', en: 'Already sealed' },
  'refusal.label_preprinted': { 'zh-CN': '面单已预先打印；如需重打请扫描“重打”卡', en: 'Labels are pre-printed here: scan REPRINT to replace one' },
  'refusal.waybill_not_found': { 'zh-CN': '未取出：本工位没有运单 {waybill} 的订单', en: 'Not taken out: no order at this station has waybill {waybill}' },
  'refusal.not_intercepted': { 'zh-CN': '未取出：{waybill} 的订单未被拦截或冻结，可以发货', en: 'Not taken out: the order of {waybill} is not stopped or frozen; it may ship' },
  'refusal.not_a_waybill': { 'zh-CN': '未取出：这不是运单', en: 'Not taken out: that is not a waybill' },

  'scan.no_packer': { 'zh-CN': '未计数：请先扫描工牌', en: 'Not counted: scan your badge first' },
  'scan.no_order': { 'zh-CN': '未计数：请先扫描订单', en: 'Not counted: scan an order first' },
  'scan.while_blocked': { 'zh-CN': '未计数：工位已锁定', en: 'Not counted: the station is blocked' },

  'gate.no_order': { 'zh-CN': '没有订单', en: 'No order' },
  'gate.no_packer': { 'zh-CN': '无人登录', en: 'Nobody is signed in' },
  'gate.not_verified': { 'zh-CN': '商品尚未全部核验', en: 'Not every unit is verified' },
  'gate.counts_mismatch': { 'zh-CN': '计数不一致，请取消后重新扫描', en: 'Counts do not add up: cancel and scan again' },
  'gate.blocked': { 'zh-CN': '工位已锁定', en: 'The station is blocked' },
  'gate.order_stopped': { 'zh-CN': '订单已被拦截', en: 'The order is stopped' },
  'gate.frozen_stock': { 'zh-CN': '订单含冻结库存', en: 'The order holds frozen stock' },
  'gate.no_stop_list': { 'zh-CN': '尚未收到总部拦截清单', en: 'No stop list from the hub yet' },
  'gate.no_freeze_list': { 'zh-CN': '尚未收到总部冻结清单', en: 'No freeze list from the hub yet' },
  'gate.hub_silent': { 'zh-CN': '与总部失联过久，恢复连接前禁止打印', en: 'Hub silent too long: no labels until it is back' },
  'gate.scale_not_ready': { 'zh-CN': '本仓要求称重：电子秤未连接或故障，禁止打印', en: 'Weighing required: the scale is not working, no labels' },
  'gate.awaiting_weight': { 'zh-CN': '请把包裹放上电子秤，等待读数稳定', en: 'Put the parcel on the scale and wait for a steady weight' },
  'gate.parcel_empty': { 'zh-CN': '有包裹是空的：请取消订单后重新装箱', en: 'A parcel is empty: cancel the order and pack again' },

  'seal.no_order': { 'zh-CN': '禁止封箱：没有订单', en: 'Do not seal: no order' },
  'seal.no_packer': { 'zh-CN': '禁止封箱：无人登录', en: 'Do not seal: nobody is signed in' },
  'seal.not_verified': { 'zh-CN': '禁止封箱：商品尚未全部核验', en: 'Do not seal: not every unit is verified' },
  'seal.counts_mismatch': { 'zh-CN': '禁止封箱：计数不一致', en: 'Do not seal: counts do not add up' },
  'seal.blocked': { 'zh-CN': '禁止封箱：工位已锁定', en: 'Do not seal: the station is blocked' },
  'seal.order_stopped': { 'zh-CN': '禁止封箱：订单已被拦截', en: 'Do not seal: the order is stopped' },
  'seal.frozen_stock': { 'zh-CN': '禁止封箱：订单含冻结库存', en: 'Do not seal: the order holds frozen stock' },
  'seal.no_stop_list': { 'zh-CN': '禁止封箱：尚未收到拦截清单', en: 'Do not seal: no stop list from the hub yet' },
  'seal.no_freeze_list': { 'zh-CN': '禁止封箱：尚未收到冻结清单', en: 'Do not seal: no freeze list from the hub yet' },
  'seal.hub_silent': { 'zh-CN': '禁止封箱：与总部失联过久', en: 'Do not seal: the hub has been silent too long' },
  'seal.scale_not_ready': { 'zh-CN': '禁止封箱：本仓要求称重，电子秤未连接或故障', en: 'Do not seal: weighing required and the scale is not working' },
  'seal.awaiting_weight': { 'zh-CN': '禁止封箱：请把包裹放上电子秤，等待读数稳定', en: 'Do not seal: put the parcel on the scale and wait for a steady weight' },
  'seal.parcel_empty': { 'zh-CN': '禁止封箱：有包裹是空的', en: 'Do not seal: a parcel is empty' },

  'aside.short_pick': { 'zh-CN': '已搁置：缺货少拣', en: 'Put aside: short pick' },
  'aside.damaged': { 'zh-CN': '已搁置：商品破损', en: 'Put aside: damaged goods' },
  'aside.wrong_pick': { 'zh-CN': '已搁置：拣错商品', en: 'Put aside: wrong goods picked' },
  'aside.label_problem': { 'zh-CN': '已搁置：面单问题', en: 'Put aside: label problem' },
  'aside.other': { 'zh-CN': '已搁置：其他原因', en: 'Put aside: other reason' },

  'aside.menu_title': { 'zh-CN': '为什么搁置这个订单？', en: 'Why is this order put aside?' },
  'aside.menu_back': { 'zh-CN': '返回，不搁置', en: 'Back: do not put aside' },
  // The tablet's words for the same reasons (ui/tablet/src/strings.ts asideReason).
  'asideReason.short_pick': { 'zh-CN': '缺货少拣', en: 'Short pick' },
  'asideReason.damaged': { 'zh-CN': '商品破损', en: 'Damaged goods' },
  'asideReason.wrong_pick': { 'zh-CN': '拣错商品', en: 'Wrong goods picked' },
  'asideReason.label_problem': { 'zh-CN': '面单问题', en: 'Label problem' },
  'asideReason.other': { 'zh-CN': '其他原因', en: 'Other reason' },

  'notice.signed_in': { 'zh-CN': '已登录：{packer}', en: 'Signed in: {packer}' },
  'notice.signed_out': { 'zh-CN': '已退出登录', en: 'Signed out' },
  'notice.order_timeout': {
    'zh-CN': '无法从总部获取 {ref}，请搁置并通知主管',
    en: 'Order {ref} cannot be had from the hub: put it aside and tell a supervisor',
  },
  'notice.order_not_found': { 'zh-CN': '总部没有 {ref} 的打包任务', en: 'The hub has no pack task for {ref}' },
  'notice.order_request_cancelled': { 'zh-CN': '已停止等待 {ref}', en: 'Stopped waiting for {ref}' },
  'notice.order_cancelled': { 'zh-CN': '订单已取消，请将商品退回', en: 'Order cancelled: return the items' },
  'notice.block_cleared': { 'zh-CN': '已解除，请继续', en: 'Cleared: carry on' },
  'notice.label_failed': { 'zh-CN': '面单打印失败（{detail}）', en: 'The label failed ({detail})' },
  'notice.parcel_opened': { 'zh-CN': '开始装第 {parcel}/{parcels} 包', en: 'Packing parcel {parcel} of {parcels}' },
  'notice.parcel_selected': { 'zh-CN': '已选中第 {parcel}/{parcels} 包（重打用）', en: 'Parcel {parcel} of {parcels} selected (for REPRINT)' },
  'notice.withdrawn': { 'zh-CN': '已取出 {waybill}（订单 {ref}）：不要发出', en: '{waybill} taken out (order {ref}): do not ship it' },
  'notice.withdraw_cancelled': { 'zh-CN': '已取消取出', en: 'Withdrawal cancelled' },
  'notice.box': { 'zh-CN': '箱型 {box}（{grams} g）已记入本包', en: 'Box {box} ({grams} g) taken for this parcel' },
  'notice.disk_full': { 'zh-CN': '本机磁盘已满（{code}）：扫描未记录，请联系主管清理空间后重扫', en: 'This PC\'s disk is full ({code}): the scan was NOT taken. Call a supervisor to free space, then scan again' },
};

/**
 * The string for a key in a locale, with `{name}` parameters filled in. A parameter the caller
 * did not give stays visible as `{name}`, so a gap shows instead of vanishing.
 */
export function message(key: MessageKey, locale: Locale, params: Readonly<Record<string, string>> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? (params[name] ?? whole) : whole));
}
