//! Line simplification for map display: Douglas-Peucker, made topology-aware for polygons that
//! share borders.
//!
//! Douglas, D. H. and Peucker, T. K. (1973), "Algorithms for the reduction of the number of points
//! required to represent a digitized line or its caricature", *The Canadian Cartographer* 10(2),
//! 112-122: keep the two end points; find the point farthest from the segment joining them; if it
//! is farther than the tolerance, keep it and recurse on both halves, else drop every point
//! between the ends. The result stays within `tolerance` of the original line.
//!
//! Simplifying each polygon ring on its own would simplify a border shared by two regions twice,
//! differently, leaving slivers and gaps between neighbours. [`Topology`] therefore finds the
//! *nodes* — vertices where the set of neighbouring vertices differs between the rings that contain
//! them, i.e. where a shared border starts or ends — and [`Topology::simplify_ring`] cuts every
//! ring at its nodes and simplifies each piece (arc) in a canonical direction. The same arc seen
//! from both sides is then simplified identically (the approach of TopoJSON / mapshaper, without
//! building an explicit arc table). This relies on neighbours having bit-identical coordinates,
//! which holds for GISCO's topologically clean NUTS files and the BEV district shapes.

use std::cmp::Ordering;
use std::collections::HashMap;

/// A point in map units.
pub type Point = [f64; 2];

type Key = (u64, u64);

fn key(p: &Point) -> Key {
    (p[0].to_bits(), p[1].to_bits())
}

fn cmp_points(a: &Point, b: &Point) -> Ordering {
    a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1]))
}

/// Distance from `p` to the segment `a`-`b`.
fn segment_distance(p: &Point, a: &Point, b: &Point) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a[0] + t * dx, a[1] + t * dy);
    ((p[0] - cx).powi(2) + (p[1] - cy).powi(2)).sqrt()
}

/// Douglas-Peucker on an open polyline: the kept points, first and last always included.
pub fn douglas_peucker(line: &[Point], tolerance: f64) -> Vec<Point> {
    if line.len() <= 2 {
        return line.to_vec();
    }
    let mut keep = vec![false; line.len()];
    keep[0] = true;
    keep[line.len() - 1] = true;
    let mut stack = vec![(0, line.len() - 1)];
    while let Some((first, last)) = stack.pop() {
        let mut max = (0.0, 0);
        for i in first + 1..last {
            let d = segment_distance(&line[i], &line[first], &line[last]);
            if d > max.0 {
                max = (d, i);
            }
        }
        if max.0 > tolerance {
            keep[max.1] = true;
            stack.push((first, max.1));
            stack.push((max.1, last));
        }
    }
    line.iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

/// The shared-border structure of a set of closed rings (see the module documentation).
#[derive(Debug, Default)]
pub struct Topology {
    /// For each vertex: the unordered pair of neighbours first seen, and whether it is a node.
    vertices: HashMap<Key, (Key, Key, bool)>,
}

impl Topology {
    /// Records every ring (closed: first point equals last) of every polygon to be simplified.
    pub fn new<'a>(rings: impl IntoIterator<Item = &'a [Point]>) -> Self {
        let mut vertices: HashMap<Key, (Key, Key, bool)> = HashMap::new();
        for ring in rings {
            let n = ring.len().saturating_sub(1);
            if n < 3 {
                continue;
            }
            for i in 0..n {
                let (prev, next) = (key(&ring[(i + n - 1) % n]), key(&ring[(i + 1) % n]));
                let pair = if prev <= next {
                    (prev, next)
                } else {
                    (next, prev)
                };
                vertices
                    .entry(key(&ring[i]))
                    .and_modify(|v| v.2 |= (v.0, v.1) != pair)
                    .or_insert((pair.0, pair.1, false));
            }
        }
        Topology { vertices }
    }

    fn is_node(&self, p: &Point) -> bool {
        self.vertices.get(&key(p)).is_some_and(|v| v.2)
    }

    /// Simplifies a closed ring with Douglas-Peucker, keeping its nodes, so that borders shared
    /// with other rings recorded in `self` are simplified identically. Returns `None` when the
    /// ring collapses to fewer than three distinct points (it is too small to draw).
    pub fn simplify_ring(&self, ring: &[Point], tolerance: f64) -> Option<Vec<Point>> {
        let n = ring.len().checked_sub(1)?;
        if n < 3 {
            return None;
        }
        let pts = &ring[..n];
        let mut anchors: Vec<usize> = (0..n).filter(|&i| self.is_node(&pts[i])).collect();
        if anchors.len() < 2 {
            // A ring without (enough) nodes is an island or an enclave shared as a whole: anchor it
            // at points every ring with the same vertices picks alike, the smallest vertex and the
            // vertex farthest from it.
            let min = (0..n)
                .min_by(|&a, &b| cmp_points(&pts[a], &pts[b]))
                .unwrap_or(0);
            let first = anchors.first().copied().unwrap_or(min);
            let far = (0..n)
                .max_by(|&a, &b| {
                    let da = segment_distance(&pts[a], &pts[first], &pts[first]);
                    let db = segment_distance(&pts[b], &pts[first], &pts[first]);
                    da.total_cmp(&db).then_with(|| cmp_points(&pts[b], &pts[a]))
                })
                .unwrap_or(0);
            anchors.extend([min, far]);
            anchors.sort_unstable();
            anchors.dedup();
        }
        let mut out = Vec::with_capacity(n / 2 + 2);
        let mut arc = Vec::new();
        for (k, &start) in anchors.iter().enumerate() {
            let end = anchors[(k + 1) % anchors.len()];
            arc.clear();
            let mut i = start;
            loop {
                arc.push(pts[i]);
                i = (i + 1) % n;
                if i == end {
                    arc.push(pts[i]);
                    break;
                }
            }
            let forward = match cmp_points(&arc[0], &arc[arc.len() - 1]) {
                Ordering::Equal => cmp_points(&arc[1], &arc[arc.len() - 2]) != Ordering::Greater,
                o => o == Ordering::Less,
            };
            let simplified = if forward {
                douglas_peucker(&arc, tolerance)
            } else {
                arc.reverse();
                let mut s = douglas_peucker(&arc, tolerance);
                s.reverse();
                s
            };
            out.extend_from_slice(&simplified[..simplified.len() - 1]);
        }
        if out.len() < 3 {
            return None;
        }
        out.push(out[0]);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wiggly_square(n: usize) -> Vec<Point> {
        // A 100 x 100 square whose bottom edge has n points with ±0.1 noise, closed.
        let mut ring: Vec<Point> = (0..n)
            .map(|i| {
                [
                    i as f64 * 100.0 / n as f64,
                    if i % 2 == 0 { 0.1 } else { -0.1 },
                ]
            })
            .collect();
        ring.extend([[100.0, 0.0], [100.0, 100.0], [0.0, 100.0]]);
        ring.push(ring[0]);
        ring
    }

    #[test]
    fn douglas_peucker_keeps_ends_and_corners() {
        let line = [[0.0, 0.0], [1.0, 0.1], [2.0, -0.1], [3.0, 5.0], [4.0, 0.0]];
        assert_eq!(
            douglas_peucker(&line, 0.5),
            vec![[0.0, 0.0], [2.0, -0.1], [3.0, 5.0], [4.0, 0.0]]
        );
        assert_eq!(douglas_peucker(&line, 10.0), vec![[0.0, 0.0], [4.0, 0.0]]);
    }

    #[test]
    fn ring_simplification_stays_closed_and_shrinks() {
        let ring = wiggly_square(200);
        let topo = Topology::new([ring.as_slice()]);
        let s = topo.simplify_ring(&ring, 0.5).unwrap();
        assert_eq!(s.first(), s.last());
        assert!(s.len() <= 6 && s.len() >= 4, "{s:?}");
    }

    #[test]
    fn shared_border_is_simplified_identically_from_both_sides() {
        // Two squares sharing a noisy vertical edge at x = 100, traversed in opposite directions.
        let edge: Vec<Point> = (0..=50)
            .map(|i| [100.0 + if i % 2 == 0 { 0.3 } else { -0.3 }, i as f64 * 2.0])
            .collect();
        let mut left: Vec<Point> = vec![[0.0, 0.0]];
        left.extend(edge.iter().copied());
        left.extend([[0.0, 100.0], [0.0, 0.0]]);
        let mut right: Vec<Point> = vec![[200.0, 100.0]];
        right.extend(edge.iter().rev().copied());
        right.extend([[200.0, 0.0], [200.0, 100.0]]);
        let topo = Topology::new([left.as_slice(), right.as_slice()]);
        let (l, r) = (
            topo.simplify_ring(&left, 0.5).unwrap(),
            topo.simplify_ring(&right, 0.5).unwrap(),
        );
        let on_edge = |ring: &[Point]| {
            let mut v: Vec<Point> = ring
                .iter()
                .copied()
                .filter(|p| (p[0] - 100.0).abs() < 1.0)
                .collect();
            v.sort_by(cmp_points);
            v.dedup();
            v
        };
        assert_eq!(on_edge(&l), on_edge(&r));
        assert!(on_edge(&l).len() < edge.len());
    }
}
