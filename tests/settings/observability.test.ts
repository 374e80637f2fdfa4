import { parseSettings } from "../../settings";
import { problemsOf, withCriticalReceiver } from "../support/settingsProblems";

const prodAcme = { issuer: { type: "acme", acme: { email: "ops@example.com", dns01: { provider: "cloudflare", apiTokenSecretName: "cf" } } } };

describe("add-on combinations that cannot work name the key, the value and what is allowed", () => {
  test("Kiali while Prometheus is off", () => {
    expect(problemsOf("dev", { monitoring: { enabled: false } })).toEqual([
      "kiali.enabled: expected false while monitoring.enabled is false (Kiali reads its graphs and health from Prometheus), got true",
    ]);
    expect(problemsOf("dev", { monitoring: { enabled: false }, kiali: { enabled: false } })).toEqual([]);
  });

  test("sampling above 100 percent", () => {
    expect(problemsOf("dev", { tracing: { samplingPercentage: 150 } })).toEqual(["tracing.samplingPercentage: expected a percentage from 0 to 100, got 150"]);
  });

  test("an ACME issuer without an email", () => {
    expect(problemsOf("staging", { certManager: { issuer: { type: "acme", acme: { dns01: { provider: "route53", region: "eu-west-1" } } } } })).toEqual([
      expect.stringMatching(/^certManager\.issuer\.acme\.email: expected an email address .*, got nothing$/),
    ]);
  });

  test("an ACME issuer on DNS-01 without a DNS provider", () => {
    expect(problemsOf("prod", withCriticalReceiver({ certManager: { issuer: { type: "acme", acme: { email: "ops@example.com" } } } }))).toEqual([
      expect.stringMatching(/^certManager\.issuer\.acme\.dns01: expected \{provider: "cloudflare"\} or \{provider: "route53", region\}/),
    ]);
  });

  test("HTTPS hosts while cert-manager is off", () => {
    expect(problemsOf("dev", { certManager: { enabled: false }, mesh: { ingress: { hosts: ["api.example.com"] } } })).toEqual([
      'mesh.ingress.hosts: expected no HTTPS hosts while certManager.enabled is false (cert-manager writes their TLS secrets; set certManager.enabled true), got ["api.example.com"]',
    ]);
  });

  test("a prod stack with HTTPS hosts but no ACME account asks for one", () => {
    expect(problemsOf("prod", withCriticalReceiver({ mesh: { ingress: { hosts: ["api.example.com"] } } })).map((problem) => problem.split(":")[0])).toEqual([
      "certManager.issuer.acme.email",
      "certManager.issuer.acme.dns01",
    ]);
  });

  test("HTTP-01 with a redirect that would catch the challenge path, and with a wildcard host", () => {
    const http01 = { issuer: { type: "acme", acme: { email: "ops@example.com", solver: "http01" } } };
    expect(problemsOf("staging", { certManager: http01, mesh: { ingress: { hosts: ["api.example.com"] } } })).toEqual([
      expect.stringMatching(/^mesh\.ingress\.acmeHttp01: expected true with certManager\.issuer\.acme\.solver "http01" while mesh\.ingress\.httpsRedirect is true .*, got false$/),
    ]);
    expect(problemsOf("staging", { certManager: http01, mesh: { ingress: { hosts: ["api.example.com"], acmeHttp01: true } } })).toEqual([]);
    expect(problemsOf("staging", { certManager: http01, mesh: { ingress: { hosts: ["*.example.com"], acmeHttp01: true } } })).toEqual([
      expect.stringMatching(/^mesh\.ingress\.hosts: expected no wildcard hosts with certManager\.issuer\.acme\.solver "http01"/),
    ]);
  });

  test("two hosts whose TLS secret names coincide", () => {
    expect(problemsOf("dev", { mesh: { ingress: { hosts: ["a-b.example.com", "a.b-example.com"] } } })).toEqual([
      'mesh.ingress.hosts: expected hosts with distinct TLS secret names, got "a-b.example.com" and "a.b-example.com" (both a-b-example-com-tls)',
    ]);
  });

  test("anonymous Kiali outside dev, and openid without its settings", () => {
    expect(problemsOf("staging", { kiali: { authStrategy: "anonymous" } })).toEqual([
      'kiali.authStrategy: expected "token" or "openid" in a staging stack (anonymous gives anyone the mesh\'s topology), got "anonymous"',
    ]);
    expect(problemsOf("dev", { kiali: { authStrategy: "openid" } })[0]).toMatch(/^kiali\.openid: expected \{issuerUri, clientId, clientSecretName\?\}/);
  });

  test("prod keeps its data: traces not in memory, Prometheus on a volume with two replicas, cert-manager doubled", () => {
    expect(
      problemsOf("prod", withCriticalReceiver({
        certManager: { ...prodAcme, replicas: 1 },
        monitoring: { prometheus: { replicas: 1, persistence: { enabled: false } } },
        tracing: { storage: { type: "memory" } },
      })).map((problem) => problem.split(":")[0]),
    ).toEqual(["certManager.replicas", "monitoring.prometheus.replicas", "monitoring.prometheus.persistence.enabled", "tracing.storage.type"]);
  });

  test("storage options of another storage type are rejected, not ignored", () => {
    expect(problemsOf("dev", { tracing: { storage: { type: "memory", volume: { size: "5Gi" } } } })).toEqual([
      'tracing.storage.volume: expected nothing while tracing.storage.type is "memory" (it applies to "badger"), got {"size":"5Gi"}',
    ]);
  });

  test("more traces in memory than half the memory limit holds at 32 KiB a trace", () => {
    expect(problemsOf("dev", { tracing: { storage: { type: "memory", maxTraces: 100_000 } } })).toEqual([
      "tracing.storage.maxTraces: expected at most 8192 (half of tracing.resources.limits.memory 512Mi at 32 KiB per trace; raise the limit for more), got 100000",
    ]);
    expect(problemsOf("dev", { tracing: { storage: { type: "memory", maxTraces: 100_000 }, resources: { limits: { memory: "8Gi" } } } })).toEqual([]);
  });

  test("a misspelt add-on key is an error, not ignored", () => {
    expect(problemsOf("dev", { tracing: { samplingPercent: 5 } })).toEqual([expect.stringMatching(/^tracing\.samplingPercent: expected one of the known keys \(enabled, samplingPercentage, storage, resources, externalUrl\)/)]);
  });
});

describe("per-environment add-on defaults", () => {
  test("dev traces everything into memory and lets Kiali in without login; prod samples 1% into Badger behind token login", () => {
    const dev = parseSettings("dev", {});
    expect([dev.tracing.samplingPercentage, dev.tracing.storage.type, dev.kiali.authStrategy, dev.monitoring.prometheus.persistence]).toEqual([100, "memory", "anonymous", undefined]);
    const staging = parseSettings("staging", {});
    expect([staging.tracing.samplingPercentage, staging.kiali.authStrategy, staging.certManager.issuer.type]).toEqual([1, "token", "selfSigned"]);
    const prod = parseSettings("prod", withCriticalReceiver({ certManager: prodAcme }));
    expect([prod.tracing.samplingPercentage, prod.tracing.storage.type, prod.kiali.authStrategy, prod.kiali.viewOnly]).toEqual([1, "badger", "token", true]);
    expect([prod.certManager.replicas, prod.certManager.podDisruptionBudget, prod.monitoring.prometheus.replicas]).toEqual([2, true, 2]);
    expect(prod.monitoring.prometheus.persistence?.size).toBe("100Gi");
  });

  test("traces in memory are bounded by the memory limit: half of it at 32 KiB a trace", () => {
    expect(parseSettings("dev", {}).tracing.storage).toEqual({ type: "memory", maxTraces: 8192 });
    expect(parseSettings("staging", {}).tracing.storage).toEqual({ type: "memory", maxTraces: 16384 });
    expect(parseSettings("dev", { tracing: { resources: { limits: { memory: "2Gi" } } } }).tracing.storage).toEqual({ type: "memory", maxTraces: 32768 });
    expect(parseSettings("dev", { tracing: { storage: { type: "memory", maxTraces: 5000 } } }).tracing.storage).toEqual({ type: "memory", maxTraces: 5000 });
  });

  test("a sampling rate of 0 is kept, not replaced by the default", () => {
    expect(parseSettings("dev", { tracing: { samplingPercentage: 0 } }).tracing.samplingPercentage).toBe(0);
  });

  test("a new prod stack without HTTPS hosts needs no ACME account yet, and creates no issuer", () => {
    expect(parseSettings("prod", withCriticalReceiver({})).certManager.issuer).toEqual({ type: "none" });
  });
});
