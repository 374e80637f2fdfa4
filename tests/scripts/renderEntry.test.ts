import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { projectDir } from "../support/project";

/** The command `npm run render` runs, from package.json. */
const renderScript = (JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")) as { scripts: { render: string } }).scripts.render;

// One real process: the entry point wires main's exit code and streams; every other case runs main in-process.
describe("npm run render as a process", () => {
  it("runs the render script with node, no TypeScript compiler in between", () => {
    expect(renderScript).toBe("node --require ./scripts/transpile.js scripts/render.ts");
  });

  it("prints the JSON document on stdout, the preview on stderr, and exits 0 for dev", () => {
    const [, ...args] = renderScript.split(" ");
    const result = spawnSync(process.execPath, [...args, "--stack", "dev", "--json"], { cwd: projectDir, encoding: "utf8", timeout: 60_000 });

    expect(result.stderr).toContain("Previewing update (dev)");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ stack: "dev" });
  });
});
