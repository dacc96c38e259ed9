import type { LiveAlert } from './model/alerts.js';
import { fmt, label, type Strings } from './strings.js';

/** The sentence under the title, for the alerts whose target says more than its facts. */
export function alertDetail(s: Strings, alert: LiveAlert): string | null {
  const channel = alert.channel ? label(s.channel, alert.channel) : '';
  if (alert.kind === 'mapping-unresolved-rate') {
    const examples = (alert.examples ?? []).join(', ');
    return alert.unresolved !== undefined && alert.orders !== undefined
      ? fmt(s.alerts.unresolvedRate, { channel, n: alert.unresolved, total: alert.orders, examples })
      : fmt(s.alerts.unresolvedExamples, { channel, examples });
  }
  // A mapping alert naming a channel and no channel SKU is about the channel's code template.
  if (alert.kind.startsWith('mapping-') && alert.channel && !alert.channelSku) return fmt(s.alerts.templateChange, { channel });
  if (alert.kind === 'station-fault' && alert.fault) {
    return fmt(s.alerts.deviceFault, { device: label(s.device, alert.device ?? ''), fault: faultText(s, alert.fault) });
  }
  if (alert.kind === 'weight-tolerance-loosened' && alert.before && alert.after) {
    return fmt(s.alerts.toleranceLoosened, { before: fmt(s.mapping.toleranceValue, alert.before), after: fmt(s.mapping.toleranceValue, alert.after) });
  }
  if (alert.kind === 'station-block' && alert.code && alert.code !== alert.sku) return fmt(s.alerts.scanned, { code: alert.code });
  return null;
}

/** A device's fault in the page's language: the words devices are known to report, translated in place. */
export function faultText(s: Strings, fault: string): string {
  let text = fault;
  for (const [words, shown] of Object.entries(s.fault)) text = text.split(words).join(shown);
  return text;
}

/** Why a closed alert is over, in words (`closed.reason` is a code, then `:` and who, for a supervisor). */
export function closedText(s: Strings, reason: string): string {
  const [code = '', who] = reason.split(':');
  const why = Object.hasOwn(s.closed, code) ? s.closed[code]! : code;
  return fmt(s.alerts.over, { why: who ? `${why} (${who})` : why });
}
