import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  ensureTools,
  istioctlClientVersion,
  istioctlLinkerFlags,
  istioctlVersion,
  toolsBinDir,
  ToolsUnavailableError,
  userIstioctlProblem,
} from "../../../scripts/tools/istioTools";
import { istioCommit, istioModule } from "../../../scripts/tools/toolVersions";
import { projectDir } from "../../support/project";

/** An executable that answers `version --remote=false -o json` like istioctl of the given version. */
function fakeIstioctl(dir: string, version: string): string {
  const file = path.join(dir, `istioctl-${version}`);
  fs.writeFileSync(file, `#!/bin/sh\necho '{"clientVersion":{"version":"${version}","revision":"${istioCommit}","golang_version":"go1.26.8","status":"Clean","tag":"${version}"}}'\n`, { mode: 0o755 });
  return file;
}

let scratch = "";
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "istio-tools-"));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("istioctl's version", () => {
  test("the client version and revision of `istioctl version --remote=false -o json`", () => {
    expect(istioctlClientVersion('{"clientVersion":{"version":"1.30.4","revision":"9739e10eb9d7"}}')).toEqual({ version: "1.30.4", revision: "9739e10eb9d7" });
    expect(istioctlClientVersion("client version: 1.30.4")).toBeUndefined();
    expect(istioctlClientVersion('{"meshVersion":[]}')).toBeUndefined();
  });

  test("the build reports the pinned release, commit and released hub, as Istio's release builds do", () => {
    const flags = istioctlLinkerFlags();
    expect(flags).toContain(`-X istio.io/istio/pkg/version.buildVersion=${istioModule.release}`);
    expect(flags).toContain(`-X istio.io/istio/pkg/version.buildGitRevision=${istioCommit}`);
    expect(flags).toContain("-X istio.io/istio/pkg/version.buildHub=docker.io/istio");
    expect(istioCommit).toBe("9739e10eb9d7");
  });
});

describe("an istioctl the user points ISTIOCTL at", () => {
  test("is accepted at the pinned release", () => {
    const binary = fakeIstioctl(scratch, istioModule.release);
    expect(userIstioctlProblem(binary, istioctlVersion(binary))).toBeUndefined();
  });

  test("is rejected at another release, naming both", () => {
    const binary = fakeIstioctl(scratch, "1.29.2");
    expect(userIstioctlProblem(binary, istioctlVersion(binary))).toBe(
      `ISTIOCTL=${binary} is istioctl 1.29.2; the stack pins Istio ${istioModule.release}: point ISTIOCTL at istioctl ${istioModule.release}, or unset it to build one`,
    );
  });

  test("is rejected when it does not exist or does not say its version", () => {
    expect(userIstioctlProblem(path.join(scratch, "missing"), undefined)).toBe(`ISTIOCTL=${path.join(scratch, "missing")}: no such file`);
    const silent = path.join(scratch, "silent");
    fs.writeFileSync(silent, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
    expect(userIstioctlProblem(silent, istioctlVersion(silent))).toMatch(/did not report a client version$/);
  });
});

describe("ensureTools", () => {
  test("without Go it says so and what to do, and builds nothing", () => {
    const options = { projectDir: scratch, env: { ...process.env, PATH: path.join(scratch, "empty-path") }, log: () => undefined };
    expect(() => ensureTools(options)).toThrow(ToolsUnavailableError);
    expect(() => ensureTools(options)).toThrow("Go is not installed (no `go` on PATH)");
    expect(fs.existsSync(toolsBinDir(scratch))).toBe(false);
  });

  test("installs into the gitignored .tools/bin of the project", () => {
    expect(path.relative(projectDir, toolsBinDir(projectDir))).toBe(path.join(".tools", "bin"));
    expect(fs.readFileSync(path.join(projectDir, ".gitignore"), "utf8").split("\n")).toContain(".tools/");
  });
});

describe("the pinned versions", () => {
  const goMod = fs.readFileSync(path.join(projectDir, "tools", "istio", "go.mod"), "utf8");

  test("tools/istio/go.mod requires the Istio module version the scripts pin", () => {
    expect(goMod).toMatch(new RegExp(`^require ${istioModule.path.replace(/\./g, "\\.")} ${istioModule.version}$`, "m"));
  });

  test("every replacement of tools/istio/go.mod says why", () => {
    const replaceBlock = goMod.slice(goMod.indexOf("replace ("));
    const lines = replaceBlock.split("\n").slice(1, replaceBlock.split("\n").indexOf(")"));
    const replacements = lines.filter((line) => line.includes("=>"));
    expect(replacements.length).toBeGreaterThan(0);
    replacements.forEach((line) => expect(lines[lines.indexOf(line) - 1].trim()).toMatch(/^\/\/ requires /));
  });
});
