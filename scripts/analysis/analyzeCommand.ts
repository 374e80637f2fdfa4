import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { SettingsError, type Settings } from "../../settings";
import { ConfigFileError } from "../offline/configFile";
import { helmReleases } from "../offline/helmFiles";
import { runProgram, type Registration } from "../offline/mockEngine";
import { UsageError } from "../offline/renderArgs";
import { offlineSettings, withMissingSecrets } from "../offline/secretConfig";
import { loadStackConfig, UnknownStackError } from "../offline/stackConfig";
import { ensureTools, type IstioTools, ToolsUnavailableError } from "../tools/istioTools";
import { istioModule } from "../tools/toolVersions";
import { analyzeHelpText, parseAnalyzeArgs, type AnalyzeArgs } from "./analyzeArgs";
import { writeAnalysisInput, type AnalysisInput } from "./analysisInput";
import { analysisExitCode, analysisExitCodes, collectFindings, formatFindings, type AnalyzerMessage } from "./findings";
import { istioReleases, renderIstioReleases } from "./istioCharts";

export interface AnalyzeIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export interface AnalyzeOptions {
  readonly projectDir: string;
  /** `ISTIOCTL`, and `PATH` for `go`. @defaultValue process.env */
  readonly env?: NodeJS.ProcessEnv;
}

const programModule = path.resolve(__dirname, "../../index");

/** Runs a tool that prints analyzer messages as JSON; a failure or output that is not JSON means the tool cannot be used. */
function analyzerMessages(binary: string, args: readonly string[], answerFile: string): AnalyzerMessage[] {
  const result = spawnSync(binary, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  fs.writeFileSync(answerFile, result.stdout ?? "");
  try {
    if (result.status === 0) return JSON.parse(result.stdout) as AnalyzerMessage[];
  } catch {
    // reported below
  }
  const output = `${result.stderr ?? ""}${result.error ? String(result.error) : ""}`.trim().split("\n").slice(-20).join("\n");
  throw new ToolsUnavailableError(`${path.basename(binary)} ${args.slice(0, 4).join(" ")} … failed (exit ${result.status ?? "on a signal"}):\n${output}`);
}

function istioctlArgs(input: AnalysisInput, settings: Settings): string[] {
  return [
    "analyze",
    "--use-kube=false",
    "--all-namespaces",
    "--output",
    "json",
    ...(settings.istio.defaultRevision === undefined ? [] : ["--revision", settings.istio.defaultRevision]),
    ...(input.meshConfigFile === undefined ? [] : ["--meshConfigFile", input.meshConfigFile]),
    ...input.files,
  ];
}

/** What the analysis of one stack saw and said. */
export interface AnalysisRun {
  readonly input: AnalysisInput;
  /** How many Istio releases were rendered by their charts. */
  readonly renderedReleases: number;
  /** offline-analyze's messages (istioctl's analyzers, with the runtime objects). */
  readonly offline: readonly AnalyzerMessage[];
  /** The stock `istioctl analyze --use-kube=false` messages on the same files. */
  readonly istioctl: readonly AnalyzerMessage[];
}

/**
 * Renders the stack's Istio releases with their charts, writes the analysis input below `outDir/input` and runs
 * offline-analyze and `istioctl analyze --use-kube=false` on it; each tool's JSON answer is kept in `outDir`.
 */
export function runAnalysis(registrations: readonly Registration[], settings: Settings, tools: IstioTools, outDir: string): AnalysisRun {
  const releases = helmReleases(registrations);
  const unpinned = istioReleases(releases).filter(({ chart }) => chart.version !== istioModule.release);
  if (unpinned.length > 0) {
    throw new ToolsUnavailableError(
      `the tools are Istio ${istioModule.release}, but the stack installs ${unpinned.map(({ chart }) => `${chart.release} ${chart.version ?? "(no version)"}`).join(", ")}: ` +
        "pin the releases and scripts/tools/toolVersions.ts to the same Istio release",
    );
  }
  fs.mkdirSync(outDir, { recursive: true });
  const renderedCharts = renderIstioReleases(releases, tools.helm, tools.istioModuleDir, path.join(outDir, "published-charts"));
  const input = writeAnalysisInput(registrations, renderedCharts, settings, path.join(outDir, "input"));
  const meshConfigArgs = input.meshConfigFile === undefined ? [] : ["-meshConfigFile", input.meshConfigFile];
  const offline = analyzerMessages(tools.offlineAnalyze, [...meshConfigArgs, ...input.files], path.join(outDir, "offline-analyze.json"));
  const istioctl = analyzerMessages(tools.istioctl, istioctlArgs(input, settings), path.join(outDir, "istioctl.json"));
  return { input, renderedReleases: renderedCharts.size, offline, istioctl };
}

async function analyze(args: AnalyzeArgs, io: AnalyzeIo, options: AnalyzeOptions): Promise<number> {
  const { stackConfig } = withMissingSecrets(loadStackConfig(options.projectDir, args.stack));
  const settings = offlineSettings(stackConfig);
  const tools = ensureTools({ projectDir: options.projectDir, env: options.env ?? process.env, log: (line) => io.stderr.write(`${line}\n`) });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require(programModule) as () => Promise<unknown>;
  const { registrations } = await runProgram(stackConfig, program);
  const { input, renderedReleases, offline, istioctl } = runAnalysis(registrations, settings, tools, args.outDir);

  const { suppressions } = settings.analysis;
  const findings = collectFindings(offline, istioctl, input.sources, suppressions, input.standInLimit);
  const exitCode = analysisExitCode(findings, settings.environment);
  fs.writeFileSync(path.join(args.outDir, "findings.json"), `${JSON.stringify(findings, null, 2)}\n`);
  const report =
    `Analyzed ${input.files.length} files in ${path.relative(options.projectDir, path.join(args.outDir, "input")) || "."} ` +
    `(the render, ${renderedReleases} Istio releases rendered by their charts, ${input.standIns.length} stand-ins for runtime objects)\n` +
    formatFindings(args.stack, settings.environment, findings, suppressions);
  if (args.json) {
    io.stderr.write(report);
    io.stdout.write(`${JSON.stringify({ stack: args.stack, environment: settings.environment, exitCode, findings }, null, 2)}\n`);
  } else {
    io.stdout.write(report);
  }
  return exitCode;
}

/**
 * `npm run analyze -- --stack <name> [--out <dir>] [--json]`: the offline render of the stack, its Istio releases
 * rendered by Istio's charts and stand-ins for what exists only at runtime, analyzed by istioctl's analyzers.
 * Exit codes: 0 passed, 1 a failing finding, 2 a usage or config error, 3 the tools cannot be built or run.
 */
export async function main(argv: readonly string[], io: AnalyzeIo, options: AnalyzeOptions): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout.write(analyzeHelpText);
    return analysisExitCodes.ok;
  }
  try {
    return await analyze(parseAnalyzeArgs(argv, options.projectDir), io, options);
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnknownStackError || error instanceof SettingsError || error instanceof ConfigFileError) {
      io.stderr.write(`error: ${error.message}\n`);
      return analysisExitCodes.configError;
    }
    if (error instanceof ToolsUnavailableError) {
      io.stderr.write(`error: ${error.message}\n`);
      return analysisExitCodes.toolsUnavailable;
    }
    throw error;
  }
}
