import * as fs from "fs";
import * as path from "path";
import { ConfigFileError, displayPath } from "./configFile";
import type { RenderedFile } from "./manifestFiles";

/**
 * `--out DIR` holds exactly one render's output, as `cdk8s synth` keeps its output folder: a new render replaces a
 * previous one's files (another stack's manifests never linger next to this one's), and a folder holding anything
 * else is refused before the program runs, so nothing of the user's is overwritten or deleted.
 */

/** What a render writes at the top of its folder; resources.json marks the folder as a render's. */
const renderEntries = ["manifests", "helm", "resources.json"] as const;

function isRenderDocument(file: string): boolean {
  try {
    const document: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    return document !== null && typeof document === "object" && "stack" in document && "resources" in document;
  } catch {
    return false;
  }
}

/** Refuses an `--out` that is a file, or a non-empty folder that is not a previous render's output. */
export function checkOutputDir(dir: string): void {
  if (!fs.existsSync(dir)) return;
  const shown = displayPath(path.resolve(dir));
  if (!fs.statSync(dir).isDirectory()) throw new ConfigFileError(`--out ${shown}: expected a folder (new, empty or holding a previous render), got a file`);
  const entries = fs.readdirSync(dir);
  if (entries.length === 0) return;
  const foreign = entries.filter((entry) => !(renderEntries as readonly string[]).includes(entry));
  if (foreign.length > 0 || !isRenderDocument(path.join(dir, "resources.json"))) {
    const listed = foreign.length > 0 ? `it holds ${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", …" : ""}` : "it has no resources.json of a render";
    throw new ConfigFileError(
      `--out ${shown}: expected a new or empty folder, or one holding a previous render's output (manifests/, helm/, resources.json), but ${listed}; choose another folder or empty this one`,
    );
  }
}

/** Replaces whatever a previous render left in `dir` with `files`; returns how many were written. */
export function replaceOutput(dir: string, files: readonly RenderedFile[]): number {
  for (const entry of renderEntries) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
  return files.length;
}
