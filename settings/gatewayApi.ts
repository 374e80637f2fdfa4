import { z } from "zod";
import type { Environment } from "./environments";
import { describeValue } from "./errors";
import type { IngressApi } from "./meshTypes";
import { boolean, oneOf } from "./validators";

/** `istio-mesh:gatewayApi`: who owns the Gateway API CRDs of a stack whose ingress is the Gateway API. */
export const gatewayApiInput = z.strictObject({
  crds: oneOf(["install", "existing"]).optional(),
  protectCrds: boolean.optional(),
});
export type GatewayApiInput = z.infer<typeof gatewayApiInput>;

export interface GatewayApiSettings {
  /**
   * `install`: the program installs the standard-channel CRDs of the pinned release (and its safe-upgrades admission
   * policy) before any Gateway API object; `existing`: the cluster's owner provides them (managed clusters often do),
   * at that release or later. Undefined while the stack's ingress is Istio's. @defaultValue "install"
   */
  readonly crds?: "install" | "existing";
  /** Protect the installed CRDs and keep them on delete: deleting a CRD deletes every route in the cluster. @defaultValue true in prod */
  readonly protectCrds: boolean;
}

/** `gatewayApi` with defaults; its keys belong to a stack whose `mesh.ingress.api` is `gateway-api`. */
export function resolveGatewayApi(input: GatewayApiInput | undefined, api: IngressApi, environment: Environment, problems: string[]): GatewayApiSettings {
  if (api !== "gateway-api" && input !== undefined && Object.keys(input).length > 0) {
    problems.push(`gatewayApi: expected no Gateway API settings while mesh.ingress.api is "istio" (set mesh.ingress.api: gateway-api to use them), got ${describeValue(input)}`);
  }
  const protectCrds = input?.protectCrds ?? environment === "prod";
  if (input?.crds === "existing" && input.protectCrds !== undefined) {
    problems.push(`gatewayApi.protectCrds: expected no value with gatewayApi.crds "existing" (the stack installs no CRDs to protect), got ${describeValue(input.protectCrds)}`);
  }
  return { crds: api === "gateway-api" ? (input?.crds ?? "install") : undefined, protectCrds };
}
