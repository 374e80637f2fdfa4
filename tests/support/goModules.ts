import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { certManagerChart } from "../../components/addons/addonCharts";
import { istioModule } from "../../scripts/tools/toolVersions";

/**
 * Upstream source the tests read as a source of truth, from Go's module cache (CI machines and developers' have it
 * once the Istio tools are built; a fresh clone may not: the tests that need it say so and skip).
 */

const moduleCache = process.env.GOMODCACHE ?? path.join(process.env.GOPATH ?? path.join(os.homedir(), "go"), "pkg", "mod");

/** The folder of a Go module in the cache, e.g. `istio.io/istio@v0.0.0-…`; upper-case letters are escaped as Go does. */
export function goModuleDir(modulePath: string, version: string): string {
  return path.join(moduleCache, `${modulePath.replace(/[A-Z]/g, (letter) => `!${letter.toLowerCase()}`)}@${version}`);
}

/** The istio.io/istio module of the pinned release, the one `npm run tools` builds from. */
export const istioModuleDir = goModuleDir(istioModule.path, istioModule.version);

/** cert-manager's module at the pinned chart's version: its controller's metrics and its chart's templates. */
export const certManagerModuleDir = goModuleDir("github.com/cert-manager/cert-manager", certManagerChart.version);

/** A `describe` that skips, saying why, when a folder it reads is absent. */
export function describeIfPresent(folder: string, what: string): jest.Describe {
  if (fs.existsSync(folder)) return describe;
  console.warn(`${what} skipped: ${folder} is absent (the Go module cache holds it once the Istio tools are built)`);
  return describe.skip;
}

/** The version of a module Istio's go.mod requires, e.g. github.com/prometheus/prometheus. */
export function istioRequirement(modulePath: string): string | undefined {
  const goMod = path.join(istioModuleDir, "go.mod");
  if (!fs.existsSync(goMod)) return undefined;
  const line = fs
    .readFileSync(goMod, "utf8")
    .split("\n")
    .find((candidate) => candidate.trim().startsWith(`${modulePath} `));
  return line?.trim().split(/\s+/)[1];
}
