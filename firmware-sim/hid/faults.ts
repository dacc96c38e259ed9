/** A fault injected into a report stream; `index` refers to the report list before any fault. */
export type ReportFault =
  | { readonly kind: 'drop'; readonly index: number }
  | { readonly kind: 'duplicate'; readonly index: number }
  /** Inserts `bytes` (default: five bytes no decoder accepts) before report `index`. */
  | { readonly kind: 'garbage'; readonly index: number; readonly bytes?: Uint8Array };

export const GARBAGE_REPORT: Uint8Array = Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0x00);

/** The report stream as a faulty link or firmware would deliver it. */
export function applyFaults(reports: readonly Uint8Array[], faults: readonly ReportFault[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let index = 0; index <= reports.length; index += 1) {
    for (const fault of faults) {
      if (fault.kind === 'garbage' && fault.index === index) out.push(fault.bytes ?? GARBAGE_REPORT);
    }
    const report = reports[index];
    if (report === undefined) break;
    if (faults.some((fault) => fault.kind === 'drop' && fault.index === index)) continue;
    out.push(report);
    if (faults.some((fault) => fault.kind === 'duplicate' && fault.index === index)) out.push(report.slice());
  }
  return out;
}
