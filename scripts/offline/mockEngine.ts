import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./stackConfig";
import { secretPlaceholder } from "./stackConfig";

/** One resource as the engine receives it: what `pulumi preview` would show and the policies would judge. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly parent?: string;
  /** Custom resources are managed by a provider; components only group their children. */
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
  /** URNs of the resources this one waits for (explicit dependsOn and the inputs' dependencies). */
  readonly dependsOn: readonly string[];
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** `<provider urn>::<provider id>` of the provider instance that manages it. */
  readonly provider?: string;
}

export interface ProgramRun {
  readonly registrations: readonly Registration[];
  readonly outputs: Record<string, unknown>;
}

const specialSignatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";
const resourceReferenceSignature = "5cf8f73096256a8f31e491e813e4eb8e";
const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Wire values to plain JSON: secrets print as `[secret]`, resource references as their URN. */
function toPlain(value: unknown): unknown {
  if (value === unknownValue) return "[unknown]";
  if (Array.isArray(value)) return value.map(toPlain);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const signature = record[specialSignatureKey];
  if (signature === secretSignature) return secretPlaceholder;
  if (signature === resourceReferenceSignature) return record.urn;
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, toPlain(inner)]));
}

/** The engine's auto-naming: a random suffix, here derived from the URN so renders are reproducible. */
export function autoName(name: string, type: string): string {
  return `${name}-${createHash("sha256").update(`${type}::${name}`).digest("hex").slice(0, 7)}`;
}

/** Outputs the way the real providers report them, so no downstream code relies on a value the engine wouldn't give. */
function mockState(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
  const inputs = args.inputs as Record<string, unknown>;
  if (args.type === "kubernetes:helm.sh/v3:Release") {
    const releaseName = (inputs.name as string | undefined) ?? autoName(args.name, args.type);
    return {
      id: `${inputs.namespace as string}/${releaseName}`,
      state: {
        ...inputs,
        name: releaseName,
        status: { name: releaseName, namespace: inputs.namespace, chart: inputs.chart, version: inputs.version, status: "deployed", revision: 1 },
      },
    };
  }
  if (args.type === "random:index/randomPassword:RandomPassword") {
    // A generated credential: the render shows that it exists, never a value that could pass for one.
    return { id: `${args.name}-id`, state: { ...inputs, result: pulumi.secret(secretPlaceholder), bcryptHash: pulumi.secret(secretPlaceholder) } };
  }
  if (args.type.startsWith("kubernetes:") && args.custom && !args.type.startsWith("kubernetes:helm")) {
    const metadata = (inputs.metadata ?? {}) as Record<string, unknown>;
    const name = (metadata.name as string | undefined) ?? autoName(args.name, args.type);
    const namespace = metadata.namespace as string | undefined;
    return { id: namespace === undefined ? name : `${namespace}/${name}`, state: { ...inputs, metadata: { ...metadata, name } } };
  }
  return { id: args.custom ? `${args.name}-id` : undefined, state: inputs };
}

const mocks: pulumi.runtime.Mocks = {
  newResource: mockState,
  call: (args) => {
    throw new Error(`the offline engine has no answer for the invoke ${args.token}: the program must not depend on cluster reads`);
  },
};

interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getProvider(): string;
}

interface RegisterResourceOutputsRequest {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface InterceptableMonitor {
  registerResource(request: RegisterResourceRequest, callback: (error: unknown, response?: { getUrn(): string }) => void): void;
  registerResourceOutputs(request: RegisterResourceOutputsRequest, callback: (error: unknown, response?: unknown) => void): void;
}

/**
 * Runs a Pulumi program in-process under the SDK's mock monitor with a stack's config, and records every
 * registration the engine would receive. No CLI, cluster or credentials. A program error is rethrown after the
 * engine is disconnected.
 */
export async function runProgram(
  stackConfig: StackConfig,
  program: () => Promise<unknown>,
  /** Receives each registration as it happens, so a caller can see what a failed run registered. */
  registrations: Registration[] = [],
): Promise<ProgramRun> {
  await pulumi.runtime.setMocks(mocks, stackConfig.project, stackConfig.stack, true);
  pulumi.runtime.setAllConfig({ ...stackConfig.config }, [...stackConfig.secretKeys]);

  const monitor = pulumi.runtime.getMonitor() as unknown as InterceptableMonitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) =>
    register(request, (error, response) => {
      if (!error && response) {
        registrations.push({
          type: request.getType(),
          name: request.getName(),
          urn: response.getUrn(),
          parent: request.getParent() || undefined,
          custom: request.getCustom(),
          inputs: toPlain(request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
          dependsOn: request.getDependenciesList(),
          protect: request.getProtect(),
          retainOnDelete: request.getRetainondelete(),
          provider: request.getProvider() || undefined,
        });
      }
      callback(error, response);
    });
  // Outputs as the engine stores them: a secret stays `[secret]`, where the resolved values would show it.
  const outputsByUrn = new Map<string, Record<string, unknown>>();
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (request, callback) => {
    outputsByUrn.set(request.getUrn(), toPlain(request.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>);
    registerOutputs(request, callback);
  };

  // A program error is caught inside the stack so that the stack resource still completes: left to reject,
  // its outputs would reject once more, unhandled, where nobody can catch it.
  let programError: unknown;
  const failed = Symbol("program failed");
  try {
    await pulumi.runtime.runInPulumiStack(async () => {
      try {
        return await program();
      } catch (error) {
        programError = error;
        return failed;
      }
    });
    if (programError !== undefined) throw programError;
  } finally {
    await pulumi.runtime.disconnect();
  }
  const stack = registrations.find((registration) => registration.type === "pulumi:pulumi:Stack");
  return { registrations, outputs: (stack && outputsByUrn.get(stack.urn)) ?? {} };
}
