/** Types of layers.js (the import-boundary table that eslint.config.js reads). */
export declare const LAYERS: readonly (readonly string[])[];
export declare const SIBLINGS: Readonly<Record<string, readonly string[]>>;
export declare function forbiddenFor(folder: string): string[];
export declare function layerZones(): { target: string; from: string; message: string }[];
