import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import type { RenderDocument } from "../../scripts/offline/renderCommand";
import { listStacks } from "../../scripts/offline/stackConfig";
import { projectDir } from "../support/project";
import { listFiles, removeTemporaryDirs, render, type RenderResult, stackFile, temporaryDir, temporaryProject } from "./renderHarness";

afterAll(removeTemporaryDirs);

const istioChartRepository = "https://istio-release.storage.googleapis.com/charts";

interface StackRender {
  readonly result: RenderResult;
  readonly document: RenderDocument;
  readonly outDir: string;
}

const stackRenders = new Map<string, Promise<StackRender>>();

/** `render --stack <stack> --json --out <dir>`, run once per stack and shared by the tests that only read it. */
function renderRepositoryStack(stack: string): Promise<StackRender> {
  const cached = stackRenders.get(stack);
  if (cached) return cached;
  const outDir = temporaryDir();
  const rendering = render(["--stack", stack, "--json", "--out", outDir]).then((result) => ({ result, document: JSON.parse(result.stdout) as RenderDocument, outDir }));
  stackRenders.set(stack, rendering);
  return rendering;
}

describe("render of the repository's stacks", () => {
  it.each(listStacks(projectDir))("renders %s with exit 0 and no mandatory violation", async (stack) => {
    const { result, document } = await renderRepositoryStack(stack);

    expect(result.stderr).not.toContain("error");
    expect(document.violations.filter((violation) => violation.enforcementLevel === "mandatory")).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it("prints one JSON document on stdout with --json, and the preview on stderr", async () => {
    const { result, document } = await renderRepositoryStack("dev");

    expect(Object.keys(document)).toEqual(["stack", "resources", "counts", "violations", "notices", "outputs", "foreignConfig"]);
    expect(document.stack).toBe("dev");
    const istiod = document.resources.find((resource) => resource.name === "istio-istiod");
    expect(istiod).toMatchObject({ type: "kubernetes:helm.sh/v3:Release", inputs: { chart: "istiod", version: "1.30.4" }, protect: false });
    expect(istiod?.parent).toMatch(/istio-mesh:istio:ControlPlane::istio$/);
    expect(istiod?.dependsOn).toEqual([expect.stringMatching(/kubernetes:helm.sh\/v3:Release::istio-base$/)]);
    const releases = document.resources.filter((resource) => resource.type === "kubernetes:helm.sh/v3:Release");
    expect(document.counts).toMatchObject({ "pulumi:pulumi:Stack": 1, "kubernetes:helm.sh/v3:Release": releases.length });
    expect(Object.values(document.counts).reduce((sum, count) => sum + count, 0)).toBe(document.resources.length);
    expect(result.stderr).toContain("Previewing update (dev)");
  });

  it("prints a preview tree with + markers, protected resources and counts per type", async () => {
    const dev = stackFile("dev");
    const istio = { ...(dev.config["istio-mesh:istio"] as object), protectIstioBase: true };
    const result = await render(["--stack", "dev"], { projectDir: temporaryProject({ dev: { config: { ...dev.config, "istio-mesh:istio": istio } } }) });

    expect(result.stdout).toMatch(/^ \+ {3}pulumi:pulumi:Stack +istio-mesh-dev +create$/m);
    expect(result.stdout).toMatch(/^ \+ {3}├─ istio-mesh:istio:ControlPlane +istio +create$/m);
    expect(result.stdout).toMatch(/^ \+ {3}│ {2}├─ kubernetes:helm.sh\/v3:Release +istio-base +create +protect$/m);
    expect(result.stdout).toMatch(/^ {4} *\d+ kubernetes:helm.sh\/v3:Release$/m);
  });

  it("lists the stack outputs as a first preview knows them: the gateway's address unknown, secrets as [secret]", async () => {
    const { result, document } = await renderRepositoryStack("dev");

    expect(document.outputs).toMatchObject({ ingressGatewayAddress: "[unknown]", grafanaAdminPassword: "[secret]", ingressGatewayService: "istio-ingressgateway" });
    expect(result.stderr).toMatch(/^Outputs:\n {4}grafanaAdminPassword: "\[secret\]"\n {4}ingressGatewayAddress: "\[unknown\]"$/m);
    expect(result.stderr).toContain('        "portForward": "kubectl -n monitoring port-forward svc/grafana 3000:80",');
  });

  it("skips the policies with --no-policy", async () => {
    const result = await render(["--stack", "dev", "--json", "--no-policy"]);

    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as RenderDocument).violations).toEqual([]);
    expect(result.stderr).toContain("Policies: not evaluated (--no-policy)");
  });
});

describe("render --out", () => {
  it("writes a manifest per Kubernetes object, values and chart.json per Helm release, and resources.json", async () => {
    const { document, outDir } = await renderRepositoryStack("dev");

    const files = listFiles(outDir);
    const releaseNames = document.resources.filter((resource) => resource.type === "kubernetes:helm.sh/v3:Release").map((release) => release.inputs.name);
    for (const release of releaseNames) expect(files).toEqual(expect.arrayContaining([`helm/${release}/chart.json`, `helm/${release}/values.yaml`]));
    const objects = document.resources.filter((resource) => resource.type.startsWith("kubernetes:") && resource.inputs.metadata !== undefined);
    expect(files.filter((file) => file.startsWith("manifests/"))).toHaveLength(objects.length);
    expect(files).toEqual(expect.arrayContaining(["manifests/_cluster/Namespace-istio-system.yaml", "manifests/_cluster/Namespace-shop.yaml", "resources.json"]));
    expect(files.every((file) => /^(manifests\/[^/]+\/[A-Za-z]+-[^/]+\.yaml|helm\/[^/]+\/(chart\.json|values\.yaml)|resources\.json)$/.test(file))).toBe(true);

    const chart = JSON.parse(fs.readFileSync(path.join(outDir, "helm/istiod/chart.json"), "utf8"));
    expect(chart).toEqual({ release: "istiod", chart: "istiod", repository: istioChartRepository, version: "1.30.4", namespace: "istio-system" });
    const istiod = document.resources.find((resource) => resource.name === "istio-istiod");
    expect(parse(fs.readFileSync(path.join(outDir, "helm/istiod/values.yaml"), "utf8"))).toEqual(istiod?.inputs.values);
    expect(parse(fs.readFileSync(path.join(outDir, "manifests/_cluster/Namespace-shop.yaml"), "utf8"))).toMatchObject({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "shop", labels: { team: "storefront", "istio-injection": "enabled" } },
    });
    expect(JSON.parse(fs.readFileSync(path.join(outDir, "resources.json"), "utf8"))).toEqual(document);
  });
});

describe("render of a broken command line or config", () => {
  it("rejects an unknown stack with exit 2 and writes nothing", async () => {
    const outDir = path.join(temporaryDir(), "out");
    const result = await render(["--stack", "qa", "--out", outDir]);

    expect(result).toMatchObject({ exitCode: 2, stdout: "" });
    expect(result.stderr).toContain('unknown stack "qa"');
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it("explains every option and exit code on --help, with exit 0", async () => {
    const result = await render(["--help"]);

    expect(result.exitCode).toBe(0);
    for (const option of ["--stack <name>", "--out <dir>", "--json", "--no-policy", "exit codes:"]) expect(result.stdout).toContain(option);
  });

  it("rejects an unknown option with exit 2 and the usage line", async () => {
    const result = await render(["--stack", "dev", "--verbose"]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("unknown option --verbose\nusage: npm run render -- --stack <name>");
  });

  it("reports a bad stack config key once, with exit 2, and writes nothing", async () => {
    const dev = stackFile("dev");
    const project = temporaryProject({ dev: { config: { ...dev.config, "istio-mesh:istoi": { mtlsMode: "STRICT" } } } });
    const outDir = path.join(temporaryDir(), "out");
    const result = await render(["--stack", "dev", "--out", outDir], { projectDir: project });

    expect(result).toMatchObject({ exitCode: 2, stdout: "" });
    expect(result.stderr.match(/^error: /gm)).toHaveLength(1);
    expect(result.stderr).toMatch(/^ {2}istoi: /m);
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it("rejects a stack without a policy config with exit 2 and writes nothing", async () => {
    const project = temporaryProject({ qa: stackFile("dev") });
    const outDir = path.join(temporaryDir(), "out");
    const result = await render(["--stack", "qa", "--out", outDir], { projectDir: project });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('no policy config for stack "qa"');
    expect(fs.existsSync(outDir)).toBe(false);
  });
});

describe("render gate", () => {
  it("exits 1 on a mandatory violation, names the resource, policy and fix, and still writes the files", async () => {
    const staging = stackFile("staging");
    const istio = { ...(staging.config["istio-mesh:istio"] as object), outboundTrafficPolicy: "ALLOW_ANY" };
    const project = temporaryProject({ staging: { config: { ...staging.config, "istio-mesh:istio": istio } } });
    const outDir = temporaryDir();
    const result = await render(["--stack", "staging", "--out", outDir], { projectDir: project });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("[mandatory]  istio-helmrelease-require-registry-only-egress  (kubernetes:helm.sh/v3:Release istio-istiod)");
    expect(result.stdout).toMatch(/found "ALLOW_ANY", expected REGISTRY_ONLY/);
    expect(result.stdout).toContain("how to fix: istiod's `meshConfig.outboundTrafficPolicy.mode` must be REGISTRY_ONLY");
    expect(listFiles(outDir)).toContain("helm/istiod/values.yaml");
  });

  it("names the stack config key behind a violation, and lists mandatory findings before advisory ones", async () => {
    const dev = stackFile("dev");
    const uninjectedShop = [{ name: "shop", injection: false }];
    const project = temporaryProject({ dev: { config: { ...dev.config, "istio-mesh:namespaces": uninjectedShop } } });
    const result = await render(["--stack", "dev", "--json"], { projectDir: project });
    const { violations } = JSON.parse(result.stdout) as RenderDocument;

    const egress = violations.find((violation) => violation.policyName === "istio-helmrelease-require-registry-only-egress");
    expect(egress?.enforcementLevel).toBe("advisory");
    expect(egress?.configKeys).toEqual(["istio.outboundTrafficPolicy"]);
    const injection = violations.find((violation) => violation.policyName === "istio-namespace-require-app-injection");
    expect(injection?.enforcementLevel).toBe("mandatory");
    expect(injection?.configKeys).toEqual(["namespaces[0]"]);
    expect(result.stderr).toMatch(/found "ALLOW_ANY", expected REGISTRY_ONLY.*\n {8}stack config key: istio-mesh:istio\.outboundTrafficPolicy\n/);
    const levels = violations.map((violation) => violation.enforcementLevel);
    expect(levels).toEqual([...levels].sort((a, b) => (a === b ? 0 : a === "mandatory" ? -1 : 1)));
    expect(result.stderr.indexOf("[mandatory]")).toBeLessThan(result.stderr.indexOf("[advisory]"));
  });

  it("names each secret prod needs and its file does not hold, with the command that sets it, and still renders", async () => {
    const { result, document } = await renderRepositoryStack("prod");
    const notices = [
      "istio-mesh:cloudflareApiToken (the Cloudflare API token of the ACME DNS-01 solver) is not set: set it with `pulumi config set --secret istio-mesh:cloudflareApiToken <value>`",
      "istio-mesh:pagerDutyRoutingKey (the PagerDuty Events API v2 routing key Alertmanager pages with) is not set: set it with `pulumi config set --secret istio-mesh:pagerDutyRoutingKey <value>`",
      "istio-mesh:slackWebhookUrl (the Slack incoming-webhook URL Alertmanager posts alerts to) is not set: set it with `pulumi config set --secret istio-mesh:slackWebhookUrl <value>`",
      "istio-mesh:kialiOidcClientSecret (Kiali's OpenID Connect client secret) is not set: set it with `pulumi config set --secret istio-mesh:kialiOidcClientSecret <value>`",
    ];

    expect(document.notices).toEqual(notices);
    for (const notice of notices) expect(result.stderr).toContain(`  ${notice}\n`);
    expect(result.exitCode).toBe(0);
    expect((await renderRepositoryStack("dev")).document.notices).toEqual([]);
  });

  it("counts a secure: value in the stack file as set: no notice, and the Secret is written from it", async () => {
    const prod = stackFile("prod");
    const secure = { secure: "v1:token-ciphertext" };
    const secrets = ["cloudflareApiToken", "pagerDutyRoutingKey", "slackWebhookUrl", "kialiOidcClientSecret"].map((key) => [`istio-mesh:${key}`, secure]);
    const project = temporaryProject({ prod: { config: { ...prod.config, ...Object.fromEntries(secrets) } } });
    const result = await render(["--stack", "prod", "--json"], { projectDir: project });
    const document = JSON.parse(result.stdout) as RenderDocument;

    expect([result.exitCode, document.notices]).toEqual([0, []]);
    expect(document.resources.find((resource) => resource.name === "certificates-dns01-credentials")?.inputs.stringData).toBe("[secret]");
    expect(result.stdout + result.stderr).not.toContain("v1:token-ciphertext");
  });

  it("never prints or writes a secret value: stdout, --json and --out show [secret]", async () => {
    const staging = stackFile("staging");
    const values = { grafanaAdminPassword: "grafana-pw-4711", cloudflareApiToken: "cf-token-4712", kialiOidcClientSecret: "oidc-secret-4713" };
    const config = {
      ...staging.config,
      ...Object.fromEntries(Object.entries(values).map(([key, value]) => [`istio-mesh:${key}`, value])),
      "istio-mesh:kubeconfig": { secure: "v1:ciphertext-4714" },
      "istio-mesh:certManager": { issuer: { type: "acme", acme: { email: "ops@example.com", dns01: { provider: "cloudflare" } } } },
      "istio-mesh:kiali": { authStrategy: "openid", openid: { issuerUri: "https://login.example.com", clientId: "kiali" } },
    };
    const project = temporaryProject({ staging: { config } });
    const outDir = temporaryDir();
    const runs = [await render(["--stack", "staging", "--json", "--out", outDir], { projectDir: project }), await render(["--stack", "staging"], { projectDir: project })];

    expect(runs.map((run) => run.exitCode)).toEqual([0, 0]);
    const printed = runs.map((run) => run.stdout + run.stderr).join("");
    const written = listFiles(outDir).map((file) => fs.readFileSync(path.join(outDir, file), "utf8")).join("");
    for (const value of [...Object.values(values), "v1:ciphertext-4714"]) {
      expect([value, printed.includes(value), written.includes(value)]).toEqual([value, false, false]);
    }
    const secrets = listFiles(outDir).filter((file) => /manifests\/[^/]+\/Secret-/.test(file));
    expect(secrets.sort()).toEqual([
      "manifests/cert-manager/Secret-cloudflare-api-token.yaml",
      "manifests/istio-system/Secret-kiali-grafana.yaml",
      "manifests/istio-system/Secret-kiali.yaml",
      "manifests/monitoring/Secret-grafana-admin.yaml",
    ]);
    for (const file of secrets) expect(parse(fs.readFileSync(path.join(outDir, file), "utf8")).stringData).toBe("[secret]");
  });

  it("shows secret config as [secret] and never its ciphertext", async () => {
    const dev = stackFile("dev");
    const project = temporaryProject({ dev: { config: { ...dev.config, "istio-mesh:kubeconfig": { secure: "v1:abc" } } } });
    const result = await render(["--stack", "dev", "--json"], { projectDir: project });

    expect(result.exitCode).toBe(0);
    const provider = (JSON.parse(result.stdout) as RenderDocument).resources.find((resource) => resource.type === "pulumi:providers:kubernetes");
    expect(provider?.inputs.kubeconfig).toBe("[secret]");
    expect(result.stdout + result.stderr).not.toContain("v1:abc");
  });
});
