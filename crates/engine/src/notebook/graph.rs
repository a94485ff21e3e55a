//! The reactive graph of a notebook: which cell reads which table, in which order cells run,
//! what a change makes run again, and the errors the shape of the graph alone decides.
//!
//! Pure: it knows cells only as [`Node`]s (an id, the table it produces, the tables it reads),
//! so every rule here is tested without polars or SQL.
//!
//! Rules:
//! - a cell produces at most one table, whose name must pass [`clean_name`]
//!   (else [`CellError::InvalidName`]);
//! - a table is produced by exactly one cell: several producers all get
//!   [`CellError::DuplicateName`], and readers of that table cannot run;
//! - a cell that reads a table no cell produces gets [`CellError::MissingTable`];
//! - every cell of a cycle gets [`CellError::Cycle`] listing the cycle from its first cell in
//!   the document, in the direction data flows (producer → reader);
//! - cells run in dependency order, ties broken by document order;
//! - [`CellError::Upstream`] is decided when running ([`Analysis::inputs`] says who to ask).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};

use quire_protocol::names::clean_name;
use quire_protocol::notebook::{CellError, CellId};

/// A cell as the graph sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: CellId,
    /// The table the cell produces, as written (trimmed and checked here).
    pub output: Option<String>,
    /// The tables the cell reads, or why they could not be known (an SQL syntax error).
    pub reads: Result<Vec<String>, CellError>,
}

impl Node {
    pub fn new(id: &str, output: Option<&str>, reads: &[&str]) -> Self {
        Node {
            id: id.to_owned(),
            output: output.map(str::to_owned),
            reads: Ok(reads.iter().map(|r| (*r).to_owned()).collect()),
        }
    }
}

/// What a cell's run depends on besides its own spec: a change here means it must run again.
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    pub error: Option<CellError>,
    pub inputs: Vec<(String, Vec<CellId>)>,
}

/// The analysed graph. Cells are addressed by their index in the document.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    ids: Vec<CellId>,
    index: HashMap<CellId, usize>,
    /// The cleaned output name of each cell, when it has a usable one.
    outputs: Vec<Option<String>>,
    /// Errors decided by the graph alone (and SQL syntax errors passed in).
    errors: Vec<Option<CellError>>,
    /// For each cell, each table it reads with the cells producing it (in document order).
    inputs: Vec<Vec<(String, Vec<usize>)>>,
    /// For each cell, the cells that read its table.
    readers: Vec<Vec<usize>>,
    /// Every cell, in the order they run.
    order: Vec<usize>,
    /// Position of each cell in `order`.
    rank: Vec<usize>,
    /// Table name → the cells producing it.
    producers: HashMap<String, Vec<usize>>,
}

impl Analysis {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn id(&self, i: usize) -> &str {
        self.ids.get(i).map_or("", String::as_str)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The static error of cell `i`, if the graph alone rules it out.
    pub fn error(&self, i: usize) -> Option<&CellError> {
        self.errors.get(i).and_then(Option::as_ref)
    }

    /// The cleaned name of the table cell `i` produces.
    pub fn output(&self, i: usize) -> Option<&str> {
        self.outputs.get(i).and_then(Option::as_deref)
    }

    /// The tables cell `i` reads, each with its producers.
    pub fn inputs(&self, i: usize) -> &[(String, Vec<usize>)] {
        self.inputs.get(i).map_or(&[], Vec::as_slice)
    }

    /// The one cell producing `table`, when exactly one does.
    pub fn producer(&self, table: &str) -> Option<usize> {
        match self.producers.get(table).map(Vec::as_slice) {
            Some([one]) => Some(*one),
            _ => None,
        }
    }

    /// Every cell in run order.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// The seeds and everything downstream of them, in run order.
    pub fn closure(&self, seeds: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut seen: HashSet<usize> = HashSet::new();
        let mut queue: VecDeque<usize> = seeds.into_iter().filter(|&i| i < self.len()).collect();
        while let Some(i) = queue.pop_front() {
            if seen.insert(i) {
                queue.extend(self.readers.get(i).into_iter().flatten().copied());
            }
        }
        let mut out: Vec<usize> = seen.into_iter().collect();
        out.sort_by_key(|&i| self.rank.get(i).copied().unwrap_or(usize::MAX));
        out
    }

    pub fn signature(&self, i: usize) -> Signature {
        Signature {
            error: self.error(i).cloned(),
            inputs: self
                .inputs(i)
                .iter()
                .map(|(name, producers)| {
                    (
                        name.clone(),
                        producers.iter().map(|&p| self.id(p).to_owned()).collect(),
                    )
                })
                .collect(),
        }
    }
}

/// What must run after the document changed from `old` to `new`: the cells whose spec changed
/// (or that are new), the cells whose inputs or static errors changed (a name now produced, a
/// duplicate resolved, a producer deleted…), and everything downstream of those, in run order.
pub fn rerun_set(old: &Analysis, new: &Analysis, changed: &HashSet<CellId>) -> Vec<usize> {
    let seeds = (0..new.len()).filter(|&i| {
        let id = new.id(i);
        changed.contains(id)
            || old
                .index_of(id)
                .is_none_or(|j| old.signature(j) != new.signature(i))
    });
    new.closure(seeds.collect::<Vec<_>>())
}

/// Analyses the cells of a document, in document order.
pub fn analyse(nodes: &[Node]) -> Analysis {
    let n = nodes.len();
    let ids: Vec<CellId> = nodes.iter().map(|c| c.id.clone()).collect();
    let index = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), i))
        .collect();
    let mut errors: Vec<Option<CellError>> = vec![None; n];
    let mut outputs: Vec<Option<String>> = vec![None; n];
    let mut producers: HashMap<String, Vec<usize>> = HashMap::new();

    for (i, node) in nodes.iter().enumerate() {
        if let Err(e) = &node.reads {
            errors[i] = Some(e.clone());
        }
        if let Some(name) = &node.output {
            match clean_name(name) {
                Some(clean) => {
                    producers.entry(clean.clone()).or_default().push(i);
                    outputs[i] = Some(clean);
                }
                None => {
                    errors[i].get_or_insert(CellError::InvalidName { name: name.clone() });
                }
            }
        }
    }

    let mut inputs: Vec<Vec<(String, Vec<usize>)>> = vec![Vec::new(); n];
    let mut readers: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut missing: Vec<Option<String>> = vec![None; n];
    for (i, node) in nodes.iter().enumerate() {
        let Ok(reads) = &node.reads else { continue };
        let mut seen = HashSet::new();
        for name in reads {
            if !seen.insert(name.as_str()) {
                continue;
            }
            let from = producers.get(name).cloned().unwrap_or_default();
            if from.is_empty() && missing[i].is_none() {
                missing[i] = Some(name.clone());
            }
            for &p in &from {
                if !readers[p].contains(&i) {
                    readers[p].push(i);
                }
            }
            inputs[i].push((name.clone(), from));
        }
    }

    // Cycles: for each cell, the shortest way back to itself along producer → reader edges.
    for (i, error) in errors.iter_mut().enumerate() {
        if error.is_some() {
            continue;
        }
        if let Some(cycle) = shortest_cycle(i, &readers) {
            let first = cycle
                .iter()
                .enumerate()
                .min_by_key(|(_, c)| **c)
                .map_or(0, |(k, _)| k);
            let mut ordered = cycle;
            ordered.rotate_left(first);
            *error = Some(CellError::Cycle {
                cells: ordered.iter().map(|&c| ids[c].clone()).collect(),
            });
        }
    }
    for (name, cells) in &producers {
        if cells.len() > 1 {
            for &c in cells {
                errors[c].get_or_insert_with(|| CellError::DuplicateName {
                    name: name.clone(),
                    cells: cells.iter().map(|&k| ids[k].clone()).collect(),
                });
            }
        }
    }
    for (i, name) in missing.into_iter().enumerate() {
        if let Some(name) = name {
            errors[i].get_or_insert(CellError::MissingTable { name });
        }
    }

    // Run order: Kahn's algorithm, the earliest ready cell in the document first; cells held
    // up by a cycle come last, in document order (they do not run anyway).
    let mut indegree = vec![0usize; n];
    for r in &readers {
        for &k in r {
            indegree[k] += 1;
        }
    }
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&i| indegree[i] == 0).map(Reverse).collect();
    let mut order = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    while let Some(Reverse(i)) = ready.pop() {
        order.push(i);
        placed[i] = true;
        for &k in &readers[i] {
            indegree[k] -= 1;
            if indegree[k] == 0 {
                ready.push(Reverse(k));
            }
        }
    }
    order.extend((0..n).filter(|&i| !placed[i]));
    let mut rank = vec![0; n];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }

    Analysis {
        ids,
        index,
        outputs,
        errors,
        inputs,
        readers,
        order,
        rank,
        producers,
    }
}

/// The cells of the shortest cycle through `start`, starting with it, or `None`.
fn shortest_cycle(start: usize, readers: &[Vec<usize>]) -> Option<Vec<usize>> {
    let mut parent: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(i) = queue.pop_front() {
        for &k in readers.get(i).into_iter().flatten() {
            if k == start {
                let mut path = vec![i];
                let mut at = i;
                while at != start {
                    at = *parent.get(&at)?;
                    path.push(at);
                }
                path.reverse();
                return Some(path);
            }
            if k != start && !parent.contains_key(&k) {
                parent.insert(k, i);
                queue.push_back(k);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(a: &Analysis, cells: &[usize]) -> Vec<String> {
        cells.iter().map(|&i| a.id(i).to_owned()).collect()
    }

    fn chain() -> Vec<Node> {
        vec![
            Node::new("A", Some("a"), &[]),
            Node::new("B", Some("b"), &["a"]),
            Node::new("C", Some("c"), &["b"]),
            Node::new("D", Some("d"), &[]),
        ]
    }

    #[test]
    fn runs_in_dependency_order_ties_in_document_order() {
        let nodes = vec![
            Node::new("C", Some("c"), &["b"]),
            Node::new("M", None, &[]),
            Node::new("B", Some("b"), &["a"]),
            Node::new("A", Some("a"), &[]),
        ];
        let a = analyse(&nodes);
        assert_eq!(ids(&a, a.order()), ["M", "A", "B", "C"]);
        assert!((0..4).all(|i| a.error(i).is_none()));
        assert_eq!(a.producer("b"), Some(2));
    }

    #[test]
    fn editing_b_reruns_exactly_b_then_c() {
        let old = analyse(&chain());
        let mut nodes = chain();
        nodes[1].reads = Ok(vec!["a".into()]); // a new query, same inputs
        let new = analyse(&nodes);
        let changed = HashSet::from(["B".to_owned()]);
        assert_eq!(ids(&new, &rerun_set(&old, &new, &changed)), ["B", "C"]);
        let changed = HashSet::from(["A".to_owned()]);
        assert_eq!(ids(&new, &rerun_set(&old, &new, &changed)), ["A", "B", "C"]);
        let changed = HashSet::from(["D".to_owned()]);
        assert_eq!(ids(&new, &rerun_set(&old, &new, &changed)), ["D"]);
        assert!(rerun_set(&old, &new, &HashSet::new()).is_empty());
    }

    #[test]
    fn renaming_an_output_reruns_old_and_new_readers() {
        let mut before = chain();
        before.push(Node::new("E", Some("e"), &["b2"]));
        let old = analyse(&before);
        assert_eq!(
            old.error(4),
            Some(&CellError::MissingTable { name: "b2".into() })
        );
        let mut after = before.clone();
        after[1].output = Some("b2".into());
        let new = analyse(&after);
        let changed = HashSet::from(["B".to_owned()]);
        // C lost its input, E gained one.
        assert_eq!(ids(&new, &rerun_set(&old, &new, &changed)), ["B", "C", "E"]);
        assert_eq!(
            new.error(2),
            Some(&CellError::MissingTable { name: "b".into() })
        );
        assert_eq!(new.error(4), None);
    }

    #[test]
    fn deleting_a_producer_reruns_its_readers() {
        let old = analyse(&chain());
        let mut nodes = chain();
        nodes.remove(0);
        let new = analyse(&nodes);
        assert_eq!(
            ids(&new, &rerun_set(&old, &new, &HashSet::new())),
            ["B", "C"]
        );
        assert_eq!(
            new.error(0),
            Some(&CellError::MissingTable { name: "a".into() })
        );
        // C's own graph is fine: it fails upstream at run time.
        assert_eq!(new.error(1), None);
    }

    #[test]
    fn cycles_are_reported_on_every_cell_in_order() {
        let nodes = vec![
            Node::new("X", Some("x"), &[]),
            Node::new("P", Some("p"), &["r"]),
            Node::new("Q", Some("q"), &["p", "x"]),
            Node::new("R", Some("r"), &["q"]),
            Node::new("S", Some("s"), &["r"]),
        ];
        let a = analyse(&nodes);
        let cycle = CellError::Cycle {
            cells: vec!["P".into(), "Q".into(), "R".into()],
        };
        for i in 1..=3 {
            assert_eq!(a.error(i), Some(&cycle), "cell {i}");
        }
        assert_eq!(a.error(0), None);
        assert_eq!(a.error(4), None); // downstream of a cycle: Upstream at run time
        assert_eq!(ids(&a, a.order()), ["X", "P", "Q", "R", "S"]);

        let selfish = analyse(&[Node::new("T", Some("t"), &["t"])]);
        assert_eq!(
            selfish.error(0),
            Some(&CellError::Cycle {
                cells: vec!["T".into()]
            })
        );
    }

    #[test]
    fn duplicate_names_mark_every_producer() {
        let nodes = vec![
            Node::new("A", Some("t"), &[]),
            Node::new("B", Some(" t "), &[]),
            Node::new("C", Some("c"), &["t"]),
        ];
        let a = analyse(&nodes);
        let dup = CellError::DuplicateName {
            name: "t".into(),
            cells: vec!["A".into(), "B".into()],
        };
        assert_eq!(a.error(0), Some(&dup));
        assert_eq!(a.error(1), Some(&dup));
        assert_eq!(a.producer("t"), None);
        assert_eq!(a.inputs(2), &[("t".to_owned(), vec![0, 1])]);

        // Renaming one of them fixes both: the partner must run again.
        let mut fixed = nodes.clone();
        fixed[1].output = Some("u".into());
        let b = analyse(&fixed);
        let changed = HashSet::from(["B".to_owned()]);
        assert_eq!(ids(&b, &rerun_set(&a, &b, &changed)), ["A", "B", "C"]);
    }

    #[test]
    fn invalid_names_and_syntax_errors() {
        let nodes = vec![
            Node::new("A", Some("   "), &[]),
            Node {
                id: "B".into(),
                output: Some("b".into()),
                reads: Err(CellError::Sql {
                    message: "bad".into(),
                    line: Some(1),
                    column: Some(3),
                }),
            },
            Node::new("C", Some("c"), &["nope", "b"]),
        ];
        let a = analyse(&nodes);
        assert_eq!(
            a.error(0),
            Some(&CellError::InvalidName { name: "   ".into() })
        );
        assert!(matches!(a.error(1), Some(CellError::Sql { .. })));
        // B still produces `b`: readers fail upstream rather than "missing".
        assert_eq!(a.producer("b"), Some(1));
        assert_eq!(
            a.error(2),
            Some(&CellError::MissingTable {
                name: "nope".into()
            })
        );
    }
}
