import fc from "fast-check";
import { parseSettings, SettingsError } from "../../settings";
import { parseCpuMillicores, parseMemoryBytes } from "../../settings/quantity";
import type { ComputeResources } from "../../settings/environments";
import type { Registration } from "../../scripts/offline/mockEngine";
import { settingsFuzzRuns } from "../arbitraries/runs";
import { prodWithoutHighAvailability, stackSettingsBreakage } from "../arbitraries/stackSettingsBreakage";
import { validStackSettingsInput } from "../arbitraries/stackSettingsInput";
import { renderWithConfig } from "../support/program";

function withinBounds({ requests, limits }: ComputeResources): boolean {
  const cpuLimit = parseCpuMillicores(limits.cpu) ?? NaN;
  const memoryLimit = parseMemoryBytes(limits.memory) ?? NaN;
  return (
    cpuLimit >= 500 && cpuLimit <= 2000 && memoryLimit >= 2 ** 29 && memoryLimit <= 2 ** 31 &&
    (parseCpuMillicores(requests.cpu) ?? NaN) <= cpuLimit && (parseMemoryBytes(requests.memory) ?? NaN) <= memoryLimit
  );
}

/** The error must name the key on a line of its own, with what was expected and what was found. */
function expectKeyNamed(error: unknown, key: string): void {
  expect(error).toBeInstanceOf(SettingsError);
  const line = (error as SettingsError).problems.find((problem) => problem.startsWith(`${key}:`));
  expect({ key, problems: (error as SettingsError).problems, named: line !== undefined }).toMatchObject({ named: true });
  expect(line).toMatch(/expected .+, got /);
}

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("parseSettings over generated stack configs", () => {
  test("every valid config yields istiod and gateways within the resource bounds, and prod-shaped ones are highly available", () => {
    fc.assert(
      fc.property(validStackSettingsInput, (input) => {
        const settings = parseSettings(`generated-${input.environment}`, input);
        const { istiod, ingressGateway, egressGateway } = settings.istio;
        expect([istiod.resources, ingressGateway.resources, egressGateway.resources].every(withinBounds)).toBe(true);
        expect(Object.isFrozen(settings.istio.istiod.resources.limits)).toBe(true);
        if (settings.environment === "prod") {
          expect(istiod.autoscaleMin).toBeGreaterThanOrEqual(2);
          for (const gateway of [ingressGateway, egressGateway]) {
            expect(gateway.minReplicas).toBeGreaterThanOrEqual(2);
            expect(gateway.podDisruptionBudgetMinAvailable).toBeGreaterThanOrEqual(1);
            expect(gateway.topologySpread).toBe(true);
          }
        }
      }),
      { numRuns: settingsFuzzRuns * 0.4 },
    );
  });

  test("every config with one thing broken is rejected with an error naming that key, the value found and what is allowed", () => {
    fc.assert(
      fc.property(stackSettingsBreakage, ({ config, key }) => {
        expectKeyNamed(errorOf(() => parseSettings("generated", config)), key);
      }),
      { numRuns: settingsFuzzRuns * 0.45 },
    );
  });

  test("a prod config without high availability is rejected, naming the key", () => {
    fc.assert(
      fc.property(prodWithoutHighAvailability, ({ config, key }) => {
        expectKeyNamed(errorOf(() => parseSettings("prod", config)), key);
      }),
      { numRuns: settingsFuzzRuns * 0.15 },
    );
  });
});

describe("the whole program with generated invalid configs", () => {
  const samples = fc.sample(stackSettingsBreakage, { numRuns: 5, seed: 20261123 });

  test.each(samples.map((breakage) => [breakage.key, breakage] as const))("broken %s: rejected before any resource is registered", async (key, { config }) => {
    const registered: Registration[] = [];
    const stackConfig = Object.fromEntries(Object.entries(config).map(([name, value]) => [`istio-mesh:${name}`, JSON.stringify(value)]));
    const error = await renderWithConfig("dev", (original) => ({ ...original, ...stackConfig, "istio-mesh:environment": String(config.environment) }), registered).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expectKeyNamed(error, key);
    expect(registered.map((registration) => registration.type)).toEqual(["pulumi:pulumi:Stack"]);
  });
});
