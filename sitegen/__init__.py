"""Build tooling for the Generative AI vs LLMs guide.

The pipeline: data/*.yaml and their schemas are loaded and validated
(yamlfile, schema, data, checks), rendered into page fragments and files
(render, outputs, fragments, diagrams, widgets, publish), and the engine
then builds the site (build). Helpers for checking a built site (htmlscan,
sitecheck, pages_server, browser, stable_links, readability) are used by
the tests and the benchmark alike. Run `python -m sitegen --help`.
"""
