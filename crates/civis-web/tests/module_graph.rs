//! The modules of civis-web import each other in one direction: no circle of `use crate::`
//! (or `super::`) edges. Read from the source, so a new circle fails here first.
//!
//! `cargo test -p civis-web --test module_graph -- --nocapture` prints every module's edges.
//!
//! An edge `a -> b` means module `a` names an item of module `b` (in a `use` or in a path such
//! as `crate::charts::gap(..)`). A `mod` declaration is containment, not an edge; a `pub use`
//! re-export is followed to the module that defines the item. Likewise a submodule naming an item
//! of a module that contains it (`i18n::format` using `super::Lang`) is inside that module's room,
//! not an edge between rooms: circles are looked for between modules that do not contain each
//! other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module name (`pages::area`, `crate` for the root) -> its source without comments.
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            let name = if parts.is_empty() {
                "crate".to_string()
            } else {
                parts.join("::")
            };
            let text = std::fs::read_to_string(&path).unwrap();
            out.insert(
                name,
                without_test_modules(&without_string_literals(&strip_comments(&text))),
            );
        }
    }
    out
}

/// The text without `//` comments (a `//` after `:` is a URL in a string, kept).
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|line| {
            let b = line.as_bytes();
            let mut cut = line.len();
            for i in 0..b.len().saturating_sub(1) {
                if b[i] == b'/' && b[i + 1] == b'/' && (i == 0 || b[i - 1] != b':') {
                    cut = i;
                    break;
                }
            }
            &line[..cut]
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text with the contents of string literals blanked (`"use one of ..."` in a message is not
/// a `use` statement). Handles escapes; raw strings (`r"..."`, `r#"..."#`) are treated alike.
fn without_string_literals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        // a char literal such as '"' or '{' is not the start of a string or a block
        if c == '\'' && !prev.is_alphanumeric() {
            let lit: String = chars.clone().take(3).collect();
            let close = if lit.starts_with('\\') { 2 } else { 1 };
            if lit.chars().nth(close) == Some('\'') {
                out.push_str("' '");
                for _ in 0..=close {
                    chars.next();
                }
                prev = '\'';
                continue;
            }
        }
        out.push(c);
        if c == '"' {
            let mut escaped = false;
            for d in chars.by_ref() {
                if escaped {
                    escaped = false;
                    out.push(' ');
                    continue;
                }
                match d {
                    '\\' => {
                        escaped = true;
                        out.push(' ');
                    }
                    '"' => {
                        out.push('"');
                        break;
                    }
                    '\n' => out.push('\n'),
                    _ => out.push(' '),
                }
            }
        }
        prev = c;
    }
    out
}

/// The text without `#[cfg(test)] mod ... { ... }` blocks: a unit-test module's `super::` is
/// the module itself, not its parent.
fn without_test_modules(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(i) = out.find("#[cfg(test)]") {
        let Some(open) = out[i..].find('{').map(|j| i + j) else {
            break;
        };
        let mut depth = 0;
        let mut end = out.len();
        for (k, c) in out[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.replace_range(i..end, "");
    }
    out
}

/// The paths of a `use` tree (`crate::{a::{B, C}, d}` -> `crate::a::B`, `crate::a::C`,
/// `crate::d`), each with the name it binds (its last segment, or the `as` alias).
fn expand(tree: &str) -> Vec<(Vec<String>, String)> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    expand_into(&tree, &mut Vec::new(), &mut out);
    out
}

fn expand_into(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim().trim_end_matches("::");
        let body = &tree[open + 1..tree.rfind('}').unwrap()];
        let n = prefix.len();
        prefix.extend(
            head.split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in body.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand_into(&body[start..i], prefix, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand_into(&body[start..], prefix, out);
        prefix.truncate(n);
    } else if !tree.is_empty() {
        let (path, alias) = match tree.split_once(" as ") {
            Some((p, a)) => (p.trim(), Some(a.trim().to_string())),
            None => (tree, None),
        };
        let mut full = prefix.clone();
        full.extend(path.split("::").map(str::to_string));
        if full.last().is_some_and(|s| s == "self") {
            full.pop();
        }
        let bound = alias.unwrap_or_else(|| full.last().cloned().unwrap_or_default());
        out.push((full, bound));
    }
}

/// The `use` statements of a module: (is `pub`, tree).
fn use_statements(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = find_word(rest, "use") {
        let before = rest[..i].trim_end();
        let public = before.ends_with("pub") || before.ends_with(')');
        let after = &rest[i + 3..];
        let end = after.find(';').unwrap_or(after.len());
        out.push((public, after[..end].trim().to_string()));
        rest = &after[end..];
    }
    out
}

/// The next occurrence of `word` as a whole word at the start of a statement.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(j) = text[from..].find(word) {
        let i = from + j;
        let ok_before = i == 0 || b[i - 1].is_ascii_whitespace();
        let ok_after = b
            .get(i + word.len())
            .is_some_and(|c| c.is_ascii_whitespace());
        if ok_before && ok_after {
            return Some(i);
        }
        from = i + word.len();
    }
    None
}

/// The paths written inline (`crate::charts::gap`, `super::Visit`, `pages::home::render`): every
/// run of `ident::ident...` in the text.
fn inline_paths(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < b.len() {
        if is_ident(b[i]) && (i == 0 || !(is_ident(b[i - 1]) || b[i - 1] == b':')) {
            let mut segs = Vec::new();
            let mut j = i;
            loop {
                let s = j;
                while j < b.len() && is_ident(b[j]) {
                    j += 1;
                }
                segs.push(text[s..j].to_string());
                if text[j..].starts_with("::") && b.get(j + 2).is_some_and(|&c| is_ident(c)) {
                    j += 2;
                } else {
                    break;
                }
            }
            if segs.len() > 1 {
                out.push(segs);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

struct Graph {
    modules: BTreeSet<String>,
    /// (module, name) -> the full path a `pub use` of that module re-exports.
    reexports: BTreeMap<(String, String), Vec<String>>,
}

impl Graph {
    fn parent(m: &str) -> String {
        match m.rfind("::") {
            Some(i) => m[..i].to_string(),
            None => "crate".to_string(),
        }
    }

    fn child(&self, m: &str, name: &str) -> Option<String> {
        let c = if m == "crate" {
            name.to_string()
        } else {
            format!("{m}::{name}")
        };
        self.modules.contains(&c).then_some(c)
    }

    /// The absolute segments of `path` written in module `m` (`None`: another crate).
    fn absolute(
        &self,
        m: &str,
        path: &[String],
        bindings: &BTreeMap<String, Vec<String>>,
    ) -> Option<Vec<String>> {
        let first = path.first()?;
        let mut base: Vec<String> = match first.as_str() {
            "crate" => vec![],
            "self" => split(m),
            "super" => split(&Graph::parent(m)),
            _ => {
                if self.child(m, first).is_some() {
                    let mut v = split(m);
                    v.push(first.clone());
                    v.extend(path[1..].iter().cloned());
                    return Some(v);
                }
                let mut v = bindings.get(first)?.clone();
                v.extend(path[1..].iter().cloned());
                return Some(v);
            }
        };
        let mut rest = &path[1..];
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The module an absolute path lands in, through (at most `hops`) re-exports.
    fn target(&self, abs: &[String], hops: usize) -> String {
        let mut k = abs.len();
        while k > 0 && !self.modules.contains(&join(&abs[..k])) {
            k -= 1;
        }
        let m = join(&abs[..k]);
        if let (Some(name), true) = (abs.get(k), hops > 0) {
            if let Some(to) = self.reexports.get(&(m.clone(), name.clone())) {
                let mut next = to.clone();
                next.extend(abs[k + 1..].iter().cloned());
                return self.target(&next, hops - 1);
            }
        }
        m
    }
}

fn split(m: &str) -> Vec<String> {
    if m == "crate" {
        vec![]
    } else {
        m.split("::").map(str::to_string).collect()
    }
}

fn join(segs: &[String]) -> String {
    if segs.is_empty() {
        "crate".to_string()
    } else {
        segs.join("::")
    }
}

/// Every module's outgoing edges.
fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let texts = modules(&src);
    let mut graph = Graph {
        modules: texts.keys().cloned().collect(),
        reexports: BTreeMap::new(),
    };
    let no_bindings = BTreeMap::new();
    let mut all_bindings = BTreeMap::new();
    for (m, text) in &texts {
        let mut bindings = BTreeMap::new();
        for (public, tree) in use_statements(text) {
            for (path, bound) in expand(&tree) {
                let Some(abs) = graph.absolute(m, &path, &no_bindings) else {
                    continue;
                };
                if public {
                    graph
                        .reexports
                        .insert((m.clone(), bound.clone()), abs.clone());
                }
                bindings.insert(bound, abs);
            }
        }
        all_bindings.insert(m.clone(), bindings);
    }
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, text) in &texts {
        let bindings = &all_bindings[m];
        let mut targets = BTreeSet::new();
        for abs in bindings.values() {
            targets.insert(graph.target(abs, 8));
        }
        for path in inline_paths(text) {
            if let Some(abs) = graph.absolute(m, &path, bindings) {
                targets.insert(graph.target(&abs, 8));
            }
        }
        targets.remove(m);
        out.insert(m.clone(), targets);
    }
    out
}

/// The circles of the graph: strongly connected components of more than one module.
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Kosaraju: finish order on the graph, then components on the reversed graph.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        seen: &mut BTreeSet<String>,
        order: &mut Vec<String>,
    ) {
        if !seen.insert(n.to_string()) {
            return;
        }
        for m in g.get(n).into_iter().flatten() {
            visit(m, g, seen, order);
        }
        order.push(n.to_string());
    }
    let mut seen = BTreeSet::new();
    let mut order = Vec::new();
    for n in edges.keys() {
        visit(n, edges, &mut seen, &mut order);
    }
    let mut reversed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, bs) in edges {
        for b in bs {
            reversed.entry(b.clone()).or_default().insert(a.clone());
        }
    }
    let mut assigned = BTreeSet::new();
    let mut out = Vec::new();
    for n in order.iter().rev() {
        let mut component = Vec::new();
        visit(n, &reversed, &mut assigned, &mut component);
        if component.len() > 1 {
            component.sort();
            out.push(component);
        }
    }
    out
}

#[test]
fn no_circle_of_imports_between_modules() {
    let edges = edges();
    for (m, targets) in &edges {
        let list: Vec<&str> = targets.iter().map(String::as_str).collect();
        println!("{m} -> {}", list.join(", "));
    }
    // the reader sees the imports (a broken reader would find no circle because no edge)
    for (from, to) in [
        ("routes", "pages::area"),
        ("charts", "data"),
        ("pages::area", "charts"),
        ("downloads", "respond"),
        ("registry::browse", "registry"),
        ("registry::linked", "pages::peers"),
        ("pages::home", "state"),
    ] {
        assert!(
            edges.get(from).is_some_and(|t| t.contains(to)),
            "the edge {from} -> {to} was not read"
        );
    }
    // a submodule's use of a module that contains it is containment (see the crate doc)
    let between_rooms: BTreeMap<String, BTreeSet<String>> = edges
        .iter()
        .map(|(m, targets)| {
            let outside = targets
                .iter()
                .filter(|t| !m.starts_with(&format!("{t}::")))
                .cloned()
                .collect();
            (m.clone(), outside)
        })
        .collect();
    let circles = circles(&between_rooms);
    assert!(circles.is_empty(), "circles of imports: {circles:?}");
}

#[test]
fn a_circle_is_found() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("charts".into())
        .or_default()
        .insert("pages::area".into());
    g.entry("pages::area".into())
        .or_default()
        .insert("pages::indicator".into());
    g.entry("pages::indicator".into())
        .or_default()
        .insert("charts".into());
    g.entry("pages::indicator".into())
        .or_default()
        .insert("data".into());
    assert_eq!(
        circles(&g),
        vec![vec![
            "charts".to_string(),
            "pages::area".to_string(),
            "pages::indicator".to_string()
        ]]
    );
}
