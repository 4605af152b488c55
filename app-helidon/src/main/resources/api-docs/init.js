// The interactive API page: Swagger UI over this server's own /openapi. Nothing leaves the
// origin: no validator badge (it would call validator.swagger.io), no external fonts or images.
// The contract declares its token as each operation's X-Authorization header parameter (no
// security scheme), so "Try it out" asks for it per operation.
window.ui = SwaggerUIBundle({
  url: '/openapi?format=json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  validatorUrl: null
});
