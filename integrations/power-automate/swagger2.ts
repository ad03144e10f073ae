// OpenAPI 3.1 → Swagger 2.0, as far as a Power Platform connector needs it: schemas become
// JSON Schema draft 4 (nullable types as x-nullable, oneOf/anyOf of one real branch unwrapped),
// parameters and bodies Swagger's parameters, binary answers `type: file`.

// deno-lint-ignore no-explicit-any
export type Json = any;

const OAS3_REF = /^#\/components\/schemas\//;

/** A JSON Schema of OpenAPI 3.1 as Swagger 2.0 (draft 4 subset plus x-nullable). */
export function toSchema2(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toSchema2);
  if (typeof schema !== "object" || schema === null) return schema;
  if (typeof schema.$ref === "string") {
    return { $ref: schema.$ref.replace(OAS3_REF, "#/definitions/") };
  }
  const out: Json = {};
  let nullable = false;
  for (const [key, value] of Object.entries(schema as Record<string, Json>)) {
    switch (key) {
      case "type":
        if (Array.isArray(value)) {
          const types = value.filter((t) => t !== "null");
          nullable ||= types.length < value.length;
          out.type = types[0];
        } else if (value === "null") nullable = true;
        else out.type = value;
        break;
      case "anyOf":
      case "oneOf": {
        const branches = (value as Json[]).filter((b) => b.type !== "null");
        nullable ||= branches.length < value.length;
        // One real branch is that branch; several cannot be said in Swagger 2.0 and are
        // left open (the description still tells people what comes).
        if (branches.length === 1) Object.assign(out, toSchema2(branches[0]));
        break;
      }
      case "const":
        out.enum = [value];
        break;
      case "examples":
        if (Array.isArray(value) && value.length) out.example = value[0];
        break;
      case "exclusiveMinimum":
      case "exclusiveMaximum":
        if (typeof value === "number") {
          out[key === "exclusiveMinimum" ? "minimum" : "maximum"] = value;
          out[key] = true;
        }
        break;
      case "properties":
        out.properties = Object.fromEntries(
          Object.entries(value as Record<string, Json>).map(([k, v]) => [k, toSchema2(v)]),
        );
        break;
      case "items":
      case "additionalProperties":
      case "allOf":
        out[key] = toSchema2(value);
        break;
      case "$schema":
      case "propertyNames":
      case "prefixItems":
      case "contentEncoding":
      case "contentMediaType":
      case "unevaluatedProperties":
        break;
      default:
        out[key] = value;
    }
  }
  // A $ref among others (allOf branches) stays a $ref alone: Swagger ignores its siblings.
  if (out.$ref) return { $ref: out.$ref };
  if (nullable) out["x-nullable"] = true;
  if (out.required && out.required.length === 0) delete out.required;
  return out;
}

/** The component names `value` refers to, directly. */
function refsIn(value: Json, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, into));
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") into.add(v.replace(/^#\/definitions\//, ""));
      else refsIn(v, into);
    }
  }
  return into;
}

/** The definitions `roots` need, transitively, converted from `components.schemas`. */
export function definitionsFor(roots: Json, components: Record<string, Json>) {
  const definitions: Record<string, Json> = {};
  const queue = [...refsIn(roots)];
  while (queue.length) {
    const name = queue.shift()!;
    if (definitions[name] || !components[name]) continue;
    definitions[name] = toSchema2(components[name]);
    queue.push(...refsIn(definitions[name]));
  }
  return Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
}

/** Parameter names whose words say little in Power Automate's forms. */
const TITLES: Record<string, string> = {
  q: "Search text",
  lang: "Language",
  limit: "Page size",
  offset: "Skip",
  id: "Id",
};

/** "processId" → "Process id", for x-ms-summary. */
export function titleOf(name: string): string {
  if (TITLES[name]) return TITLES[name];
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[-_]/g, " ").toLowerCase();
  return words[0].toUpperCase() + words.slice(1);
}

/** An OpenAPI 3.1 parameter (path, query, header) as a Swagger 2.0 one. */
export function toParameter2(p: Json): Json {
  const schema = toSchema2(p.schema ?? { type: "string" });
  const { "x-nullable": _nullable, description, example: _example, ...rest } = schema;
  return {
    name: p.name,
    in: p.in,
    required: p.in === "path" ? true : Boolean(p.required),
    ...rest,
    type: rest.type ?? "string",
    ...(p.description ?? description ? { description: p.description ?? description } : {}),
    "x-ms-summary": titleOf(p.name),
  };
}

/** The 2xx answer of an operation as a Swagger 2.0 response, and what it produces. */
export function toResponse2(res: Json): { response: Json; produces?: string } {
  const [media, content] = Object.entries((res.content ?? {}) as Record<string, Json>)[0] ?? [];
  if (!media) return { response: { description: res.description } };
  const binary = content.schema?.format === "binary";
  return {
    response: {
      description: res.description,
      schema: binary ? { type: "file" } : toSchema2(content.schema),
    },
    produces: media,
  };
}
