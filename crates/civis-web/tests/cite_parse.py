"""Parse Civis citations with maintained parsers and print what they read, as JSON.

Usage: cite_parse.py FILE.bib FILE.ris FILE.json

* BibTeX: bibtexparser (2.x), which reports entries it cannot parse as failed blocks;
* RIS: rispy;
* CSL-JSON: citeproc-py reads the item (CiteProcJSON) and renders it with its bundled
  `harvard-cite-them-right` style, so the item must be valid enough for a CSL processor.

Exit status 3 when a module is missing (the Rust test then skips, unless
CIVIS_REQUIRE_CITATION_PARSERS is set); any parse problem raises.
"""

import json
import sys

try:
    import bibtexparser
    import rispy
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON
except ImportError as e:  # pragma: no cover - depends on the machine
    print(f"missing module: {e}", file=sys.stderr)
    sys.exit(3)


def main(bib_path, ris_path, csl_path):
    with open(bib_path, encoding="utf-8") as f:
        library = bibtexparser.parse_string(f.read())
    if library.failed_blocks:
        raise SystemExit(f"bibtexparser could not parse: {library.failed_blocks}")
    (entry,) = library.entries
    bib = {k: entry.fields_dict[k].value for k in entry.fields_dict}
    bib["ENTRYTYPE"] = entry.entry_type
    bib["ID"] = entry.key

    with open(ris_path, encoding="utf-8") as f:
        (ris,) = rispy.load(f)

    with open(csl_path, encoding="utf-8") as f:
        items = json.load(f)
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    rendered = [str(item) for item in bibliography.bibliography()]

    print(json.dumps({"bibtex": bib, "ris": ris, "csl_rendered": rendered}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
