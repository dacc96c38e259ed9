// Every user-facing string of the tablet page, in both languages, in one place.
export const STRINGS = {
  'zh-CN': {
    title: 'packgate 打包台实时动态',
    connected: '已连接',
    connecting: '正在连接…',
    disconnected: '连接已断开，正在重连…',
    unauthorized: '令牌无效，请重新输入',
    tokenLabel: '管理员令牌',
    tokenPlaceholder: '粘贴 pg_ 开头的令牌',
    tokenSubmit: '连接',
    empty: '暂无动态。扫描一件商品后将显示在这里。',
    scan: '扫描',
    stationOnline: '工位上线',
    stationOffline: '工位离线',
    rejected: '拒收的数据',
    station: '工位',
    seq: '序号',
    language: 'English',
    records: '条记录',
  },
  en: {
    title: 'packgate live packing feed',
    connected: 'Connected',
    connecting: 'Connecting…',
    disconnected: 'Disconnected — reconnecting…',
    unauthorized: 'Token not accepted; enter it again',
    tokenLabel: 'Manager token',
    tokenPlaceholder: 'paste the token starting with pg_',
    tokenSubmit: 'Connect',
    empty: 'Nothing yet. Scans appear here as they happen.',
    scan: 'Scan',
    stationOnline: 'Station online',
    stationOffline: 'Station offline',
    rejected: 'Rejected payload',
    station: 'Station',
    seq: 'Seq',
    language: '中文',
    records: 'records',
  },
};

export function defaultLanguage(navigatorLanguage) {
  return String(navigatorLanguage || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
