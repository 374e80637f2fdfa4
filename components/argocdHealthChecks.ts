/**
 * Argo CD's health checks for Istio objects. Argo CD ships none for Istio's groups and counts a custom resource
 * without a health check as healthy, so a VirtualService istiod rejects at runtime (a missing subset, gateway or host)
 * would show Healthy. istiod's in-cluster analysis (`PILOT_ENABLE_ANALYSIS`, the istiod chart's
 * `global.istiod.enableAnalysis`) writes what it finds into the object's `status.validationMessages`
 * (`{type: {code}, level: ERROR|WARNING|INFO}`, with `status.observedGeneration`); these checks read it.
 */

/** The Istio kinds istiod writes analysis status for, by API group: every kind an Application may sync. */
export const istioHealthCheckKinds: Readonly<Record<string, readonly string[]>> = {
  "networking.istio.io": ["VirtualService", "DestinationRule", "Gateway", "ServiceEntry", "Sidecar", "EnvoyFilter", "WorkloadEntry", "WorkloadGroup", "ProxyConfig"],
  "security.istio.io": ["PeerAuthentication", "AuthorizationPolicy", "RequestAuthentication"],
  "telemetry.istio.io": ["Telemetry"],
  "extensions.istio.io": ["WasmPlugin", "TrafficExtension"],
};

/** The `argocd-cm` key of a kind's health check: `resource.customizations.health.<group>_<Kind>`. */
export function healthCheckKey(group: string, kind: string): string {
  return `resource.customizations.health.${group}_${kind}`;
}

/**
 * The check, in the Lua Argo CD runs health checks with (gopher-lua, Lua 5.1; custom checks get the base and table
 * libraries only, so no `string.*`). Errors make the object Degraded, naming their IST codes; warnings leave it
 * Healthy with the codes in the message; a status of an older generation than the object's is Progressing (istiod
 * has not analyzed the change yet, every PILOT_ANALYSIS_INTERVAL, 10s by default). istiod writes a status only once it
 * has something to say, so an object without one is Healthy. `observedGeneration` is an int64, which Istio's JSON
 * writes as a string.
 */
export const istioHealthLua = `local hs = { status = "Healthy", message = "istiod reports no analysis errors" }
if obj.status == nil then
  return hs
end
local generation = nil
if obj.metadata ~= nil then
  generation = tonumber(obj.metadata.generation)
end
local observed = tonumber(obj.status.observedGeneration)
if generation ~= nil and observed ~= nil and observed < generation then
  hs.status = "Progressing"
  hs.message = "waiting for istiod to analyze generation " .. tostring(generation)
  return hs
end
local errors = {}
local warnings = {}
if obj.status.validationMessages ~= nil then
  for _, message in ipairs(obj.status.validationMessages) do
    local code = "unknown code"
    if message.type ~= nil and message.type.code ~= nil then
      code = message.type.code
    end
    if message.level == "ERROR" then
      table.insert(errors, code)
    elseif message.level == "WARNING" then
      table.insert(warnings, code)
    end
  end
end
if #errors > 0 then
  hs.status = "Degraded"
  hs.message = "istiod reports " .. table.concat(errors, ", ") .. " (istioctl analyze shows the details)"
  return hs
end
if #warnings > 0 then
  hs.message = "istiod reports warnings " .. table.concat(warnings, ", ")
end
return hs
`;

/** The `argocd-cm` entries: one health check per Istio kind. */
export function istioHealthChecks(): Record<string, string> {
  return Object.fromEntries(Object.entries(istioHealthCheckKinds).flatMap(([group, kinds]) => kinds.map((kind) => [healthCheckKey(group, kind), istioHealthLua])));
}
