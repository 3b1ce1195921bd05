// Starts Swagger UI on /docs from a file, not an inline script (the page's CSP allows none).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
