import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { main, type RenderOptions } from "../../scripts/offline/renderCommand";
import { projectDir } from "../support/project";

export interface RenderResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the render command in-process, as `npm run render -- <argv>` would, and captures what it prints. */
export async function render(argv: readonly string[], options: RenderOptions = {}): Promise<RenderResult> {
  let stdout = "";
  let stderr = "";
  const exitCode = await main(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } }, options);
  return { exitCode, stdout, stderr };
}

const temporaryDirs: string[] = [];

export function temporaryDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-test-"));
  temporaryDirs.push(dir);
  return dir;
}

export function removeTemporaryDirs(): void {
  for (const dir of temporaryDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

type StackFile = { config: Record<string, unknown> };

/** The repository's `Pulumi.<stack>.yaml`, parsed, for a test to change. */
export function stackFile(stack: string): StackFile {
  return parse(fs.readFileSync(path.join(projectDir, `Pulumi.${stack}.yaml`), "utf8")) as StackFile;
}

/** A project directory with the real Pulumi.yaml and the given stack files; index.ts still comes from the repository. */
export function temporaryProject(stacks: Record<string, StackFile>): string {
  const dir = temporaryDir();
  fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  for (const [stack, file] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify(file));
  return dir;
}

/** Every file under `dir`, relative and sorted. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((entry) => fs.statSync(path.join(dir, entry)).isFile())
    .sort();
}
