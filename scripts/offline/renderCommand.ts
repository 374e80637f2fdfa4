import * as fs from "fs";
import * as path from "path";
import { SettingsError } from "../../settings";
import { applyConfigPatch, ConfigPatchError } from "./configPatch";
import { helmFiles } from "./helmFiles";
import { manifestFiles, type RenderedFile } from "./manifestFiles";
import { type ProgramRun, runProgram } from "./mockEngine";
import { formatViolations, loadPolicyGate, PolicyConfigError, type PolicyViolation } from "./policyGate";
import { countByType, formatOutputs, formatPreview } from "./previewTree";
import { helpText, parseRenderArgs, type RenderArgs, UsageError } from "./renderArgs";
import { formatSecretNotices, secretNotices, withMissingSecrets } from "./secretConfig";
import { loadStackConfig, UnknownStackError } from "./stackConfig";

/** Where the render prints; process.stdout and process.stderr, or buffers in tests. */
export interface RenderIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export interface RenderOptions {
  /** Directory with Pulumi.yaml and the Pulumi.<stack>.yaml files. @defaultValue the repository root */
  readonly projectDir?: string;
}

const exitCodes = { ok: 0, mandatoryViolation: 1, configError: 2, internalError: 3 } as const;

/** index.ts here, or its compiled copy when this module runs from `bin/scripts/offline/`. */
const programModule = path.resolve(__dirname, "../../index");

/** The nearest directory with a Pulumi.yaml above this module: the repository root, from the sources or from `bin/`. */
function findProjectDir(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
  }
  throw new Error(`no Pulumi.yaml above ${__dirname}`);
}

/** What `--json` prints and `--out` saves as resources.json. */
export interface RenderDocument {
  readonly stack: string;
  readonly resources: readonly {
    type: string;
    name: string;
    urn: string;
    parent?: string;
    inputs: Record<string, unknown>;
    dependsOn: readonly string[];
    protect: boolean;
  }[];
  readonly counts: Record<string, number>;
  readonly violations: readonly PolicyViolation[];
  /** Secret config the stack needs and does not set, one line each with the command that sets it. */
  readonly notices: readonly string[];
  /** The stack's outputs as a first preview knows them: `[unknown]` where only the cluster can tell, `[secret]` for secrets. */
  readonly outputs: Record<string, unknown>;
}

function renderDocument(stack: string, run: ProgramRun, violations: readonly PolicyViolation[], notices: readonly string[]): RenderDocument {
  const { registrations, outputs } = run;
  return {
    stack,
    resources: registrations.map(({ type, name, urn, parent, inputs, dependsOn, protect }) => ({ type, name, urn, parent, inputs, dependsOn, protect })),
    counts: countByType(registrations),
    violations,
    notices,
    outputs,
  };
}

function writeFiles(outDir: string, files: readonly RenderedFile[]): void {
  for (const file of files) {
    const target = path.join(outDir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
}

/** Everything that can fail on bad input (stack config, policy config, the program's settings) happens before any write. */
async function render(args: RenderArgs, io: RenderIo, projectDir: string): Promise<number> {
  const stackFileConfig = loadStackConfig(projectDir, args.stack);
  const { stackConfig, missingSecrets } = withMissingSecrets(args.configPatch === undefined ? stackFileConfig : applyConfigPatch(stackFileConfig, args.configPatch));
  const gate = args.policy ? await loadPolicyGate(args.stack) : undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require(programModule) as () => Promise<unknown>;
  const run = await runProgram(stackConfig, program);
  const { registrations } = run;
  const violations = gate ? await gate(registrations) : [];
  const notices = secretNotices(missingSecrets);
  const document = renderDocument(args.stack, run, violations, notices);

  if (args.outDir !== undefined) {
    const resourcesJson = { path: "resources.json", content: `${JSON.stringify(document, null, 2)}\n` };
    writeFiles(args.outDir, [...manifestFiles(registrations), ...helmFiles(registrations), resourcesJson]);
  }
  const report =
    formatPreview(args.stack, registrations) + formatOutputs(run.outputs) + "\n" + formatSecretNotices(notices) + (args.policy ? formatViolations(violations) : "Policies: not evaluated (--no-policy)\n");
  if (args.json) {
    io.stderr.write(report);
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    io.stdout.write(report);
  }
  return violations.some((violation) => violation.enforcementLevel === "mandatory") ? exitCodes.mandatoryViolation : exitCodes.ok;
}

function isConfigOrUsageError(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    error instanceof UnknownStackError ||
    error instanceof ConfigPatchError ||
    error instanceof SettingsError ||
    error instanceof PolicyConfigError
  );
}

/**
 * `npm run render -- --stack <name> [--config-patch <file>] [--out <dir>] [--json] [--no-policy]`: runs index.ts
 * under the mock engine with the stack's config (and the patch), prints the preview and the policy findings, and returns the exit code: 0 clean or advisory
 * findings only, 1 a mandatory violation, 2 a usage or config error (nothing written), 3 an internal error.
 */
export async function main(argv: readonly string[], io: RenderIo, options: RenderOptions = {}): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout.write(helpText);
    return exitCodes.ok;
  }
  try {
    return await render(parseRenderArgs(argv), io, options.projectDir ?? findProjectDir());
  } catch (error) {
    if (isConfigOrUsageError(error)) {
      io.stderr.write(`error: ${error.message}\n`);
      return exitCodes.configError;
    }
    io.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return exitCodes.internalError;
  }
}
