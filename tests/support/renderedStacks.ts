import * as fs from "fs";
import * as path from "path";
import type { ProgramRun } from "../../scripts/offline/mockEngine";

/** Set by the test run's global setup: the folder where this run's renders of the repository's stacks are kept. */
export const renderedStacksVariable = "ISTIO_MESH_TEST_RENDERED_STACKS";

/**
 * A repository stack (`Pulumi.<stack>.yaml` as it is) rendered once per test run and shared by every test
 * file that only reads it, instead of once per file. The first file to ask renders it in its own process,
 * exactly as `renderStack` does, and writes it to the run's folder; the others read that, or wait for it.
 * Each caller gets its own copy. Run outside jest's global setup, it renders in this process.
 */
export async function renderedStack(stack: string): Promise<ProgramRun> {
  const dir = process.env[renderedStacksVariable];
  if (dir === undefined) return renderHere(stack);
  const file = path.join(dir, `${stack}.json`);
  if (fs.existsSync(file)) return readRun(file);
  if (claim(`${file}.claim`)) {
    let text: string;
    try {
      text = JSON.stringify(await renderHere(stack));
      writeAtomically(file, text);
    } catch (error) {
      writeAtomically(`${file}.error`, error instanceof Error ? (error.stack ?? error.message) : String(error));
      throw error;
    }
    // A copy from the text written, as the other files get: not the objects the render returned.
    return JSON.parse(text) as ProgramRun;
  }
  return waitForRun(file);
}

function renderHere(stack: string): Promise<ProgramRun> {
  // Required on first use: a file that finds the stack rendered never loads the program or the SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("./program") as typeof import("./program")).renderStack(stack);
}

function readRun(file: string): ProgramRun {
  return JSON.parse(fs.readFileSync(file, "utf8")) as ProgramRun;
}

function claim(file: string): boolean {
  try {
    fs.writeFileSync(file, String(process.pid), { flag: "wx" });
    return true;
  } catch {
    return false;
  }
}

function writeAtomically(file: string, text: string): void {
  fs.writeFileSync(`${file}.${process.pid}`, text);
  fs.renameSync(`${file}.${process.pid}`, file);
}

async function waitForRun(file: string, timeoutMs = 120_000): Promise<ProgramRun> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) return readRun(file);
    if (fs.existsSync(`${file}.error`)) throw new Error(`rendering ${path.basename(file, ".json")} failed in another test file:\n${fs.readFileSync(`${file}.error`, "utf8")}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${path.basename(file, ".json")} was not rendered within ${timeoutMs / 1000} s by the test file that claimed it (${file}.claim)`);
}
