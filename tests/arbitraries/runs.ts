/** Run counts for every fast-check property, kept in one place. fast-check prints the seed of a failure. */
export const propertyRuns = { numRuns: 100 } as const;

/** The settings fuzzers drive the pure settings function with this many generated configs in all. */
export const settingsFuzzRuns = 1000;
