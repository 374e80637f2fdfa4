import type { z } from "zod";

/**
 * Every key a stack config schema accepts, as users write them with `pulumi config set --path`: `istio.istiod.autoscaleMin`,
 * with `[]` for the entries of a list (`mesh.services[].routes[].name`). The keys of a map (labels, annotations,
 * revision tags) are the user's own and are not listed; the map's key is.
 */
interface Definition {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly in?: z.ZodType;
  readonly left?: z.ZodType;
  readonly right?: z.ZodType;
  readonly getter?: () => z.ZodType;
}

function definitionOf(schema: z.ZodType): Definition {
  return (schema as unknown as { _zod: { def: Definition } })._zod.def;
}

function keysBelow(schema: z.ZodType, prefix: string): string[] {
  const definition = definitionOf(schema);
  switch (definition.type) {
    case "object":
      return Object.entries(definition.shape ?? {}).flatMap(([key, child]) => {
        const path = prefix === "" ? key : `${prefix}.${key}`;
        return [path, ...keysBelow(child, path)];
      });
    case "array":
      return definition.element ? keysBelow(definition.element, `${prefix}[]`) : [];
    case "union":
      return (definition.options ?? []).flatMap((option) => keysBelow(option, prefix));
    case "intersection":
      return [definition.left, definition.right].flatMap((side) => (side ? keysBelow(side, prefix) : []));
    case "pipe":
      return definition.in ? keysBelow(definition.in, prefix) : [];
    case "lazy":
      return definition.getter ? keysBelow(definition.getter(), prefix) : [];
    default:
      return definition.innerType ? keysBelow(definition.innerType, prefix) : [];
  }
}

/** The keys `schema` accepts, each once, in schema order. */
export function schemaKeys(schema: z.ZodType): string[] {
  return [...new Set(keysBelow(schema, ""))];
}
