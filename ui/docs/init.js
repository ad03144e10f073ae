// Starts Swagger UI on /api/docs against Procedo's OpenAPI document (kept out of the HTML
// so the page works under a CSP without 'unsafe-inline' scripts).
globalThis.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: false,
  tryItOutEnabled: true,
});
