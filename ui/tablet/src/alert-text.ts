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
  return null;
}
