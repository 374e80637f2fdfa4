import * as fs from "fs";
import * as path from "path";
import type { RenderDocument } from "../../scripts/offline/renderCommand";
import { listFiles, removeTemporaryDirs, render, type RenderResult, stackFile, temporaryDir, temporaryProject } from "./renderHarness";

/** A new user's mistakes: each is exit 2 with one line naming the file or key, no stack trace, and nothing written. */

afterAll(removeTemporaryDirs);

function expectOneLineError(result: RenderResult, ...fragments: string[]): void {
  expect(result).toMatchObject({ exitCode: 2, stdout: "" });
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toContain("internal error");
  const [first] = result.stderr.split("\n");
  for (const fragment of fragments) expect(first).toContain(fragment);
}

describe("files the render cannot use", () => {
  it("names the file, line and column of broken YAML in a stack file", async () => {
    const project = temporaryProject({});
    fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), "config:\n  istio-mesh:istio:\n    mtlsMode: STRICT\n   outboundTrafficPolicy: ALLOW_ANY\n");
    const outDir = path.join(temporaryDir(), "out");
    const result = await render(["--stack", "dev", "--out", outDir], { projectDir: project });

    expectOneLineError(result, "Pulumi.dev.yaml:4:1: invalid YAML: All mapping items must start at the same column");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it("reports a key given twice as broken YAML", async () => {
    const project = temporaryProject({});
    fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), "config:\n  istio-mesh:istio: {}\n  istio-mesh:istio: {}\n");
    expectOneLineError(await render(["--stack", "dev"], { projectDir: project }), "Pulumi.dev.yaml:3:3: invalid YAML: Map keys must be unique");
  });

  it("says why a stack file cannot be read", async () => {
    const project = temporaryProject({});
    fs.mkdirSync(path.join(project, "Pulumi.dev.yaml"));
    expectOneLineError(await render(["--stack", "dev"], { projectDir: project }), "Pulumi.dev.yaml: cannot read it: it is a folder, not a file (EISDIR)");
  });

  it("refuses an empty stack name", async () => {
    expectOneLineError(await render(["--stack", ""]), `--stack: expected a stack name (letters, digits, '-', '_' and '.'), got ""`);
  });

  it("refuses a config patch with broken YAML, naming it", async () => {
    const patch = path.join(temporaryDir(), "step.yaml");
    fs.writeFileSync(patch, "config:\n  istio-mesh:istio: [\n");
    expectOneLineError(await render(["--stack", "dev", "--config-patch", patch]), "step.yaml:", "invalid YAML");
  });
});

describe("--out holds exactly one render", () => {
  it("refuses a file, naming it", async () => {
    const file = path.join(temporaryDir(), "out.txt");
    fs.writeFileSync(file, "mine");
    expectOneLineError(await render(["--stack", "dev", "--out", file]), `--out ${file}: expected a folder`);
    expect(fs.readFileSync(file, "utf8")).toBe("mine");
  });

  it("refuses a non-empty folder that holds no previous render, naming it and what it holds", async () => {
    const dir = temporaryDir();
    fs.writeFileSync(path.join(dir, "notes.md"), "mine");
    expectOneLineError(await render(["--stack", "dev", "--out", dir]), `--out ${dir}: expected a new or empty folder`, "notes.md");
    expect(listFiles(dir)).toEqual(["notes.md"]);
  });

  it("replaces a previous render of another stack, and says how many files it wrote where", async () => {
    const dir = temporaryDir();
    const prod = await render(["--stack", "prod", "--out", dir, "--no-policy"]);
    expect(listFiles(dir)).toContain("manifests/observability/PersistentVolumeClaim-jaeger-badger.yaml");
    const dev = await render(["--stack", "dev", "--out", dir, "--json", "--no-policy"]);

    const files = listFiles(dir);
    expect(files).not.toContain("manifests/observability/PersistentVolumeClaim-jaeger-badger.yaml");
    const document = JSON.parse(fs.readFileSync(path.join(dir, "resources.json"), "utf8")) as RenderDocument;
    expect(document.stack).toBe("dev");
    expect(prod.stdout).toMatch(new RegExp(`^Wrote \\d+ files to ${dir}$`, "m"));
    expect(dev.stderr).toContain(`Wrote ${files.length} files to ${dir}\n`);
  });
});

describe("config the render reports", () => {
  it("a misspelt project namespace: exit 2, naming the key and the namespace meant", async () => {
    const prod = stackFile("prod");
    const { "istio-mesh:istio": istio, ...rest } = prod.config;
    const project = temporaryProject({ prod: { config: { ...rest, "istio-mseh:istio": istio } } });
    const result = await render(["--stack", "prod"], { projectDir: project });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('  istio-mseh:istio: expected the namespace "istio-mesh" (did you mean istio-mesh:istio?)');
  });

  it("keys under other namespaces stay legal and --json lists them", async () => {
    const dev = stackFile("dev");
    const project = temporaryProject({ dev: { config: { ...dev.config, "aws:region": "eu-west-1", "gcp:project": "mesh" } } });
    const result = await render(["--stack", "dev", "--json", "--no-policy"], { projectDir: project });

    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as RenderDocument).foreignConfig).toEqual(["aws:region", "gcp:project", "pulumi:disable-default-providers"]);
  });
});

describe("policy config the render reports", () => {
  const stack = `policy-typo-${process.pid}`;
  const configFile = path.join(__dirname, "../../policy-pack/config", `${stack}.json`);
  afterEach(() => fs.rmSync(configFile, { force: true }));

  it("a name no policy has: names the file, the name and the nearest policy", async () => {
    fs.writeFileSync(configFile, JSON.stringify({ "istio-gateway-require-tls-13": "advisory", all: "mandatory" }));
    const project = temporaryProject({ [stack]: stackFile("dev") });
    const result = await render(["--stack", stack], { projectDir: project });

    expectOneLineError(result, `${stack}.json: "istio-gateway-require-tls-13" is no policy of this pack (did you mean istio-gateway-require-tls13?)`);
  });

  it("a new stack without one: says once how to create it, from its environment's file, or to pass --no-policy", async () => {
    const project = temporaryProject({ [stack]: stackFile("staging") });
    const result = await render(["--stack", stack], { projectDir: project });

    expectOneLineError(result, `no policy config for stack "${stack}"`, `cp policy-pack/config/staging.json policy-pack/config/${stack}.json`, "--no-policy");
    expect(result.stderr.match(new RegExp(stack, "g"))).toHaveLength(3);
    expect((await render(["--stack", stack, "--no-policy"], { projectDir: project })).exitCode).toBe(0);
  });
});
