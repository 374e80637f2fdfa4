/**
 * `npm run bench`: the render a user runs, `npm run render -- --stack prod` (program and policy gate), next to a
 * Node process that only loads the SDKs it needs, the floor any render pays. Both run as fresh processes,
 * alternating so a change in the machine's load hits both alike; it prints the medians, their ratio (goal: at
 * most 1.5) and each one's peak memory. The render runs as npm runs it, the `render` script of package.json; the
 * time npm itself adds is printed apart. It asserts nothing.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const stack = "prod";
const runs = 7;
const projectDir = path.resolve(__dirname, "..");
const goal = 1.5;

/** Records the process's peak resident memory in the file `BENCH_PEAK_RSS_FILE` names, as it exits. */
const peakMemoryProbe = `process.on("exit", () => require("fs").writeFileSync(process.env.BENCH_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS)));`;

interface Command {
  readonly label: string;
  readonly file: string;
  readonly args: readonly string[];
}

interface Sample {
  readonly milliseconds: number;
  /** Peak resident memory; not taken through npm, where it would be npm's. */
  readonly peakKilobytes?: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The command line of `npm run render -- --stack prod` without npm: package.json's script with the arguments. */
function renderCommand(): Command {
  const scripts = (JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const [program, ...args] = scripts.render.split(/\s+/);
  if (program !== "node") throw new Error(`the render script does not start with node: ${scripts.render}`);
  return { label: `render ${stack} with the policy gate`, file: process.execPath, args: [...args, "--stack", stack] };
}

const sdkLoad: Command = {
  label: "load the SDKs only",
  file: process.execPath,
  args: ["-e", 'require("@pulumi/pulumi"); require("@pulumi/kubernetes"); require("@pulumi/policy")'],
};

const npmRender: Command = { label: "npm run render (npm's start too)", file: "npm", args: ["run", "-s", "render", "--", "--stack", stack] };

/** One fresh process: its wall-clock time and peak memory; a failed run stops the benchmark, its time would mean nothing. */
function measure(command: Command, scratch: string): Sample {
  const peakFile = path.join(scratch, "peak-rss");
  const probe = path.join(scratch, "probe.js");
  const probed = command !== npmRender;
  const env = probed ? { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${probe}`, BENCH_PEAK_RSS_FILE: peakFile } : process.env;
  fs.rmSync(peakFile, { force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(command.file, command.args, { cwd: projectDir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const milliseconds = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command.label} exited ${String(result.status)}:\n${result.stderr}`);
  return { milliseconds, peakKilobytes: probed ? Number(fs.readFileSync(peakFile, "utf8")) : undefined };
}

function main(): void {
  const render = renderCommand();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  fs.writeFileSync(path.join(scratch, "probe.js"), peakMemoryProbe);
  try {
    // A first run of each, not counted: it fills the transpile cache and the file system's.
    measure(render, scratch);
    measure(sdkLoad, scratch);
    const samples = new Map<Command, Sample[]>([render, sdkLoad, npmRender].map((command) => [command, []]));
    for (let run = 0; run < runs; run++) {
      for (const command of [render, sdkLoad, npmRender]) samples.get(command)?.push(measure(command, scratch));
    }
    const medianOf = (command: Command, field: keyof Sample) => median((samples.get(command) ?? []).map((sample) => sample[field] ?? Number.NaN));
    const line = (command: Command) => {
      const peak = medianOf(command, "peakKilobytes");
      return `  ${command.label.padEnd(36)} ${medianOf(command, "milliseconds").toFixed(0).padStart(6)} ms${Number.isNaN(peak) ? "" : `   peak ${(peak / 1024).toFixed(0).padStart(4)} MiB`}`;
    };
    const ratio = medianOf(render, "milliseconds") / medianOf(sdkLoad, "milliseconds");
    console.log(`median of ${runs} fresh processes each, alternating (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}):`);
    console.log(line(render));
    console.log(line(sdkLoad));
    console.log(`  ratio                                ${ratio.toFixed(2).padStart(6)} ×   (goal ≤ ${goal.toFixed(2)})`);
    console.log(line(npmRender));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main();
