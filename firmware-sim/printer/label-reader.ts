/** What the simulated printer makes of one format: the text it would print and its job id comment. */
export interface LabelContent {
  /** Every ^FD field's data as it would print: ^FH hex escapes decoded, bytes read as UTF-8 (^CI28). */
  readonly fields: readonly string[];
  /** From a `^FXpackgate-job:ID` comment, when the format has one. */
  readonly jobId?: string;
  /** ^LL label length in dots, when the format sets it. */
  readonly lengthDots?: number;
}

function unhex(data: Buffer, indicator: number): Buffer {
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 1) {
    const byte = data[i]!;
    const hex = data.subarray(i + 1, i + 3).toString('latin1');
    if (byte === indicator && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(byte);
  }
  return Buffer.from(out);
}

/**
 * Reads a format (the bytes between ^XA and ^XZ). ZPL II ^FH: the indicator (default `_`, or the
 * character right after ^FH) introduces two hex digits in the next field's data only.
 */
export function readLabel(zpl: Buffer): LabelContent {
  const fields: string[] = [];
  let jobId: string | undefined;
  let lengthDots: number | undefined;
  let indicator: number | undefined;
  let start = zpl.indexOf(0x5e);
  while (start !== -1) {
    const end = zpl.indexOf(0x5e, start + 1);
    const command = zpl.subarray(start + 1, end === -1 ? zpl.length : end);
    const name = command.subarray(0, 2).toString('latin1').toUpperCase();
    const rest = command.subarray(2);
    if (name === 'FH') indicator = rest.length > 0 && rest[0]! > 0x20 ? rest[0]! : 0x5f;
    else if (name === 'FD') {
      fields.push((indicator === undefined ? rest : unhex(rest, indicator)).toString('utf8'));
      indicator = undefined;
    } else if (name === 'FX') {
      const match = /^packgate-job:(\S+)/.exec(rest.toString('latin1'));
      if (match) jobId = match[1];
    } else if (name === 'LL' && /^\d+$/.test(rest.toString('latin1').trim())) lengthDots = Number(rest.toString('latin1').trim());
    start = end;
  }
  return { fields, ...(jobId === undefined ? {} : { jobId }), ...(lengthDots === undefined ? {} : { lengthDots }) };
}
