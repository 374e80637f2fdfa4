import { CertManager, type CertManagerArgs } from "@pulumi/kubernetes-cert-manager";
import { certManagerChartValues, certManagerTypedKeys, shadowedHelmValues } from "../../../policy-pack/lib/certManagerComponent";
import { runProgram } from "../../../scripts/offline/mockEngine";

describe("the cert-manager component's values rule", () => {
  test("a typed key placed only in helmOptions.values is lost; keys it does not type reach the chart", () => {
    const props = { replicaCount: 2, helmOptions: { values: { crds: { enabled: true }, webhook: { replicaCount: 2 }, replicaCount: 1 } } };
    expect(certManagerChartValues(props)).toEqual({ crds: { enabled: true }, replicaCount: 2 });
    expect(shadowedHelmValues(props)).toEqual(["webhook", "replicaCount"]);
  });

  test("a typed input replaces the whole helmOptions.values entry of its name, not key by key", () => {
    const props = { webhook: { replicaCount: 2 }, helmOptions: { values: { webhook: { replicaCount: 1, podDisruptionBudget: { enabled: true } } } } };
    expect(certManagerChartValues(props)).toEqual({ webhook: { replicaCount: 2 } });
  });

  test("the typed keys are exactly the inputs the installed @pulumi/kubernetes-cert-manager forwards to its provider", async () => {
    const forwarded = new Set<string>();
    const recordReads = new Proxy({}, { get: (_target, key) => (typeof key === "string" && forwarded.add(key), undefined) });
    await runProgram({ project: "probe", stack: "probe", config: {}, secretKeys: [] }, async () => new CertManager("probe", recordReads as CertManagerArgs));
    expect([...forwarded].filter((key) => key !== "helmOptions").sort()).toEqual([...certManagerTypedKeys].sort());
  });
});
