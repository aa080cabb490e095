"""The JSON API's request and response bodies, one module per area of the site."""
