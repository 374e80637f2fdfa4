import { defineResourcePolicy } from "../../lib/definePolicy";
import { peerAuthenticationModes } from "../../lib/peerAuthentication";

/** Mesh traffic stays encrypted: no server-side opt-out. */
export const forbidMtlsDisable = defineResourcePolicy({
  name: "istio-peerauthentication-forbid-mtls-disable",
  description:
    "A PeerAuthentication must not set mTLS mode DISABLE, for the workload or any port: it accepts plain-text " +
    "traffic. Use STRICT (PERMISSIVE only where the stack allows it).",
  enforcementLevel: "mandatory",
  severity: "critical",
  kinds: ["PeerAuthentication"],
  check: (peerAuthentication) =>
    peerAuthenticationModes(peerAuthentication.spec)
      .filter(({ mode }) => mode === "DISABLE")
      .map(({ path }) => ({ path, found: "DISABLE", expected: "STRICT", fix: "Remove DISABLE and set the mode to STRICT." })),
});
