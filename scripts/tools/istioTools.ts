import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { helmModule, istioCommit, istioModule } from "./toolVersions";

/** The built tools and the Istio module whose charts they render. */
export interface IstioTools {
  readonly istioctl: string;
  /** istioctl's analyzers on files that stand for a cluster (tools/istio/offline-analyze). */
  readonly offlineAnalyze: string;
  readonly helm: string;
  /** The istio.io/istio module in Go's module cache: `manifests/charts/…` are the release's charts. */
  readonly istioModuleDir: string;
}

/** The tools cannot be had here: the message says why and what to do. */
export class ToolsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolsUnavailableError";
  }
}

export interface ToolsOptions {
  /** The repository root: tools/istio is there, and the tools go to `.tools/bin` below it. */
  readonly projectDir: string;
  /** `ISTIOCTL` names an istioctl to use instead of building one; `PATH` finds `go`. */
  readonly env: NodeJS.ProcessEnv;
  /** Progress lines (what is built, what is reused). */
  readonly log: (line: string) => void;
}

/** Where `npm run tools` puts the binaries; gitignored. */
export function toolsBinDir(projectDir: string): string {
  return path.join(projectDir, ".tools", "bin");
}

interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: NodeJS.ErrnoException;
}

function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; showOutput?: boolean } = {}): RunResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", options.showOutput ? "inherit" : "pipe"],
  });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "", error: result.error as NodeJS.ErrnoException | undefined };
}

/** `-X` flags that make the build report the release the way Istio's release builds do (`istioctl version`). */
export function istioctlLinkerFlags(): string {
  const versionPackage = "istio.io/istio/pkg/version";
  return [
    `-X ${versionPackage}.buildVersion=${istioModule.release}`,
    `-X ${versionPackage}.buildGitRevision=${istioCommit}`,
    `-X ${versionPackage}.buildTag=${istioModule.release}`,
    `-X ${versionPackage}.buildStatus=Clean`,
    `-X ${versionPackage}.buildHub=${istioModule.releasedHub}`,
  ].join(" ");
}

/** The client version `istioctl version --remote=false -o json` reports, or undefined when the output is not that. */
export function istioctlClientVersion(output: string): { version: string; revision: string } | undefined {
  try {
    const clientVersion = (JSON.parse(output) as { clientVersion?: { version?: unknown; revision?: unknown } }).clientVersion;
    if (typeof clientVersion?.version !== "string") return undefined;
    return { version: clientVersion.version, revision: typeof clientVersion.revision === "string" ? clientVersion.revision : "unknown" };
  } catch {
    return undefined;
  }
}

/** What `<binary> version --remote=false -o json` reports, or undefined when it does not run or say. */
export function istioctlVersion(binary: string): { version: string; revision: string } | undefined {
  const result = run(binary, ["version", "--remote=false", "-o", "json"]);
  return result.status === 0 ? istioctlClientVersion(result.stdout) : undefined;
}

/** What is wrong with the istioctl a user pointed `ISTIOCTL` at, or undefined when it is the pinned release. */
export function userIstioctlProblem(binary: string, reported: { version: string } | undefined): string | undefined {
  if (!fs.existsSync(binary)) return `ISTIOCTL=${binary}: no such file`;
  if (reported === undefined) return `ISTIOCTL=${binary}: \`${binary} version --remote=false -o json\` did not report a client version`;
  if (reported.version !== istioModule.release) {
    return `ISTIOCTL=${binary} is istioctl ${reported.version}; the stack pins Istio ${istioModule.release}: point ISTIOCTL at istioctl ${istioModule.release}, or unset it to build one`;
  }
  return undefined;
}

function checkGo(env: NodeJS.ProcessEnv): string {
  const result = run("go", ["version"], { env });
  if (result.error?.code === "ENOENT") {
    throw new ToolsUnavailableError(
      "Go is not installed (no `go` on PATH). istioctl, offline-analyze and helm are built from their Go modules through the Go module proxy: " +
        "install Go 1.25.9 or later, then run `npm run tools` again.",
    );
  }
  if (result.status !== 0) throw new ToolsUnavailableError(`\`go version\` failed: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout.trim();
}

function istioModuleDir(projectDir: string, env: NodeJS.ProcessEnv): string {
  const result = run("go", ["mod", "download", "-json", `${istioModule.path}@${istioModule.version}`], { cwd: path.join(projectDir, "tools", "istio"), env });
  let download: { Dir?: string; Error?: string } = {};
  try {
    download = JSON.parse(result.stdout) as typeof download;
  } catch {
    // reported below with go's own message
  }
  if (download.Dir === undefined) {
    throw new ToolsUnavailableError(`cannot download ${istioModule.path}@${istioModule.version} from the Go module proxy: ${download.Error ?? (result.stderr.trim() || "no answer")}`);
  }
  return download.Dir;
}

function build(what: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }, log: (line: string) => void): void {
  const started = Date.now();
  log(`building ${what} (the first build takes minutes; later ones reuse Go's module and build caches)`);
  const result = run("go", args, { ...options, showOutput: true });
  if (result.status !== 0) throw new ToolsUnavailableError(`building ${what} failed: \`go ${args.join(" ")}\` exited ${result.status ?? "on a signal"} (its output is above)`);
  log(`built ${what} in ${Math.round((Date.now() - started) / 1000)}s`);
}

function ensureIstioctl(options: ToolsOptions, binDir: string): string {
  const { env, log, projectDir } = options;
  const userBinary = env.ISTIOCTL;
  if (userBinary !== undefined && userBinary !== "") {
    const problem = userIstioctlProblem(userBinary, fs.existsSync(userBinary) ? istioctlVersion(userBinary) : undefined);
    if (problem !== undefined) throw new ToolsUnavailableError(problem);
    log(`istioctl: ${userBinary} (ISTIOCTL), ${istioModule.release}`);
    return userBinary;
  }
  const binary = path.join(binDir, "istioctl");
  const present = fs.existsSync(binary) ? istioctlVersion(binary) : undefined;
  if (present?.version === istioModule.release && present.revision === istioCommit) {
    log(`istioctl: ${binary}, ${present.version} (present)`);
    return binary;
  }
  build(
    `istioctl ${istioModule.release} from ${istioModule.path}@${istioModule.version}`,
    ["build", "-ldflags", istioctlLinkerFlags(), "-o", binary, `${istioModule.path}/istioctl/cmd/istioctl`],
    { cwd: path.join(projectDir, "tools", "istio"), env },
    log,
  );
  return binary;
}

function ensureOfflineAnalyze(options: ToolsOptions, binDir: string): string {
  const binary = path.join(binDir, "offline-analyze");
  const expected = `${istioModule.path} ${istioModule.version}`;
  if (fs.existsSync(binary) && run(binary, ["-version"]).stdout.trim() === expected) {
    options.log(`offline-analyze: ${binary}, ${expected} (present)`);
    return binary;
  }
  build(`offline-analyze from ${expected}`, ["build", "-o", binary, "./offline-analyze"], { cwd: path.join(options.projectDir, "tools", "istio"), env: options.env }, options.log);
  return binary;
}

function ensureHelm(options: ToolsOptions, binDir: string): string {
  const binary = path.join(binDir, "helm");
  if (fs.existsSync(binary) && run(binary, ["version", "--template", "{{.Version}}"]).stdout.trim() === helmModule.version) {
    options.log(`helm: ${binary}, ${helmModule.version} (present)`);
    return binary;
  }
  // `go install` leaves the version at its source default ("v3.22"); the release build sets it the same way.
  build(
    `helm ${helmModule.version} from ${helmModule.path}`,
    ["install", "-ldflags", `-X ${helmModule.path}/internal/version.version=${helmModule.version}`, `${helmModule.path}/cmd/helm@${helmModule.version}`],
    { cwd: options.projectDir, env: { ...options.env, GOBIN: binDir } },
    options.log,
  );
  return binary;
}

/**
 * istioctl, offline-analyze and helm at the pinned versions in `.tools/bin`, built with Go where absent or at
 * another version, and the Istio module's directory. Throws ToolsUnavailableError with the reason where they
 * cannot be had (no Go, the module proxy refusing a module, a failed build, a wrong `ISTIOCTL`).
 */
export function ensureTools(options: ToolsOptions): IstioTools {
  const goVersion = checkGo(options.env);
  options.log(`using ${goVersion}`);
  const binDir = toolsBinDir(options.projectDir);
  fs.mkdirSync(binDir, { recursive: true });
  return {
    istioModuleDir: istioModuleDir(options.projectDir, options.env),
    istioctl: ensureIstioctl(options, binDir),
    offlineAnalyze: ensureOfflineAnalyze(options, binDir),
    helm: ensureHelm(options, binDir),
  };
}
