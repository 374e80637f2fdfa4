import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { credentialContentLimit, objectName, ownerOf, writeAnalysisInput, type AnalysisInput } from "../../../scripts/analysis/analysisInput";
import type { AnalyzerMessage } from "../../../scripts/analysis/findings";
import { standInAnnotation, tlsSecretStandIns } from "../../../scripts/analysis/standIns";
import type { ProgramRun } from "../../../scripts/offline/mockEngine";
import { projectDir } from "../../support/project";
import { releases } from "../../support/registrations";
import { renderedStack } from "../../support/renderedStacks";
import { loadStackConfig } from "../../../scripts/offline/stackConfig";
import { offlineSettings, withMissingSecrets } from "../../../scripts/offline/secretConfig";

/** What `helm template` of the ingress gateway chart would give, cut down to a Deployment. */
const ingressChart = stringify({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "istio-ingressgateway", namespace: "istio-ingress" },
  spec: { template: { metadata: { labels: { istio: "ingressgateway" } }, spec: { containers: [{ name: "istio-proxy", image: "auto" }] } } },
});

let run: ProgramRun;
let input: AnalysisInput;
let inputDir = "";

beforeAll(async () => {
  run = await renderedStack("prod");
  inputDir = fs.mkdtempSync(path.join(os.tmpdir(), "analysis-input-"));
  input = writeAnalysisInput(run.registrations, new Map([["istio-ingressgateway", ingressChart]]), offlineSettings(withMissingSecrets(loadStackConfig(projectDir, "prod")).stackConfig), inputDir);
});
afterAll(() => fs.rmSync(inputDir, { recursive: true, force: true }));

const sourceOf = (relative: string) => input.sources.get(path.join(inputDir, relative));

describe("the analysis input of the prod stack", () => {
  test("every Kubernetes object of the render is a file that belongs to the resource that declares it", () => {
    const gateway = run.registrations.find((registration) => registration.type === "kubernetes:networking.istio.io/v1:Gateway" && (registration.inputs.metadata as { name: string }).name === "ingress");
    expect(gateway).toBeDefined();
    expect(sourceOf("manifests/istio-ingress/Gateway-ingress.yaml")).toEqual({ owner: ownerOf(gateway!), standIn: false });
    expect(input.files.filter((file) => file.includes(`${path.sep}manifests${path.sep}`)).length).toBeGreaterThan(20);
  });

  test("a release's rendered chart belongs to the Release resource, saying which chart rendered it", () => {
    const release = releases(run).get("istio-ingressgateway")!;
    expect(sourceOf("charts/istio-ingressgateway.yaml")).toEqual({ owner: ownerOf(release), via: "rendered by chart gateway", standIn: false });
  });

  test("stand-ins belong to the resource their source object belongs to, or to the config key, and say what they stand for", () => {
    const release = releases(run).get("istio-ingressgateway")!;
    expect(sourceOf("stand-ins/Pod-istio-ingress-istio-ingressgateway-stand-in.yaml")).toEqual({
      owner: ownerOf(release),
      via: "stand-in: a Pod of Deployment istio-ingress/istio-ingressgateway",
      standIn: true,
    });
    expect(sourceOf("stand-ins/Service-shop-api.yaml")).toEqual({ owner: "istio-mesh:mesh.services[0]", via: "stand-in: the application Service shop/api", standIn: true });
    const certificate = run.registrations.find((registration) => registration.type === "kubernetes:cert-manager.io/v1:Certificate")!;
    expect(sourceOf("stand-ins/Secret-istio-ingress-api-example-com-tls.yaml")?.owner).toBe(ownerOf(certificate));
  });

  test("every stand-in file is marked as one, and none is a resource of the stack", () => {
    const standInFiles = input.files.filter((file) => file.includes(`${path.sep}stand-ins${path.sep}`));
    expect(standInFiles.length).toBe(input.standIns.length);
    for (const file of standInFiles) {
      const object = parse(fs.readFileSync(file, "utf8")) as { metadata: { annotations: Record<string, string> } };
      expect(object.metadata.annotations[standInAnnotation]).toMatch(/^(a Pod of|a pod of|the TLS Secret|the application Service|Argo CD's Service)/);
      expect(input.sources.get(file)?.standIn).toBe(true);
    }
  });

  test("the mesh config is istiod's meshConfig values", () => {
    const istiod = releases(run).get("istiod")!;
    expect(parse(fs.readFileSync(input.meshConfigFile!, "utf8"))).toEqual((istiod.inputs.values as { meshConfig: unknown }).meshConfig);
  });
});

describe("credentialContentLimit", () => {
  const gateway = (name: string, credentialName: string) => ({
    apiVersion: "networking.istio.io/v1",
    kind: "Gateway",
    metadata: { name, namespace: "istio-ingress" },
    spec: { servers: [{ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["*"], tls: { mode: "SIMPLE", credentialName } }] },
  });
  const certificate = { apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: { name: "api", namespace: "istio-ingress" }, spec: { secretName: "api-tls" } };
  const limit = credentialContentLimit([gateway("ingress", "api-tls"), gateway("partner", "partner-tls")], tlsSecretStandIns([certificate]));
  const invalidCredential = (origin: string): AnalyzerMessage => ({ code: "IST0161", level: "Error", message: "The credential … is invalid", origin });

  test("sets IST0161 aside where every credential the Gateway names is a stand-in Secret", () => {
    expect(limit(invalidCredential("Gateway istio-ingress/ingress"))).toMatch(/cert-manager writes at runtime/);
  });

  test("keeps IST0161 on a Gateway whose credential is a Secret the analysis did not make up", () => {
    expect(limit(invalidCredential("Gateway istio-ingress/partner"))).toBeUndefined();
  });

  test("keeps every other code", () => {
    expect(limit({ ...invalidCredential("Gateway istio-ingress/ingress"), code: "IST0101" })).toBeUndefined();
  });

  test("names objects as istioctl does", () => {
    expect(objectName(gateway("ingress", "x"))).toBe("Gateway istio-ingress/ingress");
    expect(objectName({ kind: "Namespace", metadata: { name: "shop" } })).toBe("Namespace shop");
  });
});
