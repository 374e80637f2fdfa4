import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { runAnalysis } from "../../scripts/analysis/analyzeCommand";
import { offlineSettings, withMissingSecrets } from "../../scripts/offline/secretConfig";
import type { AnalyzerMessage } from "../../scripts/analysis/findings";
import { renderIstioReleases } from "../../scripts/analysis/istioCharts";
import { helmReleases } from "../../scripts/offline/helmFiles";
import { loadStackConfig } from "../../scripts/offline/stackConfig";
import { ensureTools, istioctlVersion, type IstioTools } from "../../scripts/tools/istioTools";
import { istioCommit, istioModule } from "../../scripts/tools/toolVersions";
import { projectDir, stacks } from "../support/project";
import { renderedStack } from "../support/renderedStacks";
import { spawnSync } from "child_process";
import { requireSupportedGatewayApi } from "../../policy-pack/policies/crd/requireSupportedGatewayApi";
import { gatewayApiCrd } from "../support/meshFactories";
import { runPolicy } from "../support/policyHarness";

let tools: IstioTools;
let scratch = "";

beforeAll(() => {
  // Throws ToolsUnavailableError, failing every test with the reason, where the tools cannot be built.
  tools = ensureTools({ projectDir, env: process.env, log: (line) => process.stderr.write(`${line}\n`) });
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "istioctl-tests-"));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const key = (message: AnalyzerMessage) => `${message.code} ${message.origin ?? ""}: ${message.message}`;

function analyzeFiles(binary: string, args: readonly string[]): AnalyzerMessage[] {
  const result = spawnSync(binary, args, { encoding: "utf8" });
  expect(result.stderr.includes("panic")).toBe(false);
  return JSON.parse(result.stdout) as AnalyzerMessage[];
}

test("istioctl is the pinned release, built from the pinned commit", () => {
  expect(istioctlVersion(tools.istioctl)).toEqual({ version: istioModule.release, revision: process.env.ISTIOCTL ? expect.any(String) : istioCommit });
});

test("Istio's charts render the released images: docker.io/istio at the release", async () => {
  const run = await renderedStack("dev");
  const rendered = renderIstioReleases(helmReleases(run.registrations), tools.helm, tools.istioModuleDir, path.join(scratch, "charts"));
  const istiod = parseAllDocuments(rendered.get("istiod")!).map((document) => document.toJSON() as { kind?: string; spec?: { template: { spec: { containers: { image: string }[] } } } });
  const deployment = istiod.find((object) => object?.kind === "Deployment")!;
  expect(deployment.spec!.template.spec.containers.map((container) => container.image)).toEqual([`docker.io/istio/pilot:${istioModule.release}`]);
  expect(rendered.get("istio-ingressgateway")).toContain("image: auto");
});

describe("offline-analyze sees what istioctl's file mode drops", () => {
  const files = () => {
    const file = path.join(scratch, "unreachable.yaml");
    fs.writeFileSync(
      file,
      [
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio-injection: enabled}}",
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: api, namespace: shop}\nspec:\n  hosts: [api]\n  http: [{route: [{destination: {host: api.shop.svc.cluster.local}}]}]",
      ].join("\n---\n"),
    );
    return [file];
  };

  test("a route to a Service that does not exist: offline-analyze reports IST0101, istioctl --use-kube=false cannot", () => {
    const offline = analyzeFiles(tools.offlineAnalyze, files());
    const istioctl = analyzeFiles(tools.istioctl, ["analyze", "--use-kube=false", "--all-namespaces", "--output", "json", ...files()]);
    expect(offline.map(key)).toContain('IST0101 VirtualService shop/api: Referenced host not found: "api.shop.svc.cluster.local"');
    expect(istioctl.map(key)).not.toContain('IST0101 VirtualService shop/api: Referenced host not found: "api.shop.svc.cluster.local"');
  });
});

describe.each(stacks)("stack %s", (stack) => {
  test("offline-analyze reports everything the stock istioctl reports, and the application Service stand-ins keep the routes' hosts resolvable", async () => {
    const run = await renderedStack(stack);
    const settings = offlineSettings(withMissingSecrets(loadStackConfig(projectDir, stack)).stackConfig);
    const analysis = runAnalysis(run.registrations, settings, tools, path.join(scratch, stack));
    const offline = new Set(analysis.offline.map(key));
    expect(analysis.istioctl.map(key).filter((message) => !offline.has(message))).toEqual([]);
    expect(analysis.offline.filter((message) => message.code === "IST0101").map(key)).toEqual([]);

    const withoutServices = analysis.input.files.filter((file) => !/stand-ins\/Service-/.test(file));
    const meshConfig = analysis.input.meshConfigFile ? ["-meshConfigFile", analysis.input.meshConfigFile] : [];
    const hostsNotFound = analyzeFiles(tools.offlineAnalyze, [...meshConfig, ...withoutServices]).filter((message) => message.code === "IST0101").map(key);
    expect(hostsNotFound).toContain('IST0101 VirtualService shop/api: Referenced host not found: "api.shop.svc.cluster.local"');
  });
});

describe("staging's Gateway API CRDs under istioctl's IST0176", () => {
  test("the v1.5.1 bundle passes; a TLSRoute CRD at v1.4.0 is reported, as istio-crd-require-supported-gateway-api reports it", async () => {
    const run = await renderedStack("staging");
    const settings = offlineSettings(withMissingSecrets(loadStackConfig(projectDir, "staging")).stackConfig);
    const analysis = runAnalysis(run.registrations, settings, tools, path.join(scratch, "staging-gateway-api"));
    expect(analysis.offline.filter((message) => message.code === "IST0176")).toEqual([]);

    const tlsRoutes = analysis.input.files.find((file) => file.endsWith("CustomResourceDefinition-tlsroutes.gateway.networking.k8s.io.yaml")) as string;
    const older = path.join(scratch, "tlsroutes-v1.4.0.yaml");
    fs.writeFileSync(older, fs.readFileSync(tlsRoutes, "utf8").replace("bundle-version: v1.5.1", "bundle-version: v1.4.0"));
    const meshConfig = analysis.input.meshConfigFile ? ["-meshConfigFile", analysis.input.meshConfigFile] : [];
    const messages = analyzeFiles(tools.offlineAnalyze, [...meshConfig, ...analysis.input.files.filter((file) => file !== tlsRoutes), older]);
    expect(messages.filter((message) => message.code === "IST0176").map(key)).toEqual([expect.stringContaining('"tlsroutes.gateway.networking.k8s.io" is at version "1.4.0"')]);
    const policy = await runPolicy(requireSupportedGatewayApi, [gatewayApiCrd("tlsroutes", "v1.4.0")], { properties: { minimumBundleVersion: "v1.0.0" } });
    expect(policy.map((violation) => violation.message)).toEqual([expect.stringContaining("CustomResourceDefinition tlsroutes.gateway.networking.k8s.io")]);
  });
});
