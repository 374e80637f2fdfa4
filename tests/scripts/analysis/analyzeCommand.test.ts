import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../../scripts/analysis/analyzeCommand";
import { projectDir } from "../../support/project";

function buffers() {
  let stdout = "";
  let stderr = "";
  return {
    io: { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

let scratch = "";
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "analyze-command-"));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("npm run analyze", () => {
  test("--help prints the usage and the exit codes", async () => {
    const out = buffers();
    expect(await main(["--help"], out.io, { projectDir })).toBe(0);
    expect(out.stdout()).toContain("exit codes: 0 passed; 1 an Error, or a Warning in a staging or prod stack");
  });

  test("an unknown stack is a usage error: exit 2", async () => {
    const out = buffers();
    expect(await main(["--stack", "qa"], out.io, { projectDir })).toBe(2);
    expect(out.stderr()).toContain('unknown stack "qa"');
  });

  test("a bad suppression in stack config is a config error naming the key: exit 2, nothing analyzed", async () => {
    const stackDir = path.join(scratch, "project");
    fs.mkdirSync(stackDir, { recursive: true });
    fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(stackDir, "Pulumi.yaml"));
    fs.writeFileSync(
      path.join(stackDir, "Pulumi.qa.yaml"),
      "config:\n  istio-mesh:environment: staging\n  istio-mesh:analysis:\n    suppressions:\n      - { code: IST0133, resource: EnvoyFilter istio-ingress/x }\n",
    );
    const out = buffers();
    expect(await main(["--stack", "qa", "--out", path.join(scratch, "out")], out.io, { projectDir: stackDir })).toBe(2);
    expect(out.stderr()).toContain("analysis.suppressions[0].reason: expected a non-empty string, got nothing");
    expect(fs.existsSync(path.join(scratch, "out"))).toBe(false);
  });

  test("without Go the analysis cannot run: exit 3 with the reason", async () => {
    const out = buffers();
    const env = { ...process.env, PATH: path.join(scratch, "no-go-here"), ISTIOCTL: "" };
    expect(await main(["--stack", "dev", "--out", path.join(scratch, "dev")], out.io, { projectDir, env })).toBe(3);
    expect(out.stderr()).toContain("error: Go is not installed (no `go` on PATH)");
  });
});
