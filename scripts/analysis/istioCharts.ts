import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { istioChartRepository } from "../../components/names";
import type { HelmRelease } from "../offline/helmFiles";
import { istioModule } from "../tools/toolVersions";

/** Where each chart of Istio's Helm repository lives in the istio.io/istio module. */
export const istioChartSources: Readonly<Record<string, string>> = Object.freeze({
  base: "manifests/charts/base",
  istiod: "manifests/charts/istio-control/istio-discovery",
  gateway: "manifests/charts/gateway",
});

/** The releases of the stack that install a chart of Istio's repository. */
export function istioReleases(releases: readonly HelmRelease[]): HelmRelease[] {
  return releases.filter(({ chart }) => chart.repository === istioChartRepository && chart.chart in istioChartSources);
}

/**
 * A chart file as Istio's release process publishes it (istio/release-builder `sanitizeChart`): the placeholder
 * version `1.0.0` of Chart.yaml becomes the release, the testing hub and the `latest` tag of values.yaml the
 * released hub and the release. Other files are published as they are.
 */
export function publishedChartFile(fileName: string, text: string, release: string = istioModule.release, hub: string = istioModule.releasedHub): string {
  if (fileName === "Chart.yaml") return text.replace(/^(version|appVersion): 1\.0\.0$/gm, `$1: ${release}`);
  if (fileName === "values.yaml") return text.replace(/^(\s*)hub: registry\.istio\.io\/testing$/gm, `$1hub: ${hub}`).replace(/^(\s*)tag: latest$/gm, `$1tag: ${release}`);
  return text;
}

/** Copies a chart out of the (read-only) module cache as it is published. */
function copyPublishedChart(source: string, target: string): void {
  fs.mkdirSync(target, { recursive: true });
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) copyPublishedChart(from, to);
    else fs.writeFileSync(to, publishedChartFile(entry.name, fs.readFileSync(from, "utf8")));
  }
}

/**
 * `helm template` of each Istio release with the values the stack gives it, from the module's charts as Istio
 * publishes them: the Deployments, Services, ConfigMaps and webhooks the cluster would get. Returns the
 * rendered YAML per release name; the published charts are written below `workDir/charts`.
 */
export function renderIstioReleases(releases: readonly HelmRelease[], helm: string, istioModuleDir: string, workDir: string): Map<string, string> {
  const rendered = new Map<string, string>();
  for (const { chart, values } of istioReleases(releases)) {
    const chartDir = path.join(workDir, "charts", chart.chart);
    if (!fs.existsSync(chartDir)) copyPublishedChart(path.join(istioModuleDir, istioChartSources[chart.chart]), chartDir);
    const valuesFile = path.join(workDir, "values", `${chart.release}.yaml`);
    fs.mkdirSync(path.dirname(valuesFile), { recursive: true });
    fs.writeFileSync(valuesFile, stringify(values));
    const manifest = execFileSync(helm, ["template", chart.release, chartDir, "--namespace", chart.namespace, "--values", valuesFile], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
    rendered.set(chart.release, manifest);
  }
  return rendered;
}
