/**
 * swc strips the types and turns every module into CommonJS (no type checking: `npm run typecheck` does that).
 * @kubernetes-models/* and is-cidr ship ESM only: the resolver adds the `import` condition for them and swc
 * turns those files into CommonJS too, so the policies' dynamic `import()` works under jest.
 */
const esmOnlyPackages = ["@kubernetes-models", "is-cidr", "cidr-regex", "ip-regex", "ip-bigint"];

/** ES2022 as tsconfig.json targets; inline source maps, so a failure points into the TypeScript source. */
const swc = (syntax) => ["@swc/jest", { swcrc: false, sourceMaps: "inline", jsc: { parser: { syntax }, target: "es2022" } }];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  resolver: "<rootDir>/tests/support/jestResolver.js",
  // The repository's stacks are rendered once per run and shared (tests/support/renderedStacks.ts).
  globalSetup: "<rootDir>/tests/support/jestGlobalSetup.ts",
  globalTeardown: "<rootDir>/tests/support/jestGlobalTeardown.ts",
  transform: {
    "^.+\\.ts$": swc("typescript"),
    "^.+\\.js$": swc("ecmascript"),
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join("|")})/)`],
  testTimeout: 60000,
  // Jest keeps one core for itself by default; on 2-core CI the workers mostly wait on the mock engine, so use both.
  maxWorkers: 2,
};
