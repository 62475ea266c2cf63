"""LR Playground charts in MkDocs pages: an MkDocs hook (MkDocs 1.4 or later).

Copy this file beside mkdocs.yml and add to it::

    hooks:
      - lrplay_hook.py

A fenced block whose language is ``lrplay`` then becomes a live chart. It
holds a configuration, the JSON a ``data-lrplay`` element holds (see the
README's "Embedding")::

    ```lrplay
    {"kind": "torch.CosineAnnealingLR", "lr": 0.1, "T_max": 100, "steps": 100, "controls": ["T_max"]}
    ```

The hook turns each such fence (``` or ~~~, not indented) into a
``<div data-lrplay='...'>`` element, its JSON escaped for the attribute; a
fence that is not one JSON object stays a code block and is reported (an
error under ``mkdocs build --strict``). It loads ``lrplay.js`` (deferred) on
the pages that have a chart, from a fence or a ``data-lrplay`` element
written as HTML, and only there, by a path relative to the page, whether
``use_directory_urls`` is true or false. After the build it copies the
built site to ``site_dir/lrplay/``.

The built site comes from, in this order:

1. the ``LRPLAY_SITE`` environment variable: a folder that ``make build``
   (``site/``) or ``make dist`` (``dist/``) wrote;
2. ``docs_dir/lrplay/``, if you copied the site there (MkDocs then copies
   it with the other files, and the hook does not);
3. the ``sphinx_lrplay`` wheel that ``make dist`` writes, if it is installed
   in the Python that runs MkDocs: it carries the site.
"""

import json
import logging
import os
import re
import shutil
from importlib.util import find_spec
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.lrplay")

# Where the site goes in the output.
SITE_DIR = "lrplay"

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
# An element with a data-lrplay attribute, in the page's HTML (in code, < is &lt;).
_CHART = re.compile(r"<[A-Za-z][^<>]*\sdata-lrplay\s*=")
_SCRIPT = re.compile(r"<script\b[^>]*\ssrc=[\"'][^\"']*lrplay\.js[\"']")

_site = None  # the built site's folder, or None when MkDocs copies it from docs_dir


# The configuration's JSON, as sphinx_lrplay reads and writes it.

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
        value = json.loads(text, parse_float=_Number, parse_int=_Number,
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


def element(config_json):
    """The chart's element: its JSON in a single-quoted attribute, escaped."""
    attr = (config_json.replace("&", "&amp;").replace("'", "&#39;")
            .replace("<", "&lt;").replace(">", "&gt;"))
    return "<div data-lrplay='%s'></div>" % attr


def convert(markdown, where="the page"):
    """Turns the lrplay fences in markdown into chart elements."""
    lines = markdown.split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        fence, info = m.group(1), m.group(2).split()
        end = i + 1  # the closing fence: the same character, at least as long, alone
        while end < len(lines):
            c = _FENCE.match(lines[end])
            if c and c.group(1)[0] == fence[0] and len(c.group(1)) >= len(fence) and not c.group(2).strip():
                break
            end += 1
        block = lines[i:end + 1]
        if info[:1] == ["lrplay"]:
            try:
                block = ["", element(dump_config(read_config("\n".join(lines[i + 1:end])))), ""]
            except ValueError as err:
                log.warning("%s, line %d: lrplay: %s", where, i + 1, err)
        out.extend(block)
        i = end + 1
    return "\n".join(out)


def find_site(config):
    """The folder holding the built site, or None when docs_dir holds it."""
    env = os.environ.get("LRPLAY_SITE")
    if env:
        if not Path(env, "lrplay.js").is_file():
            raise PluginError(f"lrplay: LRPLAY_SITE names {env}, which holds no lrplay.js: "
                              "name the folder make build or make dist wrote")
        return Path(env)
    if Path(config["docs_dir"], SITE_DIR, "lrplay.js").is_file():
        return None
    spec = find_spec("sphinx_lrplay")  # found, not imported: MkDocs needs no Sphinx
    if spec and spec.origin:
        packaged = Path(spec.origin).parent / "static" / SITE_DIR
        if (packaged / "lrplay.js").is_file():
            return packaged
    raise PluginError("lrplay: no built site: set LRPLAY_SITE to the folder make build or make dist "
                      f"wrote, copy that folder to {SITE_DIR}/ in docs_dir, or install the "
                      "sphinx_lrplay wheel make dist writes")


def on_config(config):
    global _site
    _site = find_site(config)
    return config


def on_page_markdown(markdown, page, config, files):
    return convert(markdown, page.file.src_path)


def on_post_page(output, page, config):
    """Loads lrplay.js on a page that has a chart, by a path relative to the page."""
    if not _CHART.search(page.content or "") or _SCRIPT.search(output):
        return output
    tag = '<script src="%s" defer></script>' % get_relative_url(SITE_DIR + "/lrplay.js", page.url)
    head = output.find("</head>")
    if head < 0:
        return tag + output
    return output[:head] + tag + "\n" + output[head:]


def on_post_build(config):
    if _site is not None:
        # Dotfiles (site/'s .gitkeep) and a wheel beside dist/'s site are not the site.
        shutil.copytree(_site, Path(config["site_dir"], SITE_DIR), dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".*", "*.whl"))
