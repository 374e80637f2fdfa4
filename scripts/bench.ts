/**
 * `npm run bench`: how long the offline render of prod takes from compiled JavaScript, next to the time a process
 * needs just to load the Pulumi SDKs (the floor any render pays), and how long the policy gate adds. Run after
 * `npm run build`, from `bin/scripts/bench.js`; it prints figures and asserts nothing. Goal: render ≤ 1.5× SDK load.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { runProgram } from "./offline/mockEngine";
import { loadPolicyGate } from "./offline/policyGate";
import { withMissingSecrets } from "./offline/secretConfig";
import { loadStackConfig } from "./offline/stackConfig";

const stack = "prod";
const runs = 7;
const projectDir = path.resolve(__dirname, "../..");

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function millisecondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Wall-clock time of one fresh node process; a failed run stops the benchmark, since its time would mean nothing. */
function timeProcess(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: projectDir, encoding: "utf8" });
  const elapsed = millisecondsSince(start);
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${String(result.status)}:\n${result.stderr}`);
  return elapsed;
}

async function timeGate(): Promise<{ load: number; evaluation: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require(path.resolve(__dirname, "../index")) as () => Promise<unknown>;
  const { registrations } = await runProgram(withMissingSecrets(loadStackConfig(projectDir, stack)).stackConfig, program);
  const loadStart = process.hrtime.bigint();
  const gate = await loadPolicyGate(stack);
  const load = millisecondsSince(loadStart);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    await gate(registrations);
    samples.push(millisecondsSince(start));
  }
  return { load, evaluation: median(samples) };
}

async function bench(): Promise<void> {
  const renderArgs = [path.join(__dirname, "render.js"), "--stack", stack, "--no-policy"];
  const sdkLoadArgs = ["-e", 'require("@pulumi/pulumi"); require("@pulumi/kubernetes");'];
  const renderTimes: number[] = [];
  const sdkLoadTimes: number[] = [];
  // Alternate the two, so a change in machine load affects both alike.
  for (let run = 0; run < runs; run++) {
    sdkLoadTimes.push(timeProcess(sdkLoadArgs));
    renderTimes.push(timeProcess(renderArgs));
  }
  const render = median(renderTimes);
  const sdkLoad = median(sdkLoadTimes);
  const gate = await timeGate();

  const format = (milliseconds: number) => `${milliseconds.toFixed(0).padStart(6)} ms`;
  console.log(`median of ${runs} fresh processes each:`);
  console.log(`  render ${stack} --no-policy   ${format(render)}`);
  console.log(`  load the Pulumi SDKs only  ${format(sdkLoad)}`);
  console.log(`  ratio                      ${(render / sdkLoad).toFixed(2).padStart(6)} ×   (goal ≤ 1.50)`);
  console.log(`policy gate on ${stack}'s registrations, in one process (median of ${runs} evaluations):`);
  console.log(`  load pack and config       ${format(gate.load)}   (once; includes ts-node)`);
  console.log(`  evaluate                   ${format(gate.evaluation)}`);
}

bench().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
