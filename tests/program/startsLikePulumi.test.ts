import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { projectDir } from "../support/project";

/**
 * `pulumi preview` starts a TypeScript program through @pulumi/pulumi's cmd/run: ts-node from the project, the
 * project's tsconfig.json over the SDK's own compiler defaults. This starts index.ts the same way (under the mock
 * engine instead of the CLI's), so a module the runtime cannot load fails here as it would for a user. It starts
 * it as the CLI does with PULUMI_NODEJS_TRANSPILE_ONLY=true: the type check the CLI adds by default is
 * `npm run typecheck`'s, with the same compiler options, which the second test holds.
 */
const startLikePulumi = `
const tsutils = require("@pulumi/pulumi/tsutils");
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const projectOptions = tsutils.loadTypeScriptCompilerOptions("tsconfig.json");
const compilerOptions = { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true", ...projectOptions };
require(tsnodeRequire).register({ compiler: typescriptRequire, transpileOnly: true, project: "tsconfig.json", compilerOptions });
const { runProgram } = require("./scripts/offline/mockEngine");
const { loadStackConfig } = require("./scripts/offline/stackConfig");
const { withMissingSecrets } = require("./scripts/offline/secretConfig");
runProgram(withMissingSecrets(loadStackConfig(".", process.argv[1])).stackConfig, require("./index")).then(
  (run) => console.log(JSON.stringify({ resources: run.registrations.length, outputs: run.outputs, compilerOptions, projectOptions, loaded: Object.keys(require.cache).filter((file) => file.endsWith(".ts")) })),
  (error) => { console.error(String(error)); process.exit(1); },
);
`;

interface Started {
  readonly resources: number;
  readonly outputs: Record<string, unknown>;
  readonly compilerOptions: Record<string, unknown>;
  readonly projectOptions: Record<string, unknown>;
  /** Every TypeScript module the start loaded (absolute paths). */
  readonly loaded: string[];
}

let started: Promise<Started>;
beforeAll(() => {
  started = promisify(execFile)(process.execPath, ["-e", startLikePulumi, "prod"], { cwd: projectDir, timeout: 90_000 }).then(({ stdout }) => JSON.parse(stdout) as Started);
});

test("index.ts starts as the Pulumi CLI starts it, and registers the prod stack", async () => {
  const { resources, outputs } = await started;
  expect(resources).toBeGreaterThan(10);
  expect(outputs).toMatchObject({ ingressGatewayNamespace: "istio-ingress", istiodRevision: "1-30-3" });
}, 90_000);

test("the CLI's type check is npm run typecheck's: the same compiler options, over index.ts and everything it loads", async () => {
  const { compilerOptions, projectOptions, loaded } = await started;
  expect(compilerOptions).toEqual(projectOptions);
  const packageJson = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")) as { scripts: Record<string, string> };
  expect(packageJson.scripts.typecheck).toMatch(/^tsc --noEmit -p tsconfig\.json( |$)/);
  const include = (JSON.parse(fs.readFileSync(path.join(projectDir, "tsconfig.json"), "utf8")) as { include: string[] }).include;
  const included = (file: string) => include.some((pattern) => (pattern.endsWith("/**/*.ts") ? file.startsWith(pattern.slice(0, -"**/*.ts".length)) : file === pattern));
  const loadedFiles = loaded.map((file) => path.relative(projectDir, file));
  expect(loadedFiles).toContain("index.ts");
  expect(loadedFiles.filter((file) => !included(file))).toEqual([]);
}, 90_000);
