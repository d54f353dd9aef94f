//! The library's top-level modules form no import cycle: data flows one
//! way (ingest → … → export) over the shared leaves `record` and
//! `document`. The graph is read from the source, every `crate::x`
//! reference (plain or in a `use crate::{x, y}` group) outside comments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Top-level module of a file under `src/`, or `None` for the crate root
/// and the binary (`main.rs`, `cli/`), which are not library modules.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    match name {
        "lib" | "main" | "cli" => None,
        _ => Some(name.to_string()),
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Top-level modules named by `crate::` references in `code`.
fn references(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code.lines() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + "crate::".len()..];
            if before.is_some_and(is_ident) {
                continue; // e.g. `foo_crate::`
            }
            if let Some(group) = rest.strip_prefix('{') {
                // `crate::{a, b::c, d::{e, f}}`: the names at depth 1.
                let mut depth = 1;
                let mut at_name = true;
                let mut name = String::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 1 => at_name = true,
                        c if is_ident(c) && depth == 1 && at_name => name.push(c),
                        _ => {
                            if !name.is_empty() {
                                out.insert(std::mem::take(&mut name));
                            }
                            if !c.is_whitespace() && depth == 1 {
                                at_name = false;
                            }
                        }
                    }
                    if depth == 0 {
                        break;
                    }
                }
                if !name.is_empty() {
                    out.insert(name);
                }
            } else {
                let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
    }
    out
}

/// Names the crate root re-exports (`pub use document::{Document, Lang}`
/// in `lib.rs`), with the module each comes from.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        for name in names
            .split(|c: char| !is_ident(c))
            .filter(|n| !n.is_empty())
        {
            out.insert(name.to_string(), module.to_string());
        }
    }
    out
}

/// Which top-level module uses which, from the source under `src`.
fn module_graph(src: &Path) -> Graph {
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs is readable");
    let reexports = root_reexports(&lib);
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut graph = Graph::new();
    for file in files {
        let Some(module) = module_of(src, &file) else {
            continue;
        };
        let code = std::fs::read_to_string(&file).expect("a readable source file");
        let uses = graph.entry(module.clone()).or_default();
        for r in references(&code) {
            let r = reexports.get(&r).cloned().unwrap_or(r);
            if r != module && r != "self" {
                uses.insert(r);
            }
        }
    }
    graph
}

/// A cycle of `graph` as its modules in order (first repeated last), if
/// there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_have_no_import_cycle() {
    let graph = module_graph(&crate::util::root().join("src"));
    let listing: Vec<String> = graph
        .iter()
        .map(|(m, uses)| {
            let uses: Vec<&str> = uses.iter().map(String::as_str).collect();
            format!("{m} -> {}", uses.join(", "))
        })
        .collect();
    assert!(graph.contains_key("record") && graph.contains_key("align"));
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "import cycle: {}\nmodule graph:\n{}",
            cycle.join(" -> "),
            listing.join("\n")
        );
    }
    // The shared leaves use no stage.
    for leaf in ["record", "document"] {
        let stages: Vec<&String> = graph[leaf]
            .iter()
            .filter(|m| !["error", "document", "record"].contains(&m.as_str()))
            .collect();
        assert!(stages.is_empty(), "{leaf} uses {stages:?}");
    }
    println!("{}", listing.join("\n"));
}

#[test]
fn reads_references_and_finds_cycles() {
    let r = references("use crate::{a, b::{c, d}, e::f};\nlet x = crate::g::h();\n// crate::z\n");
    let want: BTreeSet<String> = ["a", "b", "e", "g"].iter().map(|s| s.to_string()).collect();
    assert_eq!(r, want);
    let lib = "pub use document::{Document, Lang};\npub use error::Result;\n";
    assert_eq!(root_reexports(lib)["Lang"], "document");
    assert_eq!(root_reexports(lib)["Result"], "error");
    let mut g = Graph::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_cycle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        find_cycle(&g),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}
