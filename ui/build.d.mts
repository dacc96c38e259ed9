/** dist/ui/tablet, where `npm run build` puts the tablet page. */
export declare const TABLET_OUT: string;
/** Bundles the tablet page into `outdir` (default TABLET_OUT); returns the files written. */
export declare function buildTablet(outdir?: string): Promise<Array<{ file: string; bytes: number }>>;
