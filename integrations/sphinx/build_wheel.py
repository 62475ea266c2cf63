"""Builds the sphinx_lrplay wheel, offline: build_wheel.py SITE OUTDIR.

SITE is a built site (make build's site/). The package is copied to a
temporary folder with the site as its static/lrplay/ package data, and pip
builds the wheel there with the setuptools and wheel already installed: no
index, no build isolation, nothing fetched. The precompressed variants
(.br, .gz) stay out, as they serve only lrplay's own server and docs hosts
compress by themselves, and so do the test pages in examples/.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def main(site, outdir):
    site = Path(site)
    if not (site / "lrplay.js").is_file() or not (site / "lrplay.wasm").is_file():
        sys.exit(f"build_wheel.py: {site} holds no built site: run make build first")
    here = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(here, src, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", "static", "build_wheel.py"))
        shutil.copytree(site, src / "sphinx_lrplay" / "static" / "lrplay",
                        ignore=shutil.ignore_patterns(".*", "*.br", "*.gz", "examples"))
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                        "--no-index", "--no-cache-dir", "--disable-pip-version-check",
                        "--wheel-dir", str(Path(outdir).resolve()), str(src)], check=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: build_wheel.py SITE OUTDIR")
    main(sys.argv[1], sys.argv[2])
