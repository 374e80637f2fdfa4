import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { istioChartRepository } from "../../../components/names";
import { istioReleases, publishedChartFile } from "../../../scripts/analysis/istioCharts";
import type { HelmRelease } from "../../../scripts/offline/helmFiles";
import type { Registration } from "../../../scripts/offline/mockEngine";
import { hasReferenceCharts, istioReferenceVersion, referenceChartsDir } from "../../support/valuesConformance";

describe("charts as Istio publishes them", () => {
  test("Chart.yaml: the placeholder version 1.0.0 becomes the release", () => {
    const published = publishedChartFile("Chart.yaml", "apiVersion: v2\nname: base\n# version: 1.0.0 in a comment stays\nversion: 1.0.0\nappVersion: 1.0.0\n", "1.30.4", "docker.io/istio");
    expect(parse(published)).toEqual({ apiVersion: "v2", name: "base", version: "1.30.4", appVersion: "1.30.4" });
    expect(published).toContain("# version: 1.0.0 in a comment stays");
  });

  test("values.yaml: the testing hub and the latest tag become the released hub and the release", () => {
    const source = "_internal_defaults_do_not_set:\n  global:\n    hub: registry.istio.io/testing\n    tag: latest\n  pilot:\n    image: pilot\n";
    expect(parse(publishedChartFile("values.yaml", source, "1.30.4", "docker.io/istio"))).toEqual({
      _internal_defaults_do_not_set: { global: { hub: "docker.io/istio", tag: "1.30.4" }, pilot: { image: "pilot" } },
    });
  });

  test("templates and other files are published as they are", () => {
    expect(publishedChartFile("deployment.yaml", "hub: registry.istio.io/testing\nversion: 1.0.0\n")).toBe("hub: registry.istio.io/testing\nversion: 1.0.0\n");
  });

  (hasReferenceCharts() ? test : test.skip)(`istiod's values (${istioReferenceVersion} reference, identical in the module): images from docker.io/istio at the release`, () => {
    const source = fs.readFileSync(path.join(referenceChartsDir, `istiod-${istioReferenceVersion}`, "values.yaml"), "utf8");
    const values = parse(publishedChartFile("values.yaml", source, "1.30.4", "docker.io/istio")) as { _internal_defaults_do_not_set: { global: { hub: string; tag: string } } };
    expect(values._internal_defaults_do_not_set.global).toMatchObject({ hub: "docker.io/istio", tag: "1.30.4" });
    expect(publishedChartFile("values.yaml", source, "1.30.4", "docker.io/istio")).not.toMatch(/^\s*(hub: registry\.istio\.io\/testing|tag: latest)$/m);
  });
});

describe("istioReleases", () => {
  const release = (chart: string, repository: string): HelmRelease => ({
    registration: { type: "kubernetes:helm.sh/v3:Release", name: chart } as Registration,
    chart: { release: chart, chart, repository, version: "1.30.4", namespace: "istio-system" },
    values: {},
  });

  test("keeps the base, istiod and gateway releases of Istio's repository only", () => {
    const kept = istioReleases([release("base", istioChartRepository), release("istiod", istioChartRepository), release("gateway", istioChartRepository), release("cni", istioChartRepository), release("jaeger", "https://jaegertracing.github.io/helm-charts")]);
    expect(kept.map(({ chart }) => chart.chart)).toEqual(["base", "istiod", "gateway"]);
  });
});
