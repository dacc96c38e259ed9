// Every string of the packer's screen that is not the pack session's own, in both languages, in
// one place. The session's messages (prompts, blocks, what to do) arrive already in both
// languages from the agent (station/pack/messages.ts).
export const STRINGS = {
  'zh-CN': {
    title: 'packgate 打包工位',
    station: '工位',
    packer: '打包员',
    nobody: '未登录',
    order: '订单',
    waybill: '运单号',
    shipTo: '收件人',
    sku: '商品',
    count: '已扫 / 应扫',
    total: '合计',
    printer: '打印机',
    printerOk: '正常',
    printerFault: '故障',
    hub: '总部',
    hubLive: '在线',
    hubSilent: '失联',
    hubSilentFor: '已失联 {s} 秒（{limit} 秒后禁止打印）',
    connecting: '正在连接本机工位服务…',
    disconnected: '与本机工位服务断开，正在重连…',
    labelPrinted: '面单已打印 ×{n}',
    blockedFor: '已锁定 {s} 秒',
    language: 'English',
  },
  en: {
    title: 'packgate packing station',
    station: 'Station',
    packer: 'Packer',
    nobody: 'nobody signed in',
    order: 'Order',
    waybill: 'Waybill',
    shipTo: 'Ship to',
    sku: 'Item',
    count: 'Scanned / expected',
    total: 'Total',
    printer: 'Printer',
    printerOk: 'ok',
    printerFault: 'fault',
    hub: 'Hub',
    hubLive: 'online',
    hubSilent: 'silent',
    hubSilentFor: 'silent for {s} s (labels stop after {limit} s)',
    connecting: 'Connecting to the station agent…',
    disconnected: 'Lost the station agent; reconnecting…',
    labelPrinted: 'Label printed ×{n}',
    blockedFor: 'blocked for {s} s',
    language: '中文',
  },
};

export const LOCALES = ['zh-CN', 'en'];

/** The string for `key` in `locale`, with `{name}` parameters filled in. */
export function t(locale, key, params = {}) {
  const text = STRINGS[locale]?.[key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
