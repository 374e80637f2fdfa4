import { loadAnalyzerCases } from "../scripts/parity/analyzerCases";
const cases = loadAnalyzerCases("/root/go/pkg/mod/istio.io/istio@v0.0.0-20260826214018-9739e10eb9d7");
console.log(cases.length);
for (const c of cases) console.log(c.name, "|", c.analyzer, "|", c.inputFiles.join(","), c.meshConfigFile ?? "", "|", c.expected.map(e => e.code + " " + e.origin).join("; "));
