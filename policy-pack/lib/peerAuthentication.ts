/** The mTLS modes a PeerAuthentication sets, for the whole selection and per port. */
import { asRecord, asString, isSet, Json } from "./values";

export interface MtlsMode {
  readonly path: string;
  readonly mode: string | undefined;
  /** `namespace` for a PeerAuthentication without selector (namespace- or mesh-wide), `workload` otherwise. */
  readonly scope: "namespace" | "workload";
}

export function hasSelector(spec: Json): boolean {
  return Object.keys(asRecord(asRecord(spec.selector).matchLabels)).length > 0;
}

export function peerAuthenticationModes(spec: Json): MtlsMode[] {
  const scope = hasSelector(spec) ? "workload" : "namespace";
  const modes: MtlsMode[] = [{ path: "spec.mtls.mode", mode: asString(asRecord(spec.mtls).mode), scope }];
  for (const [port, setting] of Object.entries(asRecord(spec.portLevelMtls))) {
    if (isSet(setting)) {
      modes.push({ path: `spec.portLevelMtls.${port}.mode`, mode: asString(asRecord(setting).mode), scope: "workload" });
    }
  }
  return modes;
}
