//! A read-only view of a parsed expression's syntax tree, for code that translates the
//! language into another one (the SQL that `civis estimate --emit-sql` prints). Evaluation does
//! not use it; the semantics each node must keep are those of the [module docs](super).

use super::{ArithOp, CmpOp, Expr, Func, Kind, LogicOp, Node};

/// One node of an expression, with the text it was parsed from.
#[derive(Debug, Clone, Copy)]
pub struct SyntaxNode<'a> {
    text: &'a str,
    node: &'a Node,
}

/// What a [`SyntaxNode`] is.
#[derive(Debug, Clone)]
pub enum Syntax<'a> {
    Num(f64),
    Str(&'a str),
    Bool(bool),
    /// The literal `missing`.
    Missing,
    Column(&'a str),
    Neg(SyntaxNode<'a>),
    Not(SyntaxNode<'a>),
    Arith(ArithOp, SyntaxNode<'a>, SyntaxNode<'a>),
    Compare(CmpOp, SyntaxNode<'a>, SyntaxNode<'a>),
    Logic(LogicOp, SyntaxNode<'a>, SyntaxNode<'a>),
    In {
        lhs: SyntaxNode<'a>,
        items: Vec<SyntaxNode<'a>>,
        negated: bool,
    },
    IsMissing {
        arg: SyntaxNode<'a>,
        negated: bool,
    },
    Call {
        func: Func,
        args: Vec<SyntaxNode<'a>>,
    },
}

impl Expr {
    /// The root of the syntax tree.
    pub fn syntax(&self) -> SyntaxNode<'_> {
        SyntaxNode {
            text: &self.text,
            node: &self.root,
        }
    }
}

impl<'a> SyntaxNode<'a> {
    /// What the node is.
    pub fn kind(&self) -> Syntax<'a> {
        let at = |node: &'a Node| SyntaxNode {
            text: self.text,
            node,
        };
        match &self.node.kind {
            Kind::Num(v) => Syntax::Num(*v),
            Kind::Str(s) => Syntax::Str(s),
            Kind::Bool(b) => Syntax::Bool(*b),
            Kind::Missing => Syntax::Missing,
            Kind::Col(c) => Syntax::Column(c),
            Kind::Neg(a) => Syntax::Neg(at(a)),
            Kind::Not(a) => Syntax::Not(at(a)),
            Kind::Arith(op, a, b) => Syntax::Arith(*op, at(a), at(b)),
            Kind::Cmp(op, a, b) => Syntax::Compare(*op, at(a), at(b)),
            Kind::Logic(op, a, b) => Syntax::Logic(*op, at(a), at(b)),
            Kind::In {
                lhs,
                items,
                negated,
            } => Syntax::In {
                lhs: at(lhs),
                items: items.iter().map(at).collect(),
                negated: *negated,
            },
            Kind::IsMissing { arg, negated } => Syntax::IsMissing {
                arg: at(arg),
                negated: *negated,
            },
            Kind::Call { func, args } => Syntax::Call {
                func: *func,
                args: args.iter().map(at).collect(),
            },
        }
    }

    /// The node's source text (for messages).
    pub fn source(&self) -> &'a str {
        let (a, b) = self.node.span;
        self.text.get(a..b).unwrap_or(self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::parse;

    #[test]
    fn the_view_follows_the_tree() {
        let e = parse("a + 2 * b > 3 and c in ('x', 'y')").unwrap();
        let Syntax::Logic(LogicOp::And, l, r) = e.syntax().kind() else {
            panic!("not an and");
        };
        assert_eq!(l.source(), "a + 2 * b > 3");
        let Syntax::Compare(CmpOp::Gt, sum, _) = l.kind() else {
            panic!("not a comparison");
        };
        assert!(matches!(sum.kind(), Syntax::Arith(ArithOp::Add, _, _)));
        let Syntax::In { items, negated, .. } = r.kind() else {
            panic!("not in");
        };
        assert!(!negated);
        assert!(matches!(items[1].kind(), Syntax::Str("y")));
    }
}
