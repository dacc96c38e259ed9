/** The printer state a `~HS` reply reports. */
export interface HostStatusFlags {
  readonly paperOut: boolean;
  readonly paused: boolean;
  readonly labelLengthDots: number;
  readonly formatsInBuffer: number;
  readonly bufferFull: boolean;
  readonly partialFormat: boolean;
  readonly headUp: boolean;
  readonly ribbonOut: boolean;
}

const bit = (value: boolean) => (value ? '1' : '0');
const digits = (value: number, width: number) => String(Math.min(value, 10 ** width - 1)).padStart(width, '0');

/**
 * A `~HS` reply as a Zebra printer sends it (ZPL II Programming Guide, ~HS): three strings, each
 * `<STX>…<ETX><CR><LF>`. String 1 `aaa,b,c,dddd,eee,f,g,h,iii,j,k,l`: 030 is 9600 baud, 8 data
 * bits, 1 stop bit, no parity, Xon/Xoff. String 2 `mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www`: direct
 * thermal (q = 0), tear-off (r = 2), no batch running. String 3 `xxxx,y`: password 1234.
 */
export function hostStatusReply(flags: HostStatusFlags): Buffer {
  const one = ['030', bit(flags.paperOut), bit(flags.paused), digits(flags.labelLengthDots, 4), digits(flags.formatsInBuffer, 3)];
  one.push(bit(flags.bufferFull), '0', bit(flags.partialFormat), '000', '0', '0', '0');
  const two = ['001', '0', bit(flags.headUp), bit(flags.ribbonOut), '0', '2', '6', '0', '00000000', '1', '000'];
  return Buffer.from(`\x02${one.join(',')}\x03\r\n\x02${two.join(',')}\x03\r\n\x021234,0\x03\r\n`, 'latin1');
}

/**
 * A `~HQOD` reply in the layout of the ZPL II Programming Guide's ~HQ example 7: the print
 * meters in inches (`"`), right-aligned.
 */
export function odometerReply(inches: number): Buffer {
  const line = (name: string) => `   ${`${name}:`.padEnd(28)}${String(inches).padStart(8)} "\r\n`;
  return Buffer.from(`\x02\r\n  PRINT METERS\r\n${line('TOTAL NONRESETTABLE')}${line('USER RESETTABLE CNTR1')}${line('USER RESETTABLE CNTR2')}\x03\r\n`, 'latin1');
}
