import * as fs from "fs";
import * as path from "path";
import { certManagerChartValues } from "../../policy-pack/lib/certManagerComponent";
import type { ProgramRun, Registration } from "../../scripts/offline/mockEngine";
import { stacks } from "../support/project";
import { ofType } from "../support/registrations";
import { renderedStack } from "../support/renderedStacks";
import { hasReferenceCharts, referenceChartsDir, referenceVersion, schemaViolations, valuesKeyViolations } from "../support/valuesConformance";

/** Reference folder name prefix per chart, and the maps each chart passes through unchanged (rule 4). */
const charts: Readonly<Record<string, { folder: string; passThrough: string[] }>> = {
  base: { folder: "istio-base", passThrough: [] },
  istiod: { folder: "istiod", passThrough: ["meshConfig"] },
  gateway: { folder: "istio-gateway", passThrough: [] },
  "cert-manager": { folder: "cert-manager", passThrough: [] },
  "kube-prometheus-stack": { folder: "kube-prometheus-stack", passThrough: ["grafana"] },
  jaeger: { folder: "jaeger", passThrough: ["userconfig"] },
  "kiali-server": { folder: "kiali-server", passThrough: ["external_services", "auth", "deployment"] },
  "argo-cd": { folder: "argo-cd", passThrough: ["configs.cm", "configs.params", "configs.rbac", "notifications.cm", "redis-ha"] },
};

interface ChartUse {
  readonly resource: string;
  readonly chart: string;
  readonly version: string;
  readonly values: Record<string, unknown>;
}

/** Helm releases, and the cert-manager component with the values its provider plugin gives the chart. */
function chartUses(run: ProgramRun): ChartUse[] {
  const helmReleases = ofType(run, "kubernetes:helm.sh/v3:Release").map((release: Registration) => ({
    resource: release.name,
    chart: release.inputs.chart as string,
    version: release.inputs.version as string,
    values: (release.inputs.values ?? {}) as Record<string, unknown>,
  }));
  const certManagers = ofType(run, "kubernetes-cert-manager:index:CertManager").map((component: Registration) => {
    const { helmOptions = {} } = component.inputs as { helmOptions?: { version?: string } };
    return { resource: component.name, chart: "cert-manager", version: helmOptions.version ?? "unpinned", values: certManagerChartValues(component.inputs) };
  });
  return [...helmReleases, ...certManagers];
}

const describeWithReference = hasReferenceCharts() ? describe : describe.skip;
if (!hasReferenceCharts()) {
  console.warn(`values-key conformance skipped: ${referenceChartsDir} is absent (it is in CI and beside the developers' checkouts)`);
}

describeWithReference.each(stacks)("stack %s: every Helm values key passes the values-key rule", (stack) => {
  let uses: ChartUse[] = [];
  beforeAll(async () => {
    uses = chartUses(await renderedStack(stack));
  });

  test("the stack installs charts", () => {
    expect(uses.map((use) => use.chart)).toEqual(expect.arrayContaining(["base", "istiod", "gateway"]));
  });

  test("every chart is one whose pinned version has reference data", () => {
    for (const use of uses) {
      const known = charts[use.chart];
      expect(`${use.resource}: ${known ? "known chart" : `unknown chart ${use.chart}`}`).toBe(`${use.resource}: known chart`);
      const folder = path.join(referenceChartsDir, `${known.folder}-${referenceVersion(use.version)}`);
      expect(`${use.resource}: ${fs.existsSync(folder) ? "reference present" : `no reference for ${use.chart} ${use.version}`}`).toBe(
        `${use.resource}: reference present`,
      );
    }
  });

  test("every key is in values.yaml, a commented example, or below a pass-through map; charts with a schema accept the values", () => {
    for (const use of uses) {
      const { folder, passThrough } = charts[use.chart];
      const chartFolder = `${folder}-${referenceVersion(use.version)}`;
      const schemaProblems = schemaViolations(chartFolder, use.values);
      const keyProblems = fs.existsSync(path.join(referenceChartsDir, chartFolder, "values.schema.json")) && schemaProblems.length === 0
        ? []
        : valuesKeyViolations(chartFolder, use.values, passThrough);
      expect({ resource: use.resource, unknownKeys: keyProblems, schemaProblems }).toEqual({ resource: use.resource, unknownKeys: [], schemaProblems: [] });
    }
  });
});

describeWithReference("the values-key rule itself", () => {
  test("a key of no chart version is caught; Istio defaults count as top-level keys", () => {
    expect(valuesKeyViolations("istiod-1.30.3", { autoscaleMin: 2, autoscaleMinimum: 2, global: { proxy: { resources: {} }, istioNamespce: "x" } })).toEqual([
      "autoscaleMinimum",
      "global.istioNamespce",
    ]);
  });

  test("commented-out examples and pass-through maps pass", () => {
    expect(valuesKeyViolations("istiod-1.30.3", { base: { validationFailurePolicy: "Fail" }, meshConfig: { accessLogEncoding: "JSON" } }, ["meshConfig"])).toEqual([]);
    expect(valuesKeyViolations("istiod-1.30.3", { meshConfig: { accessLogEncoding: "JSON" } })).toEqual(["meshConfig.accessLogEncoding"]);
  });

  test("the gateway chart's schema rejects an unknown top-level key", () => {
    expect(schemaViolations("istio-gateway-1.30.3", { labels: { istio: "ingressgateway" } })).toEqual([]);
    expect(schemaViolations("istio-gateway-1.30.3", { label: { istio: "ingressgateway" } }).join()).toContain("additionalProperty");
  });
});
