/**
 * `npm run generate`: writes policy-pack/generated/ from the pinned Istio modules (see generate/istioData.ts);
 * `npm run generate -- --check` exits 1 where a checked-in file differs from a fresh extraction (CI runs it), 3
 * where the modules cannot be had.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { generatedFiles } from "./generate/istioData";
import { istioModuleDirectory, ToolsUnavailableError } from "./tools/istioTools";
import { istioModule } from "./tools/toolVersions";

const projectDir = path.resolve(__dirname, "..");

/** The istio.io/api version the tools are built with: tools/istio/go.mod replaces the one istio.io/istio pins. */
export function istioApiVersion(goMod: string): string {
  const replaced = /istio\.io\/api => istio\.io\/api (\S+)/.exec(goMod)?.[1];
  const required = /^\s*istio\.io\/api (\S+)/m.exec(goMod)?.[1];
  const version = replaced ?? required;
  if (version === undefined) throw new Error("tools/istio/go.mod names no istio.io/api version");
  return version;
}

function moduleDir(modulePath: string, version: string): string {
  const result = spawnSync("go", ["mod", "download", "-json", `${modulePath}@${version}`], { cwd: path.join(projectDir, "tools", "istio"), encoding: "utf8" });
  const dir = (JSON.parse(result.stdout || "{}") as { Dir?: string }).Dir;
  if (dir === undefined) throw new ToolsUnavailableError(`cannot download ${modulePath}@${version}: ${result.stderr.trim()}`);
  return dir;
}

function main(): number {
  const check = process.argv.includes("--check");
  const istioDir = istioModuleDirectory({ projectDir, env: process.env });
  const apiVersion = istioApiVersion(fs.readFileSync(path.join(projectDir, "tools", "istio", "go.mod"), "utf8"));
  const files = generatedFiles(projectDir, { dir: istioDir, version: istioModule.version }, { dir: moduleDir("istio.io/api", apiVersion), version: apiVersion });
  let stale = 0;
  for (const { file, content } of files) {
    const relative = path.relative(projectDir, file);
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    if (check) {
      if (current !== content) {
        stale++;
        console.error(`${relative} differs from a fresh extraction: run npm run generate and commit it`);
      } else console.log(`${relative} matches a fresh extraction`);
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      console.log(`wrote ${relative}`);
    }
  }
  return stale === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof ToolsUnavailableError)) throw error;
  console.error(`error: ${error.message}`);
  process.exitCode = 3;
}
