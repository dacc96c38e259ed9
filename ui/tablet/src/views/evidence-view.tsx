import { useEffect, useState } from 'preact/hooks';
import { segment } from '../api.js';
import { usePage } from '../context.js';
import { dateTime, grams } from '../format.js';
import { fmt, label, type Lang, type Strings } from '../strings.js';
import { useApi } from '../use-api.js';

/** The hub's `GET /api/v1/evidence?waybill=` answer, as far as this view reads it. */
interface EvidenceAnswer {
  readonly waybill: string;
  readonly orderId: string | null;
  readonly orderNo: string | null;
  readonly scans: ReadonlyArray<{ seq: number; at: string; station: string; packer: string | null; verdict: string; sku: string | null; units: number }>;
  readonly releases: ReadonlyArray<{ seq: number; at: string; station: string; type: 'label_printed' | 'sealed'; waybill: string }>;
  readonly weight: Weighing | null;
  readonly clips: ReadonlyArray<{ seq: number; station: string; record: ClipRecord }>;
  readonly dispute: { since: string; by: string; note: string | null } | null;
}

/** The parcel's weighing: `expectedGrams` absent where it was not checked, `allowedGrams` (the weight margin) from stations that send it. */
interface Weighing {
  readonly grams: number;
  readonly expectedGrams?: number;
  readonly allowedGrams?: number;
  readonly check?: string;
}

/** "1,234 g (expected 1,250 g ± 37.5 g) · within the margin": the weight, what it should weigh, the margin it was held to, how the check ended. */
function weightLine(s: Strings, lang: Lang, weight: Weighing): string {
  const shown = (value: number) => grams(lang, value);
  const figures =
    weight.expectedGrams === undefined
      ? shown(weight.grams)
      : weight.allowedGrams === undefined
        ? fmt(s.evidence.weighed, { grams: shown(weight.grams), expected: shown(weight.expectedGrams) })
        : fmt(s.evidence.weighedMargin, { grams: shown(weight.grams), expected: shown(weight.expectedGrams), margin: shown(weight.allowedGrams) });
  return weight.check === undefined ? figures : `${figures} · ${label(s.evidence.weightCheck, weight.check)}`;
}

interface ClipRecord {
  readonly clipId: string;
  readonly packer: string | null;
  readonly status: string;
  readonly detail: string | null;
  readonly from: string;
  readonly to: string;
  readonly video: { sha256: string } | null;
  readonly photo: { sha256: string } | null;
}

/**
 * Evidence by waybill: scans and verdicts, label proof, weight, the photo and the clip playing in
 * the page. The clip, photo and export show the shipping label, so only a token that sees
 * customers is offered them; others read the record and are told why there is nothing to play.
 */
export function EvidenceView() {
  const { s } = usePage();
  const [query, setQuery] = useState('');
  const [waybill, setWaybill] = useState<string | null>(null);
  return (
    <section class="view" data-view="evidence">
      <form
        class="lookup"
        onSubmit={(event) => {
          event.preventDefault();
          if (query.trim()) setWaybill(query.trim());
        }}
      >
        <input type="search" name="waybill" value={query} placeholder={s.evidence.placeholder} aria-label={s.evidence.placeholder} onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)} />
        <button type="submit" class="primary">
          {s.evidence.find}
        </button>
      </form>
      {waybill ? <EvidenceDetail key={waybill} waybill={waybill} /> : <p class="empty">{s.evidence.hint}</p>}
    </section>
  );
}

function EvidenceDetail({ waybill }: { waybill: string }) {
  const { s, lang, api, model, canAct, seesCustomers } = usePage();
  const [changes, setChanges] = useState(0);
  const evidence = useApi<EvidenceAnswer>(`/evidence?waybill=${encodeURIComponent(waybill)}`, model.revisions.stations + changes);
  const [actionError, setActionError] = useState<string | null>(null);
  if (!evidence.data) {
    if (evidence.error === 'ORDER_NOT_FOUND') return <p class="error">{s.evidence.notFound}</p>;
    return evidence.error ? <p class="error">{fmt(s.loadFailed, { code: evidence.error })}</p> : null;
  }
  const e = evidence.data;
  const clip = [...e.clips].reverse().find((c) => c.record.video !== null) ?? e.clips.at(-1);
  const dispute = async (open: boolean) => {
    const note = open ? (window.prompt(s.evidence.notePrompt) ?? undefined) : undefined;
    const result = await api.post(`/evidence/${segment(waybill)}/dispute${open ? '' : '/close'}`, note ? { note } : {});
    setActionError(result.ok ? null : result.code);
    setChanges((n) => n + 1);
  };
  return (
    <article class="evidence-detail" data-waybill={e.waybill}>
      <h2>
        {e.waybill}
        {e.orderNo ? <span class="muted"> · {e.orderNo}</span> : null}
      </h2>
      {e.dispute ? <p class="banner disputed">{fmt(s.evidence.disputed, { time: dateTime(lang, e.dispute.since), by: e.dispute.by })}</p> : null}
      <div class="evidence-actions">
        {seesCustomers ? (
          <button type="button" class="primary export" onClick={() => void download(api, waybill)}>
            {s.evidence.export}
          </button>
        ) : null}
        {canAct ? (
          <button type="button" class="dispute" onClick={() => void dispute(e.dispute === null)}>
            {e.dispute ? s.evidence.closeDispute : s.evidence.dispute}
          </button>
        ) : null}
      </div>
      {actionError ? <p class="error">{fmt(s.loadFailed, { code: actionError })}</p> : null}
      {seesCustomers ? null : <p class="media-withheld">{s.evidence.mediaWithheld}</p>}
      <div class="evidence-media">
        <figure class="clip">
          <figcaption>{s.evidence.clip}</figcaption>
          {!clip?.record.video ? <p class="empty">{s.evidence.noClip}</p> : seesCustomers ? <MediaFile path={`/evidence/${segment(waybill)}/clip?clip=${encodeURIComponent(clip.record.clipId)}`} kind="video" /> : null}
          {clip ? (
            <p class="clip-facts">
              {fmt(s.evidence.clipFacts, {
                station: clip.station,
                packer: clip.record.packer ?? '–',
                from: dateTime(lang, clip.record.from),
                to: dateTime(lang, clip.record.to),
                status: label(s.evidence.status, clip.record.status),
              })}
              {clip.record.detail ? ` · ${clip.record.detail}` : ''}
            </p>
          ) : null}
          {clip?.record.video ? <p class="hash">{s.evidence.hash} {clip.record.video.sha256}</p> : null}
        </figure>
        {clip?.record.photo && seesCustomers ? (
          <figure class="photo">
            <figcaption>{s.evidence.photo}</figcaption>
            <MediaFile path={`/evidence/${segment(waybill)}/photo?clip=${encodeURIComponent(clip.record.clipId)}`} kind="photo" />
          </figure>
        ) : null}
      </div>
      <dl class="order-facts">
        <dt>{s.evidence.release}</dt>
        <dd>
          {e.releases.length === 0
            ? '–'
            : e.releases.map((r) => (
                <div key={r.seq} class="release">
                  {fmt(r.type === 'sealed' ? s.evidence.sealed : s.evidence.printed, { time: dateTime(lang, r.at), station: r.station })} · {r.waybill}
                </div>
              ))}
        </dd>
        <dt>{s.evidence.weight}</dt>
        <dd class="weight">{e.weight ? weightLine(s, lang, e.weight) : s.evidence.noWeight}</dd>
      </dl>
      <h3>{s.evidence.scans}</h3>
      {e.scans.length === 0 ? (
        <p class="empty">{s.evidence.noScans}</p>
      ) : (
        <ol class="scans">
          {e.scans.map((scan) => (
            <li key={scan.seq} class={`scan verdict-${scan.verdict}`}>
              <time>{dateTime(lang, scan.at)}</time> {label(s.verdict, scan.verdict)} · {scan.sku ?? '–'} · {scan.station}
              {scan.packer ? ` · ${scan.packer}` : ''}
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}

/**
 * A clip or photo fetched with the page's token (a video element cannot send one) and shown from
 * a blob URL, which the element seeks in freely; the hub's error code is said in words.
 */
function MediaFile({ path, kind }: { path: string; kind: 'video' | 'photo' }) {
  const { s, api } = usePage();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    setUrl(null);
    setError(null);
    void api.blob(path).then((result) => {
      if (!live) return;
      if (!result.ok) return setError(result.code);
      made = URL.createObjectURL(result.value);
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [path]);
  if (error) return <p class="error file-error" data-code={error}>{s.evidence.fileError[error] ?? fmt(s.evidence.fileFailed, { code: error })}</p>;
  if (!url) return <p class="loading">{s.evidence.loading}</p>;
  return kind === 'video' ? <video src={url} controls playsInline preload="auto" /> : <img src={url} alt={s.evidence.photo} />;
}

async function download(api: ReturnType<typeof usePage>['api'], waybill: string): Promise<void> {
  const result = await api.blob(`/evidence/${segment(waybill)}/export`);
  if (!result.ok) return;
  const url = URL.createObjectURL(result.value);
  const link = document.createElement('a');
  link.href = url;
  link.download = `evidence-${waybill.replace(/[^A-Za-z0-9_.-]/g, '_')}.zip`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
