/**
 * The SDK hands every resource's inputs to the engine (here the mock monitor, which hands them back) as a
 * protobuf Struct built by google-protobuf's `Struct.fromJavaScript`. That builds each nested Struct, Value and
 * ListValue whole and then attaches it, and google-protobuf syncs a message's whole subtree into its array form
 * on every attach: the work grows with the size of a value times its depth, and Helm values are deep. It is a
 * third of what a test file that runs the program spends, and a tenth of a render.
 *
 * `linearStructs` replaces the three `fromJavaScript` functions with ones that build the same messages the other
 * way round: each message is attached while still empty (nothing to sync), then filled, and the result is synced
 * once, so it comes back in the same state. Same types, same keys, same values and the same bytes
 * (tests/scripts/linearStructs.test.ts compares them with the originals); only the order of the work changes.
 */
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";

type StructModule = typeof StructPb;
type JavaScriptValue = StructPb.JavaScriptValue;

/** google-protobuf's own functions, by the patched module's Struct class (for the test that compares them). */
const originals = new WeakMap<object, { Struct: StructModule["Struct"]["fromJavaScript"]; ListValue: StructModule["ListValue"]["fromJavaScript"]; Value: StructModule["Value"]["fromJavaScript"] }>();

export function originalFromJavaScript(structPb: StructModule) {
  return originals.get(structPb.Struct);
}

/** Patches the struct_pb module the SDK loads (the same module object); a second call changes nothing. */
export function linearStructs(structPb: StructModule, typeOf: (value: unknown) => string): void {
  const { ListValue, NullValue, Struct, Value } = structPb;
  if (originals.has(Struct)) return;
  originals.set(Struct, { Struct: Struct.fromJavaScript, ListValue: ListValue.fromJavaScript, Value: Value.fromJavaScript });

  function fillValue(target: StructPb.Value, value: unknown): void {
    switch (typeOf(value)) {
      case "string":
        target.setStringValue(value as string);
        break;
      case "number":
        target.setNumberValue(value as number);
        break;
      case "boolean":
        target.setBoolValue(value as boolean);
        break;
      case "null":
        target.setNullValue(NullValue.NULL_VALUE);
        break;
      case "array": {
        const list = new ListValue();
        target.setListValue(list);
        fillList(list, value as unknown[]);
        break;
      }
      case "object": {
        const struct = new Struct();
        target.setStructValue(struct);
        fillStruct(struct, value as Record<string, unknown>);
        break;
      }
      default:
        throw new Error("Unexpected struct type.");
    }
  }

  function fillList(target: StructPb.ListValue, array: readonly unknown[]): void {
    for (let i = 0; i < array.length; i++) {
      const item = new Value();
      target.addValues(item);
      fillValue(item, array[i]);
    }
  }

  function fillStruct(target: StructPb.Struct, object: Record<string, unknown>): void {
    const map = target.getFieldsMap();
    // for…in, as the original: inherited enumerable properties too.
    for (const property in object) {
      const item = new Value();
      map.set(property, item);
      fillValue(item, object[property]);
    }
  }

  Value.fromJavaScript = (value: JavaScriptValue) => {
    const result = new Value();
    fillValue(result, value);
    result.toArray();
    return result;
  };
  ListValue.fromJavaScript = (array: JavaScriptValue[]) => {
    const result = new ListValue();
    fillList(result, array);
    result.toArray();
    return result;
  };
  Struct.fromJavaScript = (object: Record<string, JavaScriptValue>) => {
    const result = new Struct();
    fillStruct(result, object);
    result.toArray();
    return result;
  };
}

/** Installs `linearStructs` on the google-protobuf the SDK in this project loads. */
export function installLinearStructs(): void {
  const paths = [require.resolve("@pulumi/pulumi/package.json")];
  /* eslint-disable @typescript-eslint/no-require-imports */
  const structPb = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths })) as StructModule;
  const { typeOf } = require(require.resolve("google-protobuf", { paths })) as { typeOf: (value: unknown) => string };
  /* eslint-enable @typescript-eslint/no-require-imports */
  linearStructs(structPb, typeOf);
}
