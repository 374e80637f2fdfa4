import fc from "fast-check";
import { parseSettings, SettingsError } from "../../settings";
import { parseCpuMillicores, parseMemoryBytes } from "../../settings/quantity";
import type { ComputeResources } from "../../settings/environments";
import { traceMemoryBudget } from "../../settings/tracing";
import { observabilityBreakage } from "../arbitraries/observabilityBreakage";
import { validObservabilityInput } from "../arbitraries/observabilityInput";
import { propertyRuns } from "../arbitraries/runs";
import { problemsOf } from "../support/settingsProblems";

const withinLimits = ({ requests, limits }: ComputeResources) =>
  (parseCpuMillicores(requests.cpu) ?? NaN) <= (parseCpuMillicores(limits.cpu) ?? NaN) &&
  (parseMemoryBytes(requests.memory) ?? NaN) <= (parseMemoryBytes(limits.memory) ?? NaN);

describe("the add-on settings over generated configs", () => {
  test("every valid config is accepted and keeps what it asked for", () => {
    fc.assert(
      fc.property(validObservabilityInput, (input) => {
        const settings = parseSettings(`generated-${input.environment}`, input);
        expect(settings.tracing.samplingPercentage).toBe(input.tracing.samplingPercentage);
        expect(settings.kiali.enabled && !settings.monitoring.enabled).toBe(false);
        expect(settings.certManager.enabled || settings.mesh.ingress.hosts.length === 0).toBe(true);
        for (const resources of [settings.certManager.resources, settings.tracing.resources, settings.kiali.resources, settings.monitoring.prometheus.resources]) {
          expect(withinLimits(resources)).toBe(true);
        }
      }),
      propertyRuns,
    );
  });

  test("Jaeger's in-memory store never holds more than half the memory limit at 32 KiB a trace", () => {
    fc.assert(
      fc.property(validObservabilityInput, (input) => {
        const { storage, resources } = parseSettings(`generated-${input.environment}`, input).tracing;
        if (storage.type !== "memory") return;
        expect(storage.maxTraces * traceMemoryBudget.bytesPerTrace).toBeLessThanOrEqual(Math.max(traceMemoryBudget.bytesPerTrace, (parseMemoryBytes(resources.limits.memory) ?? 0) / 2));
      }),
      propertyRuns,
    );
  });

  test("prod configs are highly available and persistent, and never let anyone into Kiali anonymously", () => {
    fc.assert(
      fc.property(validObservabilityInput, (input) => {
        const settings = parseSettings(`generated-${input.environment}`, input);
        if (settings.environment !== "dev") expect(settings.kiali.authStrategy).not.toBe("anonymous");
        if (settings.environment !== "prod") return;
        expect(settings.certManager).toMatchObject({ podDisruptionBudget: true });
        expect(settings.certManager.replicas).toBeGreaterThanOrEqual(2);
        expect(settings.monitoring.prometheus.replicas).toBeGreaterThanOrEqual(2);
        expect(settings.monitoring.prometheus.persistence).toBeDefined();
        expect(settings.tracing.storage.type).not.toBe("memory");
      }),
      propertyRuns,
    );
  });

  test("one broken combination is rejected with a line that names its key, what was expected and what was found", () => {
    fc.assert(
      fc.property(observabilityBreakage, ({ config, key }) => {
        expect(() => parseSettings(`generated-${String(config.environment)}`, config)).toThrow(SettingsError);
        const problems = problemsOf(`generated-${String(config.environment)}`, config);
        const line = problems.find((problem) => problem.startsWith(`${key}:`));
        expect({ key, problems, named: line !== undefined }).toMatchObject({ named: true });
        expect(line).toMatch(/expected .+, got /);
      }),
      propertyRuns,
    );
  });
});
