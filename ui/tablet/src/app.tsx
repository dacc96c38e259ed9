import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { alarm, soundReady, unlockSound } from './alarm.js';
import { Api } from './api.js';
import { Page, usePage, type PageContext } from './context.js';
import { FeedClient, retryDelay, type FeedState, type Welcome } from './feed-client.js';
import type { LiveAlert } from './model/alerts.js';
import { PageModel } from './model/page-model.js';
import { defaultLanguage, fmt, STRINGS, type Lang } from './strings.js';
import { forgetToken, keepToken, tokenFromPage } from './token.js';
import { AlertsView } from './views/alerts-view.js';
import type { RecoveryView, TabletState } from './wire.js';
import { ChartsView } from './views/charts-view.js';
import { DockView } from './views/dock-view.js';
import { FunnelView } from './views/funnel-view.js';
import { FreezesView } from './views/freezes-view.js';
import { HubMappingVersion } from './views/hub-mapping-version.js';
import { MappingView } from './views/mapping-view.js';
import { EvidenceView } from './views/evidence-view.js';
import { OrderLookupView } from './views/order-view.js';
import { StationsView } from './views/stations-view.js';

const VIEWS = ['alerts', 'stations', 'orders', 'evidence', 'freezes', 'mapping', 'charts', 'funnel', 'dock'] as const;
type ViewName = (typeof VIEWS)[number];
const VIEW_OF: Record<ViewName, () => preact.JSX.Element> = {
  alerts: AlertsView,
  stations: StationsView,
  orders: OrderLookupView,
  evidence: EvidenceView,
  freezes: FreezesView,
  mapping: MappingView,
  charts: ChartsView,
  funnel: FunnelView,
  dock: DockView,
};
/** A critical alert this recent sounds when it arrives; older ones (a replay at page load) do not. */
const FRESH_MS = 120_000;
const LANG_KEY = 'packgate.lang';

/** The view a token starts on when the address names none: a dock token's is its own work. */
function landingView(role: string): ViewName {
  return role === 'dock' ? 'dock' : 'alerts';
}

function viewFromHash(): ViewName {
  // `#/orders?q=…` opens a view with what it should show.
  const name = location.hash.replace(/^#\/?/, '').replace(/\?.*$/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : 'alerts';
}

function savedLanguage(): Lang {
  const saved = localStorage.getItem(LANG_KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : defaultLanguage(navigator.language);
}

function sounds(alert: LiveAlert): boolean {
  return alert.severity === 'critical' && Date.now() - Date.parse(alert.at) < FRESH_MS;
}

/** The manager's page: header, connection state, the views, and the feed behind them. */
export function App() {
  const [token, setToken] = useState<string | null>(tokenFromPage);
  const [lang, setLang] = useState<Lang>(savedLanguage);
  const [view, setView] = useState<ViewName>(viewFromHash);
  const [connection, setConnection] = useState<FeedState>('connecting');
  const [who, setWho] = useState<Welcome | null>(null);
  const [recovery, setRecovery] = useState<RecoveryView | null>(null);
  const [version, setVersion] = useState(0);
  const [now, setNow] = useState(Date.now());
  // A new model when the hub's history turns out to be another one: the page starts over.
  const [model, setModel] = useState(() => new PageModel());
  const scheduled = useRef(false);
  const s = STRINGS[lang];

  const refresh = () => {
    if (scheduled.current) return;
    scheduled.current = true;
    const run = () => {
      scheduled.current = false;
      setVersion((n) => n + 1);
    };
    if (document.hidden) setTimeout(run, 250);
    else requestAnimationFrame(run);
  };

  useEffect(() => {
    if (!token) return;
    const api = new Api(token);
    let client: FeedClient | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const refused = () => {
      forgetToken();
      setToken(null);
      setConnection('unauthorized');
    };
    // The hub's state as of a sequence, then the feed from that sequence: bounded at any history length.
    const begin = async (attempt: number) => {
      const result = await api.get<TabletState>('/tablet/state');
      if (!live) return;
      if (!result.ok) {
        if (result.status === 401 || result.status === 403) return refused();
        setConnection('disconnected');
        timer = setTimeout(() => void begin(attempt + 1), retryDelay(attempt));
        return;
      }
      if (model.load(result.value, Date.now()).some(sounds)) alarm();
      refresh();
      let welcomes = 0;
      client = new FeedClient({
        url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
        token,
        since: model.lastSeq,
        accepts: (history) => !model.isStale(history),
        onStale: () => setModel(new PageModel()),
        onRecord: (record) => {
          if (model.apply(record).some(sounds)) alarm();
          refresh();
        },
        onRecovery: setRecovery,
        onState: (state, welcome) => {
          setConnection(state);
          if (welcome) {
            setWho(welcome);
            if (!location.hash) setView(landingView(welcome.role));
          }
          if (state === 'connected' && (welcomes += 1) > 1) {
            model.reconnected();
            refresh();
          }
          if (state === 'unauthorized') refused();
        },
      });
      client.start();
    };
    setConnection('connecting');
    void begin(0);
    return () => {
      live = false;
      clearTimeout(timer);
      client?.stop();
    };
  }, [token, model]);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 5000);
    const onHash = () => setView(viewFromHash());
    const onTap = () => {
      unlockSound();
      setTimeout(refresh, 100);
    };
    window.addEventListener('hashchange', onHash);
    document.addEventListener('pointerdown', onTap);
    return () => {
      clearInterval(tick);
      window.removeEventListener('hashchange', onHash);
      document.removeEventListener('pointerdown', onTap);
    };
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = s.title;
  }, [lang]);

  const api = useMemo(() => new Api(token ?? ''), [token]);
  const canAct = who?.actsAsManager === true;
  const context: PageContext = { s, lang, api, model, canAct, seesCustomers: who?.seesCustomers === true, now, version, refresh };
  const switchLanguage = () => {
    const next = lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem(LANG_KEY, next);
    setLang(next);
  };
  const Current = VIEW_OF[view];
  const open = model.alerts.openCount();
  // Without a token nothing connects: say so, rather than "Connecting…" beside the form.
  const shownConnection = token || connection === 'unauthorized' ? connection : 'noToken';

  return (
    <Page.Provider value={context}>
      <header class="top">
        <h1>{s.title}</h1>
        <span class={`pill connection ${shownConnection}`} role="status">
          {s.connection[shownConnection]}
        </span>
        {who ? (
          <span class="who">
            {fmt(s.signedInAs, { name: who.name })}
            {canAct ? '' : ` · ${s.viewOnly}`}
          </span>
        ) : null}
        <button type="button" class={`sound${soundReady() ? ' on' : ''}`} onClick={unlockSound}>
          {soundReady() ? s.alerts.soundOn : s.alerts.soundOff}
        </button>
        <button type="button" class="lang" onClick={switchLanguage}>
          {s.language}
        </button>
      </header>
      {connection === 'disconnected' ? (
        <div class="banner offline" role="alert">
          {s.offlineBanner}
        </div>
      ) : null}
      {recovery?.recovering && connection === 'connected' ? (
        <div class="banner recovering" role="alert">
          {fmt(s.recoveryBanner, {
            events: String(recovery.holes.reduce((sum, hole) => sum + hole.missingEvents, 0)),
            stations: recovery.holes.map((hole) => `${hole.station} (${hole.from}–${hole.to})`).join(', '),
          })}
        </div>
      ) : null}
      {token ? null : <TokenForm refused={connection === 'unauthorized'} onToken={(value) => (keepToken(value), setToken(value))} />}
      <nav class="tabs">
        {VIEWS.map((name) => (
          <a key={name} href={`#/${name}`} class={name === view ? 'tab active' : 'tab'} aria-current={name === view ? 'page' : undefined}>
            {s.nav[name]}
            {name === 'alerts' && open > 0 ? <span class="badge">{open}</span> : null}
          </a>
        ))}
      </nav>
      {token ? <HubMappingVersion /> : null}
      <main>{token ? <Current /> : null}</main>
    </Page.Provider>
  );
}

function TokenForm({ refused, onToken }: { refused: boolean; onToken: (token: string) => void }) {
  const { s } = usePage();
  const [value, setValue] = useState('');
  return (
    <form
      class="token-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (value.trim()) onToken(value.trim());
      }}
    >
      {refused ? <p class="error">{s.token.refused}</p> : null}
      <label for="token-input">{s.token.label}</label>
      <input id="token-input" type="password" autocomplete="off" placeholder={s.token.placeholder} value={value} onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} />
      <button type="submit" class="primary">
        {s.token.submit}
      </button>
      <div class="token-help">
        <p>{s.token.help}</p>
        <ul>
          <li data-role="manager">{s.token.roleManager}</li>
          <li data-role="viewer">{s.token.roleViewer}</li>
          <li data-role="dock">{s.token.roleDock}</li>
          <li data-role="integration">{s.token.roleIntegration}</li>
        </ul>
      </div>
    </form>
  );
}
