// The interactive API page: Swagger UI over this server's own /openapi. Nothing leaves the
// origin: no validator badge (it would call validator.swagger.io), no external fonts or images.
window.ui = SwaggerUIBundle({
  url: '/openapi?format=json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  validatorUrl: null,
  // the contract's token header, which "Try it out" sends once it is filled in under Authorize
  persistAuthorization: false
});
