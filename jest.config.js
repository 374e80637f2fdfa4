/**
 * ts-jest compiles TypeScript to CommonJS (isolated modules, no type checking: `npm run typecheck` does that).
 * @kubernetes-models/* and is-cidr ship ESM only: the resolver adds the `import` condition for them and
 * babel-jest turns those files into CommonJS, so the policies' dynamic `import()` works under jest too.
 */
const esmOnlyPackages = ["@kubernetes-models", "is-cidr", "cidr-regex", "ip-regex", "ip-bigint"];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  resolver: "<rootDir>/tests/support/esmResolver.js",
  transform: {
    "^.+\\.ts$": [
      "ts-jest",
      { tsconfig: { module: "commonjs", moduleResolution: "node10", isolatedModules: true, esModuleInterop: true, target: "ES2022" } },
    ],
    "^.+\\.js$": [
      "babel-jest",
      { babelrc: false, configFile: false, plugins: ["@babel/plugin-transform-modules-commonjs"] },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join("|")})/)`],
  testTimeout: 60000,
  // Jest keeps one core for itself by default; on 2-core CI the workers mostly wait on the mock engine, so use both.
  maxWorkers: 2,
};
