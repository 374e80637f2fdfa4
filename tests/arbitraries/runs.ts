/** Run counts for every fast-check property, kept in one place. fast-check prints the seed of a failure. */
export const propertyRuns = { numRuns: 100 } as const;

/**
 * For the properties of one test file that judge the same generated values: the same run count, and one seed
 * for all of them, drawn per file and per run as fast-check draws its own. Each property still runs 100 times on
 * fresh values every run; the work done on a value (a render, a schema check) is done once for the file, through
 * `sharedByValue`. A failure prints the seed as usual.
 */
export const sameValuesRuns = { ...propertyRuns, seed: Date.now() ^ (Math.random() * 0x100000000) } as const;

/** The settings fuzzers drive the pure settings function with this many generated configs in all. */
export const settingsFuzzRuns = 1000;
