"""Drawing the graph: the node-link model read from RDF, its filters, positions, and the offline HTML page.

``model`` turns RDF into a networkx graph, ``legend`` says how each class is
drawn and named, ``filters`` chooses part of it, ``layout`` places the nodes,
``page`` writes the self-contained HTML (from ``templates/``), ``export``
writes GraphML or GEXF. docs/architecture.md has the layers.
"""
