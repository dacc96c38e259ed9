import { PackgateError } from '../../common/errors.js';
import { decodeScan, type DecodeResult, type DecodedScan, type ElementString } from '../../station/barcode/index.js';
import { stringOption, type CommandSpec } from '../command.js';

/** `\x1D` (any case) and `<GS>` on the command line stand for the GS byte (FNC1). */
const GS_ESCAPE = /\\x1d|<GS>/gi;

/** Replaces the command-line GS escapes with the GS character. */
export function unescapeGs(data: string): string {
  return data.replace(GS_ESCAPE, '\u001d');
}

function visible(text: string): string {
  return text.replaceAll('\u001d', '<GS>');
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(24)} ${value}`;
}

function elementRow(element: ElementString): string {
  const label = `(${element.ai}) ${element.title}`;
  switch (element.format) {
    case 'date':
      return row(label, `${element.raw}  ${element.date}${element.dayOmitted ? ' (day not given: last of month)' : ''}`);
    case 'datetime':
      return row(label, `${element.raw}  ${element.dateTime}`);
    case 'measure':
      return row(label, `${element.raw}  ${element.value} ${element.unit}`);
    default:
      return row(label, element.raw);
  }
}

function details(scan: DecodedScan): string[] {
  switch (scan.kind) {
    case 'gtin':
      return [
        row('GTIN-14', scan.gtin14),
        ...(scan.upcA ? [row('UPC-A', scan.upcA)] : []),
        ...(scan.addOn ? [row('add-on', scan.addOn)] : []),
      ];
    case 'gs1':
      return [
        ...(scan.gtin14 ? [row('GTIN-14', scan.gtin14)] : []),
        ...(scan.contentGtin14 ? [row('content GTIN-14', scan.contentGtin14)] : []),
        ...scan.elements.map(elementRow),
      ];
    case 'control':
      return [row('command', scan.control.command), ...('badge' in scan.control ? [row('badge', scan.control.badge)] : []), ...('carrier' in scan.control ? [row('carrier', scan.control.carrier)] : [])];
    case 'order':
      return [row(scan.order.type, scan.order.id)];
    case 'text':
      return [row('text', visible(scan.data))];
  }
}

/** The human-readable rendering `packgate decode` prints. */
export function describeResult(result: DecodeResult): string {
  if (!result.ok) return `rejected: ${result.code}\n  ${result.message}`;
  const { scan } = result;
  const what = scan.kind === 'gtin' ? `gtin (${scan.format})` : scan.kind === 'gs1' ? `gs1 (${scan.form})` : scan.kind;
  const symbology = scan.symbology.aim ? `${scan.symbology.name} ${scan.symbology.aim}` : 'no AIM identifier';
  return [`decoded: ${what}, ${symbology}`, ...details(scan)].join('\n');
}

function parseToday(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const today = new Date(`${raw}T00:00:00Z`);
  if (Number.isNaN(today.getTime()) || today.toISOString().slice(0, 10) !== raw) {
    throw new PackgateError('USAGE', `--today must be a date YYYY-MM-DD, not "${raw}"`);
  }
  return today;
}

export const decodeCommand: CommandSpec = {
  usage: `Usage: packgate decode [--json] [--today YYYY-MM-DD] DATA

Decodes DATA exactly as a packing station decodes a scan: AIM symbology identifier,
GS1 element strings (raw, bracketed "(01)…(10)…", Digital Link URL), GTINs with their
check digits, station cards ($PG:…). Exit status 0 when it decodes, 1 when it is
rejected (the reason code is printed), 2 for a usage error.

Write the GS separator (FNC1) as \\x1D or <GS>; put DATA in single quotes, e.g.
  packgate decode ']C10109506000134352<GS>10ABC'
  packgate decode '(01)09506000134352(17)271231(10)ABC'
  packgate decode 'https://id.gs1.org/01/09506000134352/10/ABC?17=271231'
  packgate decode '$PG:BADGE:P-0042'

Options:
  --json             print the result as JSON ({ok, scan} or {ok, code, message})
  --today DATE       "today" for the GS1 century rule on YYMMDD dates (default: the clock)
  -h, --help         show this help

See docs/barcodes.md for every form and reason code.`,
  options: {
    json: { type: 'boolean' },
    today: { type: 'string' },
  },
  allowPositionals: true,
  async run(context) {
    if (context.positionals.length !== 1) {
      throw new PackgateError('USAGE', `decode takes exactly one DATA argument\n\n${decodeCommand.usage}`);
    }
    const [data = ''] = context.positionals;
    const today = parseToday(stringOption(context, 'today'));
    const result = decodeScan(unescapeGs(data), today ? { today } : {});
    console.log(context.values.json ? JSON.stringify(result, null, 2) : describeResult(result));
    return result.ok ? 0 : 1;
  },
};
