// The layers of src/, lowest first. A folder may import from the folders of the layers before its own, never
// from its own layer's other folders (except the few pairs in SIBLINGS) nor from a layer after it. The README's
// "Layout" section states the same order; eslint.config.js turns it into import-x/no-restricted-paths zones.

/** Folders of src/ by layer, lowest first. */
export const LAYERS = [
  ['core'],
  ['data'],
  ['models'],
  ['select', 'ensemble'],
  ['evaluate', 'reconcile'],
  ['pipeline', 'scaling'],
  ['charts', 'store'],
  ['queue', 'server', 'cli'],
  ['web'],
];

/** Same-layer imports that are allowed: the CLI starts the server and the queue worker; the server enqueues. */
export const SIBLINGS = {
  cli: ['server', 'queue'],
  server: ['queue'],
};

/**
 * The folders `folder` must not import from: every folder of its own layer (but itself and its SIBLINGS) and of
 * the layers after it. Throws for a folder not in LAYERS.
 */
export function forbiddenFor(folder) {
  const at = LAYERS.findIndex((layer) => layer.includes(folder));
  if (at < 0) throw new Error(`layers.js: no layer for src/${folder}`);
  const allowed = new Set([folder, ...(SIBLINGS[folder] ?? [])]);
  return LAYERS.slice(at)
    .flat()
    .filter((other) => !allowed.has(other));
}

/** import-x/no-restricted-paths zones, one per folder and forbidden folder, paths relative to the repo root. */
export function layerZones() {
  return LAYERS.flat().flatMap((folder) =>
    forbiddenFor(folder).map((other) => ({
      target: `./src/${folder}`,
      from: `./src/${other}`,
      message: `src/${folder} is in a lower layer than src/${other} (see layers.js and the README's Layout).`,
    })),
  );
}
