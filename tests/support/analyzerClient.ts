import { type ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type { Registration } from "../../scripts/offline/mockEngine";
import { providerLookup } from "../../scripts/offline/providerLookup";
import { projectDir } from "./project";

/**
 * The policy pack spoken to as the Pulumi engine speaks to it: started through the SDK's run-policy-pack in the
 * pack's folder (ts-node, type checking), reached over gRPC at the port it prints.
 */

export const packDir = path.join(projectDir, "policy-pack");

export interface Diagnostic {
  readonly policyName: string;
  readonly enforcementLevel: "advisory" | "mandatory" | "disabled" | "remediate";
  readonly message: string;
  readonly urn: string;
}

export interface PolicyInfo {
  readonly name: string;
  readonly enforcementLevel: Diagnostic["enforcementLevel"];
  readonly configSchema?: { properties?: Record<string, unknown>; required?: string[] };
}

const levelNames = ["advisory", "mandatory", "disabled", "remediate"] as const;
const levelNumbers = { advisory: analyzer.EnforcementLevel.ADVISORY, mandatory: analyzer.EnforcementLevel.MANDATORY, disabled: analyzer.EnforcementLevel.DISABLED, remediate: analyzer.EnforcementLevel.REMEDIATE };

export interface RunningPack {
  readonly client: AnalyzerClient;
  readonly process: ChildProcess;
}

/** Starts the pack the way the engine does: `<run-policy-pack> <engine address> <pack path>` in the pack folder. */
export function startPack(timeoutMs: number): Promise<RunningPack> {
  const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
  const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:0", "."], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the pack printed no port within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const port = /^(\d+)\s*$/m.exec(stdout)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ client: new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()), process: child });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the pack exited with ${code} before serving: ${stderr}`));
    });
  });
}

function call<Request, Response>(method: (request: Request, callback: (error: grpc.ServiceError | null, response: Response) => void) => unknown, request: Request): Promise<Response> {
  return new Promise((resolve, reject) => method(request, (error, response) => (error ? reject(error) : resolve(response))));
}

export async function getAnalyzerInfo(client: AnalyzerClient): Promise<{ name: string; policies: PolicyInfo[] }> {
  const info = await call<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo.bind(client), new Empty());
  return {
    name: info.getName(),
    policies: info.getPoliciesList().map((policy) => ({
      name: policy.getName(),
      enforcementLevel: levelNames[policy.getEnforcementlevel()],
      configSchema: policy.getConfigschema()
        ? { properties: policy.getConfigschema()?.getProperties()?.toJavaScript(), required: policy.getConfigschema()?.getRequiredList() }
        : undefined,
    })),
  };
}

/** What the CLI sends after reading `--policy-pack-config`: each policy's level and its properties. */
export async function configure(client: AnalyzerClient, config: ReadonlyMap<string, { enforcementLevel?: string; properties: Record<string, unknown> }>): Promise<void> {
  const request = new analyzer.ConfigureAnalyzerRequest();
  for (const [policyName, { enforcementLevel, properties }] of config) {
    const policyConfig = new analyzer.PolicyConfig();
    policyConfig.setEnforcementlevel(levelNumbers[(enforcementLevel ?? "advisory") as keyof typeof levelNumbers]);
    policyConfig.setProperties(Struct.fromJavaScript(properties as Parameters<typeof Struct.fromJavaScript>[0]));
    request.getPolicyconfigMap().set(policyName, policyConfig);
  }
  await call<analyzer.ConfigureAnalyzerRequest, Empty>(client.configure.bind(client), request);
}

function options(registration: Registration): analyzer.AnalyzerResourceOptions {
  const resourceOptions = new analyzer.AnalyzerResourceOptions();
  resourceOptions.setProtect(registration.protect);
  if (registration.parent) resourceOptions.setParent(registration.parent);
  return resourceOptions;
}

function providerResource(provider: Registration | undefined): analyzer.AnalyzerProviderResource | undefined {
  if (!provider) return undefined;
  const resource = new analyzer.AnalyzerProviderResource();
  resource.setType(provider.type);
  resource.setUrn(provider.urn);
  resource.setName(provider.name);
  resource.setProperties(Struct.fromJavaScript(provider.inputs as Parameters<typeof Struct.fromJavaScript>[0]));
  return resource;
}

function diagnostics(response: analyzer.AnalyzeResponse): Diagnostic[] {
  return response.getDiagnosticsList().map((diagnostic) => ({
    policyName: diagnostic.getPolicyname(),
    enforcementLevel: levelNames[diagnostic.getEnforcementlevel()],
    message: diagnostic.getMessage(),
    urn: diagnostic.getUrn(),
  }));
}

/** Analyze for every resource (the inputs, one at a time), then AnalyzeStack once with all of them. */
export async function analyzeStack(client: AnalyzerClient, registrations: readonly Registration[]): Promise<Diagnostic[]> {
  const providerOf = providerLookup(registrations);
  const found: Diagnostic[] = [];
  const stackRequest = new analyzer.AnalyzeStackRequest();
  for (const registration of registrations) {
    const properties = Struct.fromJavaScript(registration.inputs as Parameters<typeof Struct.fromJavaScript>[0]);
    const request = new analyzer.AnalyzeRequest();
    request.setType(registration.type);
    request.setName(registration.name);
    request.setUrn(registration.urn);
    request.setProperties(properties);
    request.setOptions(options(registration));
    const provider = providerResource(providerOf(registration));
    if (provider) request.setProvider(provider);
    found.push(...diagnostics(await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(client.analyze.bind(client), request)).map((diagnostic) => ({ ...diagnostic, urn: diagnostic.urn || registration.urn })));

    const resource = new analyzer.AnalyzerResource();
    resource.setType(registration.type);
    resource.setName(registration.name);
    resource.setUrn(registration.urn);
    resource.setProperties(properties);
    resource.setOptions(options(registration));
    if (registration.parent) resource.setParent(registration.parent);
    resource.setDependenciesList([...registration.dependsOn]);
    if (provider) resource.setProvider(provider);
    stackRequest.addResources(resource);
  }
  found.push(...diagnostics(await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(client.analyzeStack.bind(client), stackRequest)));
  return found;
}
