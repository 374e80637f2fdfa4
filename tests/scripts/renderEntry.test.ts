import { spawnSync } from "child_process";
import * as path from "path";
import { projectDir } from "../support/program";

// One real process: the entry point wires main's exit code and streams; every other case runs main in-process.
describe("scripts/render.ts as a process", () => {
  it("prints the JSON document on stdout, the preview on stderr, and exits 0 for dev", () => {
    const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join("scripts", "render.ts"), "--stack", "dev", "--json"], {
      cwd: projectDir,
      encoding: "utf8",
      timeout: 60_000,
    });

    expect(result.stderr).toContain("Previewing update (dev)");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ stack: "dev" });
  });
});
