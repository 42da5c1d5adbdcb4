"""``kg serve``: a local web app over a store or RDF files — SPARQL endpoint, pages, query UI.

Starlette (ASGI) routes, served by uvicorn, pages from Jinja2 templates with
autoescape on; every script, style and font is package data under
``kg/serve/static``, so nothing is fetched from the network.

::

    from kg.serve.app import create_app
    app = create_app(OxigraphStore("out/store"))            # an ASGI app
"""
