import * as fs from "fs";
import * as path from "path";
import { foreignConfigKeys, projectName, SettingsError } from "../../settings";
import { ConfigFileError, displayPath } from "./configFile";
import { applyConfigPatch, ConfigPatchError } from "./configPatch";
import { configKeyLookup } from "./configProvenance";
import { helmFiles } from "./helmFiles";
import { manifestFiles } from "./manifestFiles";
import { type ProgramRun, runProgram } from "./mockEngine";
import { checkOutputDir, replaceOutput } from "./outputDir";
import { formatViolations, loadPolicyGate, PolicyConfigError, type RenderedViolation, withConfigKeys } from "./policyGate";
import { countByType, formatOutputs, formatPreview } from "./previewTree";
import { helpText, parseRenderArgs, type RenderArgs, UsageError } from "./renderArgs";
import { formatSecretNotices, offlineSettings, secretNotices, withMissingSecrets } from "./secretConfig";
import { loadStackConfig, type StackConfig, UnknownStackError } from "./stackConfig";

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
  /** Mandatory ones first; `configKeys` names the stack config keys behind the fields a violation names. */
  readonly violations: readonly RenderedViolation[];
  /** Secret config the stack needs and does not set, one line each with the command that sets it. */
  readonly notices: readonly string[];
  /** The stack's outputs as a first preview knows them: `[unknown]` where only the cluster can tell, `[secret]` for secrets. */
  readonly outputs: Record<string, unknown>;
  /** Config keys of the stack under other namespaces (`aws:region`, `pulumi:…`): legal, and not read by this program. */
  readonly foreignConfig: readonly string[];
}

function renderDocument(stackConfig: StackConfig, run: ProgramRun, violations: readonly RenderedViolation[], notices: readonly string[]): RenderDocument {
  const { registrations, outputs } = run;
  return {
    stack: stackConfig.stack,
    resources: registrations.map(({ type, name, urn, parent, inputs, dependsOn, protect }) => ({ type, name, urn, parent, inputs, dependsOn, protect })),
    counts: countByType(registrations),
    violations,
    notices,
    outputs,
    foreignConfig: foreignConfigKeys(Object.keys(stackConfig.config)),
  };
}

/** The environment profile a stack names (or is named after): whose policy config a new stack would copy. */
function environmentOf(stackConfig: StackConfig): string {
  const configured = stackConfig.config[`${projectName}:environment`];
  return configured ?? stackConfig.stack;
}

/** Everything that can fail on bad input (stack config, policy config, the program's settings, `--out`) happens before any write. */
async function render(args: RenderArgs, io: RenderIo, projectDir: string): Promise<number> {
  const stackFileConfig = loadStackConfig(projectDir, args.stack);
  const { stackConfig, missingSecrets } = withMissingSecrets(args.configPatch === undefined ? stackFileConfig : applyConfigPatch(stackFileConfig, args.configPatch));
  if (args.outDir !== undefined) checkOutputDir(args.outDir);
  const gate = args.policy ? await loadPolicyGate(args.stack, environmentOf(stackConfig)) : undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require(programModule) as () => Promise<unknown>;
  const run = await runProgram(stackConfig, program);
  const { registrations } = run;
  const violations = gate ? withConfigKeys(await gate(registrations), configKeyLookup(registrations, offlineSettings(stackConfig))) : [];
  const notices = secretNotices(missingSecrets);
  const document = renderDocument(stackConfig, run, violations, notices);

  let written = "";
  if (args.outDir !== undefined) {
    const resourcesJson = { path: "resources.json", content: `${JSON.stringify(document, null, 2)}\n` };
    const count = replaceOutput(args.outDir, [...manifestFiles(registrations), ...helmFiles(registrations), resourcesJson]);
    written = `\nWrote ${count} files to ${displayPath(path.resolve(args.outDir))}\n`;
  }
  const report =
    formatPreview(args.stack, registrations) +
    formatOutputs(run.outputs) +
    "\n" +
    formatSecretNotices(notices) +
    (args.policy ? formatViolations(violations) : "Policies: not evaluated (--no-policy)\n") +
    written;
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
    error instanceof PolicyConfigError ||
    error instanceof ConfigFileError
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
