"""LR Playground charts in Sphinx pages.

With ``extensions = ["sphinx_lrplay"]`` in conf.py, the ``lrplay`` directive
draws a live learning-rate schedule. Its content is a configuration, the
JSON a ``data-lrplay`` element holds (see the README's "Embedding")::

    .. lrplay::
       :controls: T_max, eta_min

       {"kind": "torch.CosineAnnealingLR", "lr": 0.1, "T_max": 100, "steps": 100}

The options are shorthands for the configuration's keys of the same name:
``:kind:``, ``:steps:``, ``:controls:`` (names separated by commas or
spaces, or ``all``), ``:log:`` (a flag) and ``:theme:`` (``light``,
``dark`` or ``auto``, the reader's system; without it the figure takes the
page's own scheme); a key given both ways is an error. A kind's parameters are written in the JSON only: reStructuredText
lowercases option names, and parameter names such as ``T_max`` are not
lowercase. ``:name:`` gives the element its id (which prefixes its controls'
ids: ``name-T_max``) and makes it a target for ``:ref:``.

The HTML builders (html, dirhtml, singlehtml) copy the built site to
``_static/lrplay/`` and load ``lrplay.js`` (deferred) on the pages that
have a chart, and only there. Other builders leave the charts out. The site
comes from the wheel itself; ``lrplay_site`` in conf.py (relative to its
folder) or the ``LRPLAY_SITE`` environment variable names another folder
holding a built site (what ``make build`` writes to ``site/`` or ``make
dist`` to ``dist/``). Nothing is fetched and nothing is compiled at docs-build time.
"""

import json
import os
import posixpath
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.fileutil import copy_asset

__version__ = "0.1.0"

logger = logging.getLogger(__name__)

# Where the site goes in the output, under the static folder.
STATIC_DIR = "lrplay"
# The wheel's own copy of the site.
PACKAGED_SITE = Path(__file__).resolve().parent / "static" / STATIC_DIR


class lrplay(nodes.General, nodes.Element):
    """A chart: its configuration as JSON text, in node["config"]."""


class _Number(str):
    """A JSON number kept as it was written, so it reaches the page unchanged."""


def _no_constant(name):
    raise ValueError(f"holds {name}, which is not JSON")


def _object(pairs):
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise ValueError(f'gives "{key}" twice')
        seen.add(key)
    return dict(pairs)


def read_config(text):
    """Reads a configuration: one JSON object, numbers kept as written."""
    try:
        value = json.loads(text or "{}", parse_float=_Number, parse_int=_Number,
                           parse_constant=_no_constant, object_pairs_hook=_object)
    except json.JSONDecodeError as err:
        raise ValueError(f"the configuration is not JSON: {err}") from None
    except ValueError as err:
        raise ValueError(f"the configuration {err}") from None
    if not isinstance(value, dict):
        raise ValueError("the configuration must be a JSON object, {...}")
    return value


def dump_config(value):
    """Writes a configuration read by read_config as one line of JSON."""
    if isinstance(value, _Number):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(json.dumps(k) + ": " + dump_config(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dump_config(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def element(config_json, element_id=""):
    """The chart's element: its JSON in a single-quoted attribute, escaped."""
    attr = (config_json.replace("&", "&amp;").replace("'", "&#39;")
            .replace("<", "&lt;").replace(">", "&gt;"))
    id_attr = ' id="%s"' % element_id.replace("&", "&amp;").replace('"', "&quot;") if element_id else ""
    return "<div%s data-lrplay='%s'></div>" % (id_attr, attr)


def _controls(text):
    names = [n for n in text.replace(",", " ").split() if n]
    return "all" if names == ["all"] else names


class LRPlayDirective(SphinxDirective):
    """The lrplay directive: a configuration in JSON, with shorthand options."""

    has_content = True
    option_spec = {
        "kind": directives.unchanged_required,
        "steps": directives.positive_int,
        "controls": _controls,
        "log": directives.flag,
        "theme": lambda arg: directives.choice(arg, ("light", "dark", "auto")),
        "name": directives.unchanged,
    }

    def run(self):
        try:
            config = read_config("\n".join(self.content))
        except ValueError as err:
            raise self.error(f"lrplay: {err}") from None
        for key in ("kind", "steps", "controls", "log", "theme"):
            if key not in self.options:
                continue
            if key in config:
                raise self.error(f'lrplay: "{key}" is given twice, as :{key}: and in the JSON')
            value = self.options[key]
            config[key] = True if key == "log" else _Number(value) if key == "steps" else value
        node = lrplay(config=dump_config(config))
        self.set_source_info(node)
        self.add_name(node)
        return [node]


def visit_lrplay_html(self, node):
    self.body.append(element(node["config"], node["ids"][0] if node["ids"] else "") + "\n")
    raise nodes.SkipNode


def skip(self, node):
    raise nodes.SkipNode


def _html(app):
    return app.builder.format == "html" and app.builder.name != "epub"


def find_site(app):
    """The folder holding the built site: lrplay_site, LRPLAY_SITE, or the wheel's copy."""
    for where, site in (("lrplay_site in conf.py", app.config.lrplay_site and Path(app.confdir, app.config.lrplay_site)),
                        ("LRPLAY_SITE", os.environ.get("LRPLAY_SITE") and Path(os.environ["LRPLAY_SITE"]))):
        if site:
            if not (site / "lrplay.js").is_file():
                raise ExtensionError(f"sphinx_lrplay: {where} names {site}, which holds no lrplay.js: "
                                     "name the folder make build or make dist wrote")
            return site
    if not (PACKAGED_SITE / "lrplay.js").is_file():
        raise ExtensionError(f"sphinx_lrplay: {PACKAGED_SITE} holds no built site: install the wheel "
                             "make dist writes, or name a built site with lrplay_site in conf.py or "
                             "the LRPLAY_SITE environment variable")
    return PACKAGED_SITE


def check_site(app):
    """Fails the build at its start, not its end, when there is no site to copy."""
    if _html(app):
        find_site(app)


def add_script(app, pagename, templatename, context, doctree):
    """Loads lrplay.js on the pages that have a chart, by a path relative to each page."""
    if _html(app) and doctree is not None and doctree.next_node(lrplay) is not None:
        app.add_js_file(STATIC_DIR + "/lrplay.js", loading_method="defer")


def copy_site(app, exception):
    if exception is not None or not _html(app):
        return
    site = find_site(app)
    dest = os.path.join(app.outdir, "_static", STATIC_DIR)
    # Dotfiles (site/'s .gitkeep) and a wheel beside dist/'s site are not the site.
    copy_asset(str(site), dest, excluded=lambda path: posixpath.basename(path).startswith(".") or path.endswith(".whl"))


def setup(app):
    app.require_sphinx("5.0")
    app.add_config_value("lrplay_site", "", "html", [str])
    app.add_node(lrplay, html=(visit_lrplay_html, None), latex=(skip, None), text=(skip, None),
                 man=(skip, None), texinfo=(skip, None))
    app.add_directive("lrplay", LRPlayDirective)
    app.connect("builder-inited", check_site)
    app.connect("html-page-context", add_script)
    app.connect("build-finished", copy_site)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
