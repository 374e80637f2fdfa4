import fc from "fast-check";
import { healthCheckKey, istioHealthCheckKinds, istioHealthChecks, istioHealthLua } from "../../../components/argocdHealthChecks";
import { propertyRuns } from "../../arbitraries/runs";
import { runHealthCheck } from "../../support/luaHealthCheck";

/** A VirtualService as the API server returns it, with the status istiod's analysis writes (CRD: level ERROR|WARNING|INFO|UNKNOWN). */
const virtualService = (status?: Record<string, unknown>, generation = 2) => ({
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "reviews", namespace: "shop", generation },
  spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v9" } }] }] },
  ...(status === undefined ? {} : { status }),
});
const message = (code: string, level: string) => ({ documentationUrl: `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/`, level, type: { code } });

describe("the Istio health check Argo CD runs", () => {
  test("an object istiod has written nothing for is Healthy", () => expect(runHealthCheck(istioHealthLua, virtualService()).status).toBe("Healthy"));
  test("an analysis error (a subset no DestinationRule defines) makes it Degraded, naming the code", () => {
    const health = runHealthCheck(istioHealthLua, virtualService({ observedGeneration: "2", validationMessages: [message("IST0101", "ERROR")] }));
    expect(health.status).toBe("Degraded");
    expect(health.message).toContain("IST0101");
  });
  test("several errors are all named", () => {
    const health = runHealthCheck(istioHealthLua, virtualService({ observedGeneration: "2", validationMessages: [message("IST0101", "ERROR"), message("IST0109", "ERROR")] }));
    expect(health.message).toContain("IST0101, IST0109");
  });
  test("a warning leaves it Healthy and says so", () => {
    const health = runHealthCheck(istioHealthLua, virtualService({ observedGeneration: "2", validationMessages: [message("IST0131", "WARNING")] }));
    expect(health).toEqual({ status: "Healthy", message: expect.stringContaining("IST0131") });
  });
  test("info messages change nothing", () => expect(runHealthCheck(istioHealthLua, virtualService({ observedGeneration: "2", validationMessages: [message("IST0102", "INFO")] })).status).toBe("Healthy"));
  test("errors of an older generation than the object's are Progressing (istiod has not analyzed the change yet)", () =>
    expect(runHealthCheck(istioHealthLua, virtualService({ observedGeneration: "1", validationMessages: [message("IST0101", "ERROR")] }, 2)).status).toBe("Progressing"));
  test("observedGeneration as Istio's JSON writes an int64 (a string) or as a number reads the same", () => {
    const asNumber = runHealthCheck(istioHealthLua, virtualService({ observedGeneration: 2, validationMessages: [message("IST0101", "ERROR")] }));
    const asString = runHealthCheck(istioHealthLua, virtualService({ observedGeneration: "2", validationMessages: [message("IST0101", "ERROR")] }));
    expect([asNumber.status, asString.status]).toEqual(["Degraded", "Degraded"]);
  });
  test("a fixed object whose messages istiod removed is Healthy again", () =>
    expect(runHealthCheck(istioHealthLua, virtualService({ observedGeneration: "3", validationMessages: [] }, 3)).status).toBe("Healthy"));
  test("a message without a type still counts", () =>
    expect(runHealthCheck(istioHealthLua, virtualService({ validationMessages: [{ level: "ERROR" }] })).status).toBe("Degraded"));
  test("every kind istiod analyzes gets the check under argocd-cm's key for it", () => {
    const checks = istioHealthChecks();
    expect(checks[healthCheckKey("networking.istio.io", "VirtualService")]).toBe(istioHealthLua);
    expect(Object.keys(checks)).toHaveLength(Object.values(istioHealthCheckKinds).flat().length);
    expect(Object.keys(checks).every((key) => /^resource\.customizations\.health\.[a-z.]+\.istio\.io_[A-Za-z]+$/.test(key))).toBe(true);
  });

  const level = fc.constantFrom("ERROR", "WARNING", "INFO", "UNKNOWN");
  const code = fc.integer({ min: 1, max: 9999 }).map((n) => `IST${String(n).padStart(4, "0")}`);
  const messages = fc.array(fc.record({ code, level }), { maxLength: 6 });

  test("any status of the current generation is Degraded exactly when it holds an error, naming every error's code", () => {
    fc.assert(
      fc.property(messages, fc.integer({ min: 1, max: 1000 }), fc.boolean(), (written, generation, asText) => {
        const status = { observedGeneration: asText ? String(generation) : generation, validationMessages: written.map((item) => message(item.code, item.level)) };
        const health = runHealthCheck(istioHealthLua, virtualService(status, generation));
        const errors = written.filter((item) => item.level === "ERROR").map((item) => item.code);
        expect(health.status).toBe(errors.length > 0 ? "Degraded" : "Healthy");
        errors.forEach((errorCode) => expect(health.message).toContain(errorCode));
      }),
      propertyRuns,
    );
  });
  test("any status older than the object is Progressing, whatever it holds", () => {
    fc.assert(
      fc.property(messages, fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (written, observed, ahead) => {
        const status = { observedGeneration: String(observed), validationMessages: written.map((item) => message(item.code, item.level)) };
        expect(runHealthCheck(istioHealthLua, virtualService(status, observed + ahead)).status).toBe("Progressing");
      }),
      propertyRuns,
    );
  });
});
