/** One benchmark: measures, then returns its figures (numbers, with units in the key names). */
export interface Benchmark {
  readonly name: string;
  run(): Promise<Record<string, number | string>>;
}
