"""axe-core in the browser tests: where its axe.min.js is, the expression
that runs it in a page, and what its answer says.

axe-core comes from npm, pinned by tests/browser/package-lock.json and
installed into the build tree by scripts/browser-deps (ctest's fixture
browser_deps runs it first).  The tests inject the file's text with
DevTools' Runtime.evaluate after Page.setBypassCSP: the pages' own CSP
(no inline or foreign script) stays as it is for everyone else.

A missing axe.min.js is a failure, never a skip: the check would
otherwise pass without having run.
"""
import os

# What a failure means: violations of these impacts fail a test.
FAILING = ("serious", "critical")


class AxeMissing(Exception):
    pass


def axe_path(cpd):
    """CPD_AXE, else BUILD/npm/node_modules/axe-core/axe.min.js beside the
    cpd that is tested (cpd is at the top of the build tree)."""
    path = os.environ.get("CPD_AXE") or os.path.join(
        os.path.dirname(os.path.abspath(cpd)), "npm", "node_modules",
        "axe-core", "axe.min.js")
    if not os.path.isfile(path):
        raise AxeMissing(
            "axe-core is not installed (%s): run scripts/browser-deps %s "
            "(ctest runs it as the fixture browser_deps)"
            % (path, os.path.dirname(os.path.abspath(cpd))))
    return path


def axe_source(cpd):
    with open(axe_path(cpd), encoding="utf-8") as f:
        return f.read()


# Runs axe on the whole document (every rule axe enables by default, WCAG
# 2.x A and AA included) and returns, for violations and for the checks
# axe could not decide ("incomplete"), each rule's id, impact and nodes.
RUN_JS = """axe.run(document, {resultTypes: ['violations', 'incomplete']})
.then(r => {
  const rules = (list) => list.map((x) => ({
    id: x.id, impact: x.impact,
    nodes: x.nodes.map((n) => ({
      target: n.target.join(' '),
      why: ((n.any[0] || n.all[0] || n.none[0] || {}).message || '')
    }))
  }));
  return {violations: rules(r.violations), incomplete: rules(r.incomplete),
          version: axe.version};
})"""


def failing(result):
    """The violations of a serious or critical impact."""
    return [v for v in result["violations"] if v["impact"] in FAILING]


def counts(result):
    """{"violations": {impact: nodes}, "incomplete": {impact: nodes}}."""
    out = {}
    for kind in ("violations", "incomplete"):
        c = {}
        for v in result[kind]:
            c[v["impact"] or "none"] = c.get(v["impact"] or "none", 0) + len(
                v["nodes"])
        out[kind] = c
    return out


def describe(rules, most=4):
    """A few lines naming each rule and its first nodes."""
    lines = []
    for v in rules:
        lines.append("%s (%s, %d nodes)" % (v["id"], v["impact"],
                                            len(v["nodes"])))
        for n in v["nodes"][:most]:
            lines.append("    %s: %s" % (n["target"], n["why"][:160]))
    return "\n".join(lines)
