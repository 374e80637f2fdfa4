import { execFile } from "child_process";
import { promisify } from "util";
import { projectDir } from "../support/project";

/**
 * `pulumi preview` starts a TypeScript program through @pulumi/pulumi's cmd/run: ts-node from the project,
 * type checking on, the project's tsconfig.json over the SDK's own compiler defaults. This starts index.ts the
 * same way (under the mock engine instead of the CLI's), so a type error or a module the runtime cannot load
 * fails here as it would for a user.
 */
const startLikePulumi = `
const tsutils = require("@pulumi/pulumi/tsutils");
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
require(tsnodeRequire).register({
  compiler: typescriptRequire,
  transpileOnly: false,
  project: "tsconfig.json",
  compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true", ...tsutils.loadTypeScriptCompilerOptions("tsconfig.json") },
});
const { runProgram } = require("./scripts/offline/mockEngine");
const { loadStackConfig } = require("./scripts/offline/stackConfig");
const { withMissingSecrets } = require("./scripts/offline/secretConfig");
runProgram(withMissingSecrets(loadStackConfig(".", process.argv[1])).stackConfig, require("./index")).then(
  (run) => console.log(JSON.stringify({ resources: run.registrations.length, outputs: run.outputs })),
  (error) => { console.error(String(error)); process.exit(1); },
);
`;

test("index.ts starts with type checking, as the Pulumi CLI starts it, and registers the prod stack", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", startLikePulumi, "prod"], { cwd: projectDir, timeout: 90_000 });
  const result = JSON.parse(stdout) as { resources: number; outputs: Record<string, unknown> };
  expect(result.resources).toBeGreaterThan(10);
  expect(result.outputs).toMatchObject({ ingressGatewayNamespace: "istio-ingress", istiodRevision: "1-30-3" });
}, 90_000);
