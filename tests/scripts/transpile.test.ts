import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectDir } from "../support/project";

/** Runs a TypeScript file through the hook `npm run render` and the other scripts use. */
const runTypeScript = (file: string) => execFileSync(process.execPath, ["--require", path.join(projectDir, "scripts", "transpile.js"), file], { encoding: "utf8" }).trim();

describe("scripts/transpile.js", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "transpile-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("runs TypeScript, and runs a changed source as it now is, never a cached older one", () => {
    const file = path.join(dir, "answer.ts");
    const source = (answer: number) => `const answer: number = ${answer};\nexport = answer;\nconsole.log(String(answer));\n`;
    fs.writeFileSync(file, source(41));
    expect(runTypeScript(file)).toBe("41");
    fs.writeFileSync(file, source(42));
    expect(runTypeScript(file)).toBe("42");
    fs.writeFileSync(file, source(41));
    expect(runTypeScript(file)).toBe("41");
  });

  it("compiles every module through V8's code cache, read back in a later run; a changed module of the same length runs as changed", () => {
    const file = path.join(dir, "cached.ts");
    const helper = path.join(dir, "helper.js");
    fs.writeFileSync(file, `const helper: () => string = require("./helper.js");\nconsole.log(helper());\n`);
    const cacheDir = path.join(projectDir, "node_modules", ".cache", "v8-code");
    const entries = () => new Set(fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);
    const helperSource = (word: string) => `module.exports = () => "${word}" + "-" + (typeof require.resolve);\n`;

    fs.writeFileSync(helper, helperSource("first"));
    const before = entries();
    expect(runTypeScript(file)).toBe("first-function");
    const added = [...entries()].filter((entry) => !before.has(entry));
    expect(added.length).toBeGreaterThanOrEqual(2);
    expect(runTypeScript(file)).toBe("first-function");
    expect(entries()).toEqual(new Set([...before, ...added]));

    fs.writeFileSync(helper, helperSource("other"));
    expect(runTypeScript(file)).toBe("other-function");
    fs.writeFileSync(helper, helperSource("first"));
    expect(runTypeScript(file)).toBe("first-function");
  });

  it("loads a module that starts with a hashbang, as Node does", () => {
    const file = path.join(dir, "hashbang.ts");
    fs.writeFileSync(path.join(dir, "cli.js"), "#!/usr/bin/env node\nmodule.exports = __filename.endsWith('cli.js') ? 'cli' : 'lost';\n");
    fs.writeFileSync(file, `const cli: string = require("./cli.js");\nconsole.log(cli);\n`);
    expect(runTypeScript(file)).toBe("cli");
    expect(runTypeScript(file)).toBe("cli");
  });

  it("keeps import() native, so an ESM-only package loads", () => {
    const file = path.join(dir, "esm.ts");
    fs.writeFileSync(file, `import("@kubernetes-models/istio/networking.istio.io/v1/Gateway").then((module: { Gateway: unknown }) => console.log(typeof module.Gateway));\n`);
    fs.symlinkSync(path.join(projectDir, "node_modules"), path.join(dir, "node_modules"));
    expect(runTypeScript(file)).toBe("function");
  });
});
