// Gemini's responseSchema is an OpenAPI 3.0 subset: upper-case types, `nullable` instead of
// a type list, no additionalProperties. This turns the ai plugin's JSON Schemas into it.
import type { Schema } from "@google/genai";

/** The Gemini response schema for a JSON Schema of objects, arrays, strings and enums. */
export function toGoogleSchema(json: Record<string, unknown>): Schema {
  const types = Array.isArray(json.type) ? json.type as string[] : [json.type as string];
  const type = types.find((t) => t !== "null") ?? "string";
  const out: Record<string, unknown> = { type: type.toUpperCase() };
  if (types.includes("null")) out.nullable = true;
  if (json.description) out.description = json.description;
  if (Array.isArray(json.enum)) out.enum = json.enum;
  if (json.properties && typeof json.properties === "object") {
    const props = json.properties as Record<string, Record<string, unknown>>;
    out.properties = Object.fromEntries(
      Object.entries(props).map(([k, v]) => [k, toGoogleSchema(v)]),
    );
    out.propertyOrdering = Object.keys(props);
    if (Array.isArray(json.required)) out.required = json.required;
  }
  if (json.items && typeof json.items === "object") {
    out.items = toGoogleSchema(json.items as Record<string, unknown>);
  }
  return out as Schema;
}
