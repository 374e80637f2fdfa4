import * as fs from "fs";
import * as path from "path";
import { istioChartSources } from "../../../scripts/analysis/istioCharts";
import { istioModule } from "../../../scripts/tools/toolVersions";
import { istioModuleDir } from "../../support/goModules";
import { istioReferenceVersion, referenceChartsDir } from "../../support/valuesConformance";

/**
 * The pinned Istio release's charts and CRDs, as the istio.io/istio module holds them, against the
 * ../shared/reference files the other tests read: they must be byte-identical for those tests to speak for the
 * pinned release. Needs the module in Go's module cache (`npm run tools` puts it there) and the reference.
 */
const moduleDir = istioModuleDir;
const available = fs.existsSync(moduleDir) && fs.existsSync(referenceChartsDir);
if (!available) console.warn(`Istio module charts not compared: ${fs.existsSync(moduleDir) ? referenceChartsDir : moduleDir} is absent (npm run tools downloads the module)`);
const describeWithModule = available ? describe : describe.skip;

const referenceFolders: Readonly<Record<string, string>> = { base: "istio-base", istiod: "istiod", gateway: "istio-gateway" };

describeWithModule(`Istio ${istioModule.release} (${istioModule.version}) against the ${istioReferenceVersion} reference`, () => {
  test.each(Object.keys(referenceFolders))("chart %s: every reference file is byte-identical in the module", (chart) => {
    const referenceDir = path.join(referenceChartsDir, `${referenceFolders[chart]}-${istioReferenceVersion}`);
    const files = fs.readdirSync(referenceDir);
    expect(files).toEqual(expect.arrayContaining(["Chart.yaml", "values.yaml"]));
    for (const file of files) {
      const same = fs.readFileSync(path.join(referenceDir, file)).equals(fs.readFileSync(path.join(moduleDir, istioChartSources[chart], file)));
      expect(`${chart}/${file}: ${same ? "identical" : "differs"}`).toBe(`${chart}/${file}: identical`);
    }
  });

  test("the CRDs (base chart's files/crd-all.gen.yaml) are byte-identical", () => {
    const reference = fs.readFileSync(path.join(referenceChartsDir, "..", `istio-crds-${istioReferenceVersion}.yaml`));
    expect(reference.equals(fs.readFileSync(path.join(moduleDir, istioChartSources.base, "files", "crd-all.gen.yaml")))).toBe(true);
  });
});
