/** The OpenAPI `content` of a JSON body or response with `schema`. */
export const json = <T>(schema: T) => ({ "application/json": { schema } });
