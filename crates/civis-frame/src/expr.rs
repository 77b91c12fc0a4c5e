//! # The Civis expression language
//!
//! Expressions derive variables (`civis estimate --define 'name = EXPR'`) and select subsets
//! (`--where 'EXPR'`). They are parsed once with [`parse`] / [`parse_definition`] and evaluated
//! over a whole [`Frame`] with [`Expr::eval`] / [`Expr::eval_filter`].
//!
//! ## Grammar
//!
//! Lowest precedence first; keywords (`and or not in is missing true false`) and function names
//! are case-insensitive.
//!
//! ```text
//! definition = name "=" expr ;                      (a single "=", not "==", "<=", ">=", "!=")
//! expr       = and_expr { ("or" | "||") and_expr } ;
//! and_expr   = not_expr { ("and" | "&&") not_expr } ;
//! not_expr   = ("not" | "!") not_expr | comparison ;
//! comparison = sum [ cmp_op sum
//!                  | ["not"] "in" "(" expr { "," expr } ")"
//!                  | "is" ["not"] "missing" ] ;       (comparisons do not chain)
//! cmp_op     = "==" | "=" | "!=" | "<>" | "<" | "<=" | ">" | ">=" ;
//! sum        = product { ("+" | "-") product } ;
//! product    = unary { ("*" | "/" | "%") unary } ;
//! unary      = "-" unary | primary ;
//! primary    = number | string | "true" | "false" | "missing"
//!            | function "(" [ expr { "," expr } ] ")"
//!            | name | "(" expr ")" ;
//! name       = ident | "`" { any character, "\`" and "\\" escaped } "`" ;
//! ident      = (letter | "_") { letter | digit | "_" | "." } ;   (not a keyword)
//! number     = digits [ "." [ digits ] ] [ exponent ] | "." digits [ exponent ] ;
//! exponent   = ("e" | "E") [ "+" | "-" ] digits ;
//! string     = '"' { char } '"' | "'" { char } "'" ;  (a backslash escapes the quote or "\")
//! function   = "if" | "coalesce" | "abs" | "min" | "max" | "log" | "exp" | "sqrt"
//!            | "round" | "floor" | "ceil" ;
//! ```
//!
//! Functions: `if(cond, then, else)`; `coalesce(a, b, ...)` (first non-missing argument);
//! `abs(x)`; `min(a, b, ...)` and `max(a, b, ...)`; `log(x)` (natural logarithm); `exp(x)`;
//! `sqrt(x)`; `round(x)` (half away from zero) and `round(x, digits)`; `floor(x)`; `ceil(x)`.
//!
//! ## Types
//!
//! Values are numbers, booleans (true/false) or text; `missing` is a missing value of any type.
//! A boolean used where a number is needed counts as 1/0 (`emp = pl030 in (1, 2)` stores 1/0),
//! and a number used as a condition (`and`, `or`, `not`, `if`, `--where`) is true when it is
//! non-zero. Text compares with text only (`==`, `!=` and ordering by Unicode code point);
//! comparing text with a number, or doing arithmetic on text, is a type error reported at the
//! operator. Both branches of `if` (all arguments of `coalesce`) must have the same type, where
//! numbers and booleans mix (giving a number).
//!
//! ## Missing values (SQL semantics)
//!
//! * Arithmetic, comparisons and numeric functions with a missing operand are missing; so are
//!   division and `%` by zero, `log` of a number <= 0 and `sqrt` of a negative number.
//! * `and`/`or` are three-valued: `false and missing` is false, `true or missing` is true,
//!   `true and missing`, `false or missing` and `not missing` are missing.
//! * `x in (a, b)` is `x == a or x == b`: missing when `x` is missing, and also when no element
//!   matches but an element is missing.
//! * `x is missing` / `x is not missing` are never missing; `x == missing` is always missing.
//! * `if(cond, a, b)` is `b` where `cond` is false **or missing** (like SQL `CASE WHEN`). So
//!   `if(pb220a == "AT", "national", "foreign")` is `"foreign"` where `pb220a` is missing;
//!   write `if(pb220a is missing, missing, if(...))` to keep such rows missing.
//! * [`Expr::eval_filter`] keeps a row only where the condition is true.
//!
//! ## Evaluation
//!
//! Evaluation is vectorised: every node of the syntax tree yields a whole column (or a scalar
//! that is broadcast), numbers as `f64` with `NaN` for missing, booleans as `u8` (0 false,
//! 1 true, 2 missing), text as dictionary codes. Comparing a text column with a string literal
//! looks the literal up in the column's dictionary once and then compares codes; a literal that
//! does not occur in the data simply matches no row.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

use thiserror::Error;

pub mod syntax;

use crate::{
    edit_distance, CellRef, Column, Frame, FrameError, NumColumn, StrColumn, MISSING_CODE,
};

/// Deepest allowed nesting of parentheses, unary operators and function calls.
const MAX_NEST: usize = 100;
/// Deepest allowed syntax tree (long `a + b + c + ...` chains count too).
const MAX_DEPTH: usize = 256;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// An error in an expression: what is wrong ([`ExprErrorKind`]) and where.
///
/// Displays as ``in `age >= 20 and agee <= 64`, column 15: unknown column `agee` (did you mean
/// `age`?)``.
#[derive(Debug, PartialEq, Error)]
#[error("in `{text}`, column {column}: {kind}")]
pub struct ExprError {
    /// The text that [`column`](Self::column) refers to: the expression, or the whole
    /// `name = expr` of a definition.
    pub text: String,
    /// 1-based character position of the problem in `text` (one past the end for problems at
    /// the end of the expression).
    pub column: usize,
    /// What is wrong.
    pub kind: ExprErrorKind,
}

impl ExprError {
    fn new(text: &str, pos: usize, kind: ExprErrorKind) -> Self {
        Self {
            text: text.to_owned(),
            column: pos + 1,
            kind,
        }
    }

    /// The expression with a caret under the offending column, for terminal output:
    ///
    /// ```text
    /// age >= 20 and agee <= 64
    ///               ^
    /// ```
    pub fn caret(&self) -> String {
        format!(
            "{}\n{}^",
            self.text,
            " ".repeat(self.column.saturating_sub(1))
        )
    }
}

/// What is wrong in an [`ExprError`].
#[derive(Debug, PartialEq, Error)]
pub enum ExprErrorKind {
    #[error("unexpected character `{ch}`{hint}")]
    UnexpectedChar { ch: char, hint: &'static str },
    #[error("unterminated string: the {quote} opened here is never closed")]
    UnterminatedString { quote: char },
    #[error("unterminated name: the ` opened here is never closed")]
    UnterminatedName,
    #[error("invalid number `{0}`")]
    BadNumber(String),
    #[error("expected {expected}, found {found}")]
    Unexpected { expected: String, found: String },
    #[error("missing `)` to close the `(` at column {open} (found {found})")]
    MissingParen { open: usize, found: String },
    #[error("unexpected {found} after a complete expression{hint}")]
    TrailingInput { found: String, hint: &'static str },
    #[error("comparisons cannot be chained; combine them with `and`, as in `a < b and b < c`")]
    ChainedComparison,
    #[error("the expression is nested too deeply (at most {0} levels)")]
    TooDeep(usize),
    #[error("unknown function `{name}`{hint}")]
    UnknownFunction { name: String, hint: String },
    #[error("`{name}` takes {takes}, got {got} (write {usage})")]
    Arity {
        name: &'static str,
        takes: &'static str,
        got: usize,
        usage: &'static str,
    },
    #[error("expected `name = expression`{0}")]
    NotADefinition(String),
    /// An unknown column, with [`Frame::column`]'s suggestions.
    #[error("{0}")]
    UnknownColumn(FrameError),
    #[error("type error: {0}")]
    Type(String),
}

type R<T> = Result<T, ExprError>;

// ---------------------------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kw {
    And,
    Or,
    Not,
    In,
    Is,
    Missing,
    True,
    False,
}

fn keyword(s: &str) -> Option<Kw> {
    const KWS: [(&str, Kw); 8] = [
        ("and", Kw::And),
        ("or", Kw::Or),
        ("not", Kw::Not),
        ("in", Kw::In),
        ("is", Kw::Is),
        ("missing", Kw::Missing),
        ("true", Kw::True),
        ("false", Kw::False),
    ];
    KWS.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(s))
        .map(|&(_, kw)| kw)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Ident(String),
    /// A backquoted name.
    Quoted(String),
    Kw(Kw),
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    /// A single `=`: equality in expressions, the separator in definitions.
    Assign,
    EqEq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    AndAnd,
    OrOr,
    Bang,
    LParen,
    RParen,
    Comma,
    End,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    /// 0-based character position.
    pos: usize,
    /// Byte range in the text.
    start: usize,
    end: usize,
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// Splits `text` into tokens; the last one is always [`Tok::End`].
fn lex(text: &str) -> R<Vec<Token>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let ch = |i: usize| chars.get(i).map(|c| c.1);
    let digit = |i: usize| ch(i).is_some_and(|c| c.is_ascii_digit());
    let err = |pos: usize, kind| ExprError::new(text, pos, kind);

    let mut toks = Vec::new();
    let mut i = 0;
    while let Some(c) = ch(i) {
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let tok = if c.is_ascii_digit() || (c == '.' && digit(i + 1)) {
            while digit(i) {
                i += 1;
            }
            if ch(i) == Some('.') {
                i += 1;
                while digit(i) {
                    i += 1;
                }
            }
            if matches!(ch(i), Some('e' | 'E')) {
                let j = if matches!(ch(i + 1), Some('+' | '-')) {
                    i + 2
                } else {
                    i + 1
                };
                if digit(j) {
                    i = j;
                    while digit(i) {
                        i += 1;
                    }
                }
            }
            let bad = ch(i).is_some_and(is_ident_continue);
            while ch(i).is_some_and(is_ident_continue) {
                i += 1;
            }
            let s = &text[byte_at(start)..byte_at(i)];
            match s.parse::<f64>() {
                Ok(v) if !bad => Tok::Num(v),
                _ => return Err(err(start, ExprErrorKind::BadNumber(s.to_owned()))),
            }
        } else if is_ident_start(c) {
            while ch(i).is_some_and(is_ident_continue) {
                i += 1;
            }
            let s = &text[byte_at(start)..byte_at(i)];
            keyword(s).map_or_else(|| Tok::Ident(s.to_owned()), Tok::Kw)
        } else if matches!(c, '"' | '\'' | '`') {
            let mut out = String::new();
            i += 1;
            loop {
                match ch(i) {
                    None if c == '`' => {
                        return Err(err(start, ExprErrorKind::UnterminatedName));
                    }
                    None => {
                        return Err(err(start, ExprErrorKind::UnterminatedString { quote: c }));
                    }
                    Some('\\') => match ch(i + 1) {
                        Some(e) if e == c || e == '\\' => {
                            out.push(e);
                            i += 2;
                        }
                        _ => {
                            out.push('\\');
                            i += 1;
                        }
                    },
                    Some(d) if d == c => {
                        i += 1;
                        break;
                    }
                    Some(d) => {
                        out.push(d);
                        i += 1;
                    }
                }
            }
            if c == '`' {
                Tok::Quoted(out)
            } else {
                Tok::Str(out)
            }
        } else {
            let next = ch(i + 1);
            let (tok, len) = match (c, next) {
                ('=', Some('=')) => (Tok::EqEq, 2),
                ('!', Some('=')) | ('<', Some('>')) => (Tok::Ne, 2),
                ('<', Some('=')) => (Tok::Le, 2),
                ('>', Some('=')) => (Tok::Ge, 2),
                ('&', Some('&')) => (Tok::AndAnd, 2),
                ('|', Some('|')) => (Tok::OrOr, 2),
                ('=', _) => (Tok::Assign, 1),
                ('<', _) => (Tok::Lt, 1),
                ('>', _) => (Tok::Gt, 1),
                ('!', _) => (Tok::Bang, 1),
                ('+', _) => (Tok::Plus, 1),
                ('-', _) => (Tok::Minus, 1),
                ('*', _) => (Tok::Star, 1),
                ('/', _) => (Tok::Slash, 1),
                ('%', _) => (Tok::Percent, 1),
                ('(', _) => (Tok::LParen, 1),
                (')', _) => (Tok::RParen, 1),
                (',', _) => (Tok::Comma, 1),
                _ => {
                    let hint = match c {
                        '&' => " (write `and` or `&&`)",
                        '|' => " (write `or` or `||`)",
                        '^' => " (there is no power operator; multiply instead)",
                        '[' | ']' | '{' | '}' => " (only round parentheses group)",
                        _ => " (names with special characters go in backquotes: `my col`)",
                    };
                    return Err(err(start, ExprErrorKind::UnexpectedChar { ch: c, hint }));
                }
            };
            i += len;
            tok
        };
        toks.push(Token {
            tok,
            pos: start,
            start: byte_at(start),
            end: byte_at(i),
        });
    }
    toks.push(Token {
        tok: Tok::End,
        pos: chars.len(),
        start: text.len(),
        end: text.len(),
    });
    Ok(toks)
}

// ---------------------------------------------------------------------------------------------
// Syntax tree
// ---------------------------------------------------------------------------------------------

/// An arithmetic operator (see [`syntax`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl ArithOp {
    /// The operator as written: `+`, `-`, `*`, `/`, `%`.
    pub fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
            ArithOp::Rem => "%",
        }
    }
}

/// A comparison operator (see [`syntax`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    fn of(tok: &Tok) -> Option<CmpOp> {
        Some(match tok {
            Tok::Assign | Tok::EqEq => CmpOp::Eq,
            Tok::Ne => CmpOp::Ne,
            Tok::Lt => CmpOp::Lt,
            Tok::Le => CmpOp::Le,
            Tok::Gt => CmpOp::Gt,
            Tok::Ge => CmpOp::Ge,
            _ => return None,
        })
    }
    fn holds(self, o: Ordering) -> bool {
        match self {
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
        }
    }
    /// The operator with its operands swapped: `a < b` is `b > a`.
    fn flip(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            op => op,
        }
    }
}

/// `and` / `or` (see [`syntax`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogicOp {
    And,
    Or,
}

/// A function of the language (see [`syntax`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    If,
    Coalesce,
    Abs,
    Min,
    Max,
    Log,
    Exp,
    Sqrt,
    Round,
    Floor,
    Ceil,
}

impl Func {
    const ALL: [Func; 11] = [
        Func::If,
        Func::Coalesce,
        Func::Abs,
        Func::Min,
        Func::Max,
        Func::Log,
        Func::Exp,
        Func::Sqrt,
        Func::Round,
        Func::Floor,
        Func::Ceil,
    ];

    /// The function's name as the grammar spells it.
    pub fn name(self) -> &'static str {
        match self {
            Func::If => "if",
            Func::Coalesce => "coalesce",
            Func::Abs => "abs",
            Func::Min => "min",
            Func::Max => "max",
            Func::Log => "log",
            Func::Exp => "exp",
            Func::Sqrt => "sqrt",
            Func::Round => "round",
            Func::Floor => "floor",
            Func::Ceil => "ceil",
        }
    }

    fn lookup(name: &str) -> Option<Func> {
        Func::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// (minimum, maximum) number of arguments, description, usage.
    fn arity(self) -> (usize, usize, &'static str, &'static str) {
        match self {
            Func::If => (3, 3, "3 arguments", "if(condition, then, else)"),
            Func::Coalesce => (1, usize::MAX, "1 or more arguments", "coalesce(a, b, ...)"),
            Func::Min => (2, usize::MAX, "2 or more arguments", "min(a, b, ...)"),
            Func::Max => (2, usize::MAX, "2 or more arguments", "max(a, b, ...)"),
            Func::Round => (1, 2, "1 or 2 arguments", "round(x) or round(x, digits)"),
            Func::Abs => (1, 1, "1 argument", "abs(x)"),
            Func::Log => (1, 1, "1 argument", "log(x)"),
            Func::Exp => (1, 1, "1 argument", "exp(x)"),
            Func::Sqrt => (1, 1, "1 argument", "sqrt(x)"),
            Func::Floor => (1, 1, "1 argument", "floor(x)"),
            Func::Ceil => (1, 1, "1 argument", "ceil(x)"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Num(f64),
    Str(String),
    Bool(bool),
    Missing,
    Col(String),
    Neg(Box<Node>),
    Not(Box<Node>),
    Arith(ArithOp, Box<Node>, Box<Node>),
    Cmp(CmpOp, Box<Node>, Box<Node>),
    Logic(LogicOp, Box<Node>, Box<Node>),
    In {
        lhs: Box<Node>,
        items: Vec<Node>,
        negated: bool,
    },
    IsMissing {
        arg: Box<Node>,
        negated: bool,
    },
    Call {
        func: Func,
        args: Vec<Node>,
    },
}

#[derive(Debug, Clone, PartialEq)]
struct Node {
    kind: Kind,
    /// 0-based character position errors point at: the operator, function name or value.
    pos: usize,
    /// Byte range of the node's source text.
    span: (usize, usize),
    /// Height of the subtree (a leaf is 1).
    depth: usize,
}

impl Kind {
    fn children(&self) -> Vec<&Node> {
        match self {
            Kind::Num(_) | Kind::Str(_) | Kind::Bool(_) | Kind::Missing | Kind::Col(_) => {
                Vec::new()
            }
            Kind::Neg(a) | Kind::Not(a) | Kind::IsMissing { arg: a, .. } => vec![a],
            Kind::Arith(_, a, b) | Kind::Cmp(_, a, b) | Kind::Logic(_, a, b) => vec![a, b],
            Kind::In { lhs, items, .. } => std::iter::once(&**lhs).chain(items).collect(),
            Kind::Call { args, .. } => args.iter().collect(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

struct Parser<'t> {
    text: &'t str,
    toks: &'t [Token],
    i: usize,
    nest: usize,
}

impl<'t> Parser<'t> {
    fn peek(&self) -> &'t Token {
        let toks: &'t [Token] = self.toks;
        &toks[self.i.min(toks.len() - 1)]
    }
    fn peek2(&self) -> &'t Tok {
        self.toks.get(self.i + 1).map_or(&Tok::End, |t| &t.tok)
    }
    fn bump(&mut self) -> &'t Token {
        let t = self.peek();
        if self.i + 1 < self.toks.len() {
            self.i += 1;
        }
        t
    }
    fn found(&self, t: &Token) -> String {
        match t.tok {
            Tok::End => "end of expression".to_owned(),
            _ => format!("`{}`", &self.text[t.start..t.end]),
        }
    }
    fn err(&self, pos: usize, kind: ExprErrorKind) -> ExprError {
        ExprError::new(self.text, pos, kind)
    }
    fn enter(&mut self) -> R<()> {
        self.nest += 1;
        if self.nest > MAX_NEST {
            return Err(self.err(self.peek().pos, ExprErrorKind::TooDeep(MAX_NEST)));
        }
        Ok(())
    }
    fn leave(&mut self) {
        self.nest -= 1;
    }
    fn mk(&self, kind: Kind, pos: usize, span: (usize, usize)) -> R<Node> {
        let depth = 1 + kind.children().iter().map(|c| c.depth).max().unwrap_or(0);
        if depth > MAX_DEPTH {
            return Err(self.err(pos, ExprErrorKind::TooDeep(MAX_DEPTH)));
        }
        Ok(Node {
            kind,
            pos,
            span,
            depth,
        })
    }
    fn expect_close(&mut self, open: &Token) -> R<&'t Token> {
        let t = self.peek();
        if t.tok == Tok::RParen {
            return Ok(self.bump());
        }
        Err(self.err(
            t.pos,
            ExprErrorKind::MissingParen {
                open: open.pos + 1,
                found: self.found(t),
            },
        ))
    }

    /// A whole expression: everything up to [`Tok::End`].
    fn parse_all(&mut self) -> R<Node> {
        let e = self.parse_expr()?;
        let t = self.peek();
        if t.tok == Tok::End {
            return Ok(e);
        }
        let hint = match t.tok {
            Tok::RParen => " (this `)` has no matching `(`)",
            Tok::Assign => " (a definition is `name = expression`)",
            Tok::Ident(_) | Tok::Quoted(_) | Tok::Num(_) | Tok::Str(_) => {
                " (is an operator such as `and` missing?)"
            }
            _ => "",
        };
        Err(self.err(
            t.pos,
            ExprErrorKind::TrailingInput {
                found: self.found(t),
                hint,
            },
        ))
    }

    fn parse_expr(&mut self) -> R<Node> {
        self.enter()?;
        let mut lhs = self.parse_and()?;
        while matches!(self.peek().tok, Tok::Kw(Kw::Or) | Tok::OrOr) {
            let op = self.bump();
            let rhs = self.parse_and()?;
            let span = (lhs.span.0, rhs.span.1);
            lhs = self.mk(
                Kind::Logic(LogicOp::Or, Box::new(lhs), Box::new(rhs)),
                op.pos,
                span,
            )?;
        }
        self.leave();
        Ok(lhs)
    }

    fn parse_and(&mut self) -> R<Node> {
        let mut lhs = self.parse_not()?;
        while matches!(self.peek().tok, Tok::Kw(Kw::And) | Tok::AndAnd) {
            let op = self.bump();
            let rhs = self.parse_not()?;
            let span = (lhs.span.0, rhs.span.1);
            lhs = self.mk(
                Kind::Logic(LogicOp::And, Box::new(lhs), Box::new(rhs)),
                op.pos,
                span,
            )?;
        }
        Ok(lhs)
    }

    fn parse_not(&mut self) -> R<Node> {
        if !matches!(self.peek().tok, Tok::Kw(Kw::Not) | Tok::Bang) {
            return self.parse_cmp();
        }
        let op = self.bump();
        self.enter()?;
        let a = self.parse_not()?;
        self.leave();
        let span = (op.start, a.span.1);
        self.mk(Kind::Not(Box::new(a)), op.pos, span)
    }

    fn is_cmp_start(&self) -> bool {
        let t = &self.peek().tok;
        CmpOp::of(t).is_some()
            || matches!(t, Tok::Kw(Kw::In | Kw::Is))
            || (*t == Tok::Kw(Kw::Not) && *self.peek2() == Tok::Kw(Kw::In))
    }

    fn parse_cmp(&mut self) -> R<Node> {
        let lhs = self.parse_sum()?;
        if !self.is_cmp_start() {
            return Ok(lhs);
        }
        let op = self.bump();
        let node = match &op.tok {
            Tok::Kw(Kw::In) => self.parse_in(lhs, false, op)?,
            Tok::Kw(Kw::Not) => {
                self.bump(); // `in`
                self.parse_in(lhs, true, op)?
            }
            Tok::Kw(Kw::Is) => {
                let negated = self.peek().tok == Tok::Kw(Kw::Not);
                if negated {
                    self.bump();
                }
                let m = self.peek();
                if m.tok != Tok::Kw(Kw::Missing) {
                    let is_null = matches!(&m.tok, Tok::Ident(s) if s.eq_ignore_ascii_case("null"));
                    let expected = if is_null {
                        "`missing` after `is` (Civis writes `is missing`, not `is null`)"
                    } else {
                        "`missing` after `is`, as in `x is missing` or `x is not missing`"
                    };
                    return Err(self.err(
                        m.pos,
                        ExprErrorKind::Unexpected {
                            expected: expected.to_owned(),
                            found: self.found(m),
                        },
                    ));
                }
                self.bump();
                let span = (lhs.span.0, m.end);
                self.mk(
                    Kind::IsMissing {
                        arg: Box::new(lhs),
                        negated,
                    },
                    op.pos,
                    span,
                )?
            }
            tok => {
                let cmp = CmpOp::of(tok).unwrap_or(CmpOp::Eq);
                let rhs = self.parse_sum()?;
                let span = (lhs.span.0, rhs.span.1);
                self.mk(Kind::Cmp(cmp, Box::new(lhs), Box::new(rhs)), op.pos, span)?
            }
        };
        if self.is_cmp_start() {
            return Err(self.err(self.peek().pos, ExprErrorKind::ChainedComparison));
        }
        Ok(node)
    }

    fn parse_in(&mut self, lhs: Node, negated: bool, op: &Token) -> R<Node> {
        let open = self.peek();
        if open.tok != Tok::LParen {
            return Err(self.err(
                open.pos,
                ExprErrorKind::Unexpected {
                    expected: "`(` after `in`, as in `x in (1, 2)`".to_owned(),
                    found: self.found(open),
                },
            ));
        }
        self.bump();
        let mut items = vec![self.parse_expr()?];
        while self.peek().tok == Tok::Comma {
            self.bump();
            items.push(self.parse_expr()?);
        }
        let close = self.expect_close(open)?;
        let span = (lhs.span.0, close.end);
        self.mk(
            Kind::In {
                lhs: Box::new(lhs),
                items,
                negated,
            },
            op.pos,
            span,
        )
    }

    fn parse_sum(&mut self) -> R<Node> {
        let mut lhs = self.parse_product()?;
        loop {
            let op = match self.peek().tok {
                Tok::Plus => ArithOp::Add,
                Tok::Minus => ArithOp::Sub,
                _ => return Ok(lhs),
            };
            let t = self.bump();
            let rhs = self.parse_product()?;
            let span = (lhs.span.0, rhs.span.1);
            lhs = self.mk(Kind::Arith(op, Box::new(lhs), Box::new(rhs)), t.pos, span)?;
        }
    }

    fn parse_product(&mut self) -> R<Node> {
        let mut lhs = self.parse_unary()?;
        loop {
            let op = match self.peek().tok {
                Tok::Star => ArithOp::Mul,
                Tok::Slash => ArithOp::Div,
                Tok::Percent => ArithOp::Rem,
                _ => return Ok(lhs),
            };
            let t = self.bump();
            let rhs = self.parse_unary()?;
            let span = (lhs.span.0, rhs.span.1);
            lhs = self.mk(Kind::Arith(op, Box::new(lhs), Box::new(rhs)), t.pos, span)?;
        }
    }

    fn parse_unary(&mut self) -> R<Node> {
        if self.peek().tok != Tok::Minus {
            return self.parse_primary();
        }
        let op = self.bump();
        self.enter()?;
        let a = self.parse_unary()?;
        self.leave();
        let span = (op.start, a.span.1);
        self.mk(Kind::Neg(Box::new(a)), op.pos, span)
    }

    fn parse_primary(&mut self) -> R<Node> {
        let t = self.peek();
        let leaf = |kind| (kind, t.pos, (t.start, t.end));
        let (kind, pos, span) = match &t.tok {
            Tok::Num(v) => leaf(Kind::Num(*v)),
            Tok::Str(s) => leaf(Kind::Str(s.clone())),
            Tok::Kw(Kw::True) => leaf(Kind::Bool(true)),
            Tok::Kw(Kw::False) => leaf(Kind::Bool(false)),
            Tok::Kw(Kw::Missing) => leaf(Kind::Missing),
            Tok::Quoted(name) => leaf(Kind::Col(name.clone())),
            Tok::Ident(name) if *self.peek2() == Tok::LParen => return self.parse_call(name),
            Tok::Ident(name) => leaf(Kind::Col(name.clone())),
            Tok::LParen => {
                self.bump();
                // `parse_expr` counts the nesting level.
                let mut e = self.parse_expr()?;
                let close = self.expect_close(t)?;
                e.span = (t.start, close.end);
                return Ok(e);
            }
            _ => {
                return Err(self.err(
                    t.pos,
                    ExprErrorKind::Unexpected {
                        expected: "a value (a number, string, column name, function call or `(`)"
                            .to_owned(),
                        found: self.found(t),
                    },
                ))
            }
        };
        self.bump();
        self.mk(kind, pos, span)
    }

    fn parse_call(&mut self, name: &str) -> R<Node> {
        let t = self.bump();
        let Some(func) = Func::lookup(name) else {
            let lower = name.to_lowercase();
            let close: Vec<String> = Func::ALL
                .iter()
                .filter(|f| edit_distance(f.name(), &lower) <= 2)
                .map(|f| format!("`{}`", f.name()))
                .collect();
            let hint = if close.is_empty() {
                let all: Vec<&str> = Func::ALL.iter().map(|f| f.name()).collect();
                format!("; functions are: {}", all.join(", "))
            } else {
                format!(" (did you mean {}?)", close.join(", "))
            };
            return Err(self.err(
                t.pos,
                ExprErrorKind::UnknownFunction {
                    name: name.to_owned(),
                    hint,
                },
            ));
        };
        let open = self.bump();
        // Each argument's `parse_expr` counts the nesting level.
        let mut args = Vec::new();
        if self.peek().tok != Tok::RParen {
            args.push(self.parse_expr()?);
            while self.peek().tok == Tok::Comma {
                self.bump();
                args.push(self.parse_expr()?);
            }
        }
        let close = self.expect_close(open)?;
        let (lo, hi, takes, usage) = func.arity();
        if args.len() < lo || args.len() > hi {
            return Err(self.err(
                t.pos,
                ExprErrorKind::Arity {
                    name: func.name(),
                    takes,
                    got: args.len(),
                    usage,
                },
            ));
        }
        self.mk(Kind::Call { func, args }, t.pos, (t.start, close.end))
    }
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/// A parsed expression. It keeps its source text, for [`Expr::source`] and error messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// The text positions refer to (for a definition, the whole `name = expr`).
    text: String,
    /// Byte range of the expression itself in `text`.
    range: (usize, usize),
    root: Node,
}

/// A derived variable, `name = expr`.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    pub name: String,
    pub expr: Expr,
}

/// Parses an expression (see the [module documentation](self) for the grammar).
pub fn parse(src: &str) -> Result<Expr, ExprError> {
    let toks = lex(src)?;
    parse_tokens(src, &toks, 0)
}

fn parse_tokens(text: &str, toks: &[Token], first: usize) -> R<Expr> {
    let mut p = Parser {
        text,
        toks,
        i: first,
        nest: 0,
    };
    let root = p.parse_all()?;
    let start = toks.get(first).map_or(text.len(), |t| t.start);
    let end = text.trim_end().len().max(start);
    Ok(Expr {
        text: text.to_owned(),
        range: (start, end),
        root,
    })
}

/// Parses a definition `name = EXPR`. The name is an identifier or a backquoted name; the
/// separator is the first single `=` (not part of `==`, `<=`, `>=` or `!=`). Error positions
/// refer to the whole definition.
pub fn parse_definition(src: &str) -> Result<Definition, ExprError> {
    let toks = lex(src)?;
    let not_def = |pos: usize, detail: String| {
        ExprError::new(src, pos, ExprErrorKind::NotADefinition(detail))
    };
    let found = |t: &Token| match t.tok {
        Tok::End => "end of input".to_owned(),
        _ => format!("`{}`", &src[t.start..t.end]),
    };
    let first = &toks[0];
    let name = match &first.tok {
        Tok::Ident(s) | Tok::Quoted(s) => s.clone(),
        Tok::Kw(_) => {
            let word = &src[first.start..first.end];
            return Err(not_def(
                first.pos,
                format!(": `{word}` is a keyword; to use it as a name write it in backquotes"),
            ));
        }
        _ => {
            return Err(not_def(
                first.pos,
                format!(
                    ": a definition starts with the new column's name, found {}",
                    found(first)
                ),
            ))
        }
    };
    let sep = toks.get(1).unwrap_or(first);
    match &sep.tok {
        Tok::Assign => {}
        Tok::EqEq => {
            return Err(not_def(
                sep.pos,
                ": found `==`, but a definition uses a single `=`".to_owned(),
            ))
        }
        Tok::Ident(_) | Tok::Num(_) => {
            let spaced = src[first.start..sep.end].to_owned();
            return Err(not_def(
                sep.pos,
                format!(
                    ": found {} after `{name}` (names with spaces go in backquotes: `{spaced}`)",
                    found(sep)
                ),
            ));
        }
        _ => {
            return Err(not_def(
                sep.pos,
                format!(": found {} after `{name}`", found(sep)),
            ))
        }
    }
    let expr = parse_tokens(src, &toks, 2)?;
    Ok(Definition { name, expr })
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.source())
    }
}

impl Expr {
    /// The expression's source text (for a definition, the part after `=`).
    pub fn source(&self) -> &str {
        &self.text[self.range.0..self.range.1]
    }

    /// The column names the expression refers to, deduplicated, in order of first appearance.
    pub fn columns(&self) -> Vec<String> {
        fn walk(node: &Node, out: &mut Vec<String>) {
            if let Kind::Col(name) = &node.kind {
                if !out.contains(name) {
                    out.push(name.clone());
                }
            }
            for c in node.kind.children() {
                walk(c, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.root, &mut out);
        out
    }

    /// Evaluates the expression for every row of `frame`. Numeric results become a numeric
    /// column, boolean results a numeric column of 1/0 (`NaN` where missing), text results a
    /// text column (codes in order of first appearance).
    pub fn eval(&self, frame: &Frame) -> Result<Column, ExprError> {
        let v = Eval::new(self, frame).eval(&self.root)?;
        let n = frame.nrows();
        Ok(match v {
            Val::Null => Column::Num(NumColumn::new(vec![f64::NAN; n])),
            Val::Num(Nums::S(x)) => Column::Num(NumColumn::new(vec![x; n])),
            Val::Num(Nums::V(v)) => Column::Num(NumColumn::new(v.into_owned())),
            Val::Bool(b) => Column::Num(NumColumn::new(match b {
                Bools::S(b) => vec![b2f(b); n],
                Bools::V(v) => v.into_iter().map(b2f).collect(),
            })),
            Val::Text(Texts::S(s)) => Column::Str(StrColumn {
                codes: vec![0; n],
                dict: if n == 0 { Vec::new() } else { vec![s] },
                first_non_numeric: None,
            }),
            Val::Text(Texts::V(t)) => Column::Str(match t.codes {
                // A column used as is: keep it exactly.
                Cow::Borrowed(codes) => StrColumn {
                    codes: codes.to_vec(),
                    dict: t.dict.into_owned(),
                    first_non_numeric: t.origin.cloned(),
                },
                Cow::Owned(codes) => renumber(&codes, &t.dict),
            }),
        })
    }

    /// Evaluates the expression as a row filter: `true` exactly where the condition is true
    /// (false and missing rows are dropped). A numeric result counts as true where non-zero.
    /// A text result is a type error.
    pub fn eval_filter(&self, frame: &Frame) -> Result<Vec<bool>, ExprError> {
        let ev = Eval::new(self, frame);
        let v = ev.eval(&self.root)?;
        let n = frame.nrows();
        Ok(match v {
            Val::Null => vec![false; n],
            Val::Num(Nums::S(x)) => vec![f2b(x) == 1; n],
            Val::Num(Nums::V(v)) => v.iter().map(|&x| f2b(x) == 1).collect(),
            Val::Bool(Bools::S(b)) => vec![b == 1; n],
            Val::Bool(Bools::V(v)) => v.iter().map(|&b| b == 1).collect(),
            Val::Text(_) => {
                return Err(ev.type_err(
                    self.root.pos,
                    format!(
                        "a condition must be true/false (or a number, non-zero meaning true), \
                         but {}",
                        ev.describe(&self.root, Ty::Text)
                    ),
                ))
            }
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

const FALSE: u8 = 0;
const TRUE: u8 = 1;
const MISS: u8 = 2;

/// Three-valued `and`, indexed by `3 * a + b`.
const AND: [u8; 9] = [0, 0, 0, 0, 1, 2, 0, 2, 2];
/// Three-valued `or`, indexed by `3 * a + b`.
const OR: [u8; 9] = [0, 1, 2, 1, 1, 1, 2, 1, 2];
/// Three-valued `not`.
const NOT: [u8; 3] = [1, 0, 2];

fn b2f(b: u8) -> f64 {
    match b {
        FALSE => 0.0,
        TRUE => 1.0,
        _ => f64::NAN,
    }
}

fn f2b(x: f64) -> u8 {
    if x.is_nan() {
        MISS
    } else {
        u8::from(x != 0.0)
    }
}

/// A scalar (broadcast) or a column-sized vector.
#[derive(Clone, Copy)]
enum Arg<'s, T> {
    S(T),
    V(&'s [T]),
}

impl<T: Copy> Arg<'_, T> {
    #[inline]
    fn at(&self, i: usize) -> T {
        match self {
            Arg::S(x) => *x,
            Arg::V(v) => v[i],
        }
    }
}

#[derive(Debug, Clone)]
enum Nums<'a> {
    S(f64),
    V(Cow<'a, [f64]>),
}

impl Nums<'_> {
    fn arg(&self) -> Arg<'_, f64> {
        match self {
            Nums::S(x) => Arg::S(*x),
            Nums::V(v) => Arg::V(v),
        }
    }
}

#[derive(Debug, Clone)]
enum Bools {
    S(u8),
    V(Vec<u8>),
}

impl Bools {
    fn arg(&self) -> Arg<'_, u8> {
        match self {
            Bools::S(x) => Arg::S(*x),
            Bools::V(v) => Arg::V(v),
        }
    }
    fn to_nums<'a>(&self) -> Nums<'a> {
        match self {
            Bools::S(b) => Nums::S(b2f(*b)),
            Bools::V(v) => Nums::V(Cow::Owned(v.iter().map(|&b| b2f(b)).collect())),
        }
    }
    fn map(self, table: &[u8; 3]) -> Bools {
        match self {
            Bools::S(b) => Bools::S(table[usize::from(b.min(2))]),
            Bools::V(mut v) => {
                v.iter_mut()
                    .for_each(|b| *b = table[usize::from((*b).min(2))]);
                Bools::V(v)
            }
        }
    }
}

/// A text column as dictionary codes (borrowed from the frame or computed).
#[derive(Debug, Clone)]
struct TextVec<'a> {
    codes: Cow<'a, [u32]>,
    dict: Cow<'a, [String]>,
    /// The frame column's first non-numeric cell, for messages.
    origin: Option<&'a CellRef>,
}

#[derive(Debug, Clone)]
enum Texts<'a> {
    S(String),
    V(TextVec<'a>),
}

#[derive(Debug, Clone)]
enum Val<'a> {
    /// The untyped `missing` literal.
    Null,
    Num(Nums<'a>),
    Bool(Bools),
    Text(Texts<'a>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Null,
    Bool,
    Num,
    Text,
}

impl Ty {
    fn a_name(self) -> &'static str {
        match self {
            Ty::Null => "missing",
            Ty::Bool => "true/false",
            Ty::Num => "a number",
            Ty::Text => "text",
        }
    }
    fn column_name(self) -> &'static str {
        match self {
            Ty::Text => "a text column",
            _ => "a numeric column",
        }
    }
    /// The common type of two values that are combined (`if` branches, `coalesce`).
    fn unify(self, other: Ty) -> Option<Ty> {
        match (self, other) {
            (Ty::Null, t) | (t, Ty::Null) => Some(t),
            (Ty::Text, Ty::Text) => Some(Ty::Text),
            (Ty::Text, _) | (_, Ty::Text) => None,
            (Ty::Bool, Ty::Bool) => Some(Ty::Bool),
            _ => Some(Ty::Num),
        }
    }
}

impl<'a> Val<'a> {
    fn ty(&self) -> Ty {
        match self {
            Val::Null => Ty::Null,
            Val::Num(_) => Ty::Num,
            Val::Bool(_) => Ty::Bool,
            Val::Text(_) => Ty::Text,
        }
    }
    /// Numbers (booleans as 1/0); text (excluded by callers' type checks) becomes missing.
    fn into_nums(self) -> Nums<'a> {
        match self {
            Val::Num(x) => x,
            Val::Bool(b) => b.to_nums(),
            Val::Null | Val::Text(_) => Nums::S(f64::NAN),
        }
    }
    /// Truth values (numbers: non-zero is true); text (excluded by callers) becomes missing.
    fn into_bools(self) -> Bools {
        match self {
            Val::Bool(b) => b,
            Val::Num(Nums::S(x)) => Bools::S(f2b(x)),
            Val::Num(Nums::V(v)) => Bools::V(v.iter().map(|&x| f2b(x)).collect()),
            Val::Null | Val::Text(_) => Bools::S(MISS),
        }
    }
    /// Converts to the type `ty` produced by [`Ty::unify`].
    fn coerce(self, ty: Ty) -> Val<'a> {
        match ty {
            Ty::Num => Val::Num(self.into_nums()),
            Ty::Bool => Val::Bool(self.into_bools()),
            Ty::Null | Ty::Text => self,
        }
    }
    /// Whether this is a scalar, i.e. the same for every row.
    fn is_scalar(&self) -> bool {
        matches!(
            self,
            Val::Null | Val::Num(Nums::S(_)) | Val::Bool(Bools::S(_)) | Val::Text(Texts::S(_))
        )
    }
}

fn zip_num<'a>(a: Nums<'a>, b: Nums<'a>, f: impl Fn(f64, f64) -> f64) -> Nums<'a> {
    match (a, b) {
        (Nums::S(x), Nums::S(y)) => Nums::S(f(x, y)),
        (Nums::V(x), Nums::S(y)) => {
            let mut v = x.into_owned();
            v.iter_mut().for_each(|e| *e = f(*e, y));
            Nums::V(Cow::Owned(v))
        }
        (Nums::S(x), Nums::V(y)) => {
            let mut v = y.into_owned();
            v.iter_mut().for_each(|e| *e = f(x, *e));
            Nums::V(Cow::Owned(v))
        }
        (Nums::V(x), Nums::V(y)) => {
            let mut v = x.into_owned();
            v.iter_mut().zip(y.iter()).for_each(|(e, &y)| *e = f(*e, y));
            Nums::V(Cow::Owned(v))
        }
    }
}

fn map_num(a: Nums<'_>, f: impl Fn(f64) -> f64) -> Nums<'_> {
    match a {
        Nums::S(x) => Nums::S(f(x)),
        Nums::V(x) => {
            let mut v = x.into_owned();
            v.iter_mut().for_each(|e| *e = f(*e));
            Nums::V(Cow::Owned(v))
        }
    }
}

fn zip_bools(a: Bools, b: Bools, f: impl Fn(u8, u8) -> u8) -> Bools {
    match (a, b) {
        (Bools::S(x), Bools::S(y)) => Bools::S(f(x, y)),
        (Bools::V(mut v), Bools::S(y)) => {
            v.iter_mut().for_each(|e| *e = f(*e, y));
            Bools::V(v)
        }
        (Bools::S(x), Bools::V(mut v)) => {
            v.iter_mut().for_each(|e| *e = f(x, *e));
            Bools::V(v)
        }
        (Bools::V(mut v), Bools::V(y)) => {
            v.iter_mut().zip(&y).for_each(|(e, &y)| *e = f(*e, y));
            Bools::V(v)
        }
    }
}

fn logic(op: LogicOp, a: Bools, b: Bools) -> Bools {
    let table = match op {
        LogicOp::And => &AND,
        LogicOp::Or => &OR,
    };
    zip_bools(a, b, |x, y| table[usize::from(x.min(2) * 3 + y.min(2))])
}

fn arith<'a>(op: ArithOp, a: Nums<'a>, b: Nums<'a>) -> Nums<'a> {
    match op {
        ArithOp::Add => zip_num(a, b, |x, y| x + y),
        ArithOp::Sub => zip_num(a, b, |x, y| x - y),
        ArithOp::Mul => zip_num(a, b, |x, y| x * y),
        ArithOp::Div => zip_num(a, b, |x, y| if y == 0.0 { f64::NAN } else { x / y }),
        ArithOp::Rem => zip_num(a, b, |x, y| if y == 0.0 { f64::NAN } else { x % y }),
    }
}

fn cmp_num_with(a: &Nums<'_>, b: &Nums<'_>, f: impl Fn(f64, f64) -> bool) -> Bools {
    let t = |x: f64, y: f64| {
        if x.is_nan() || y.is_nan() {
            MISS
        } else {
            u8::from(f(x, y))
        }
    };
    match (a, b) {
        (Nums::S(x), Nums::S(y)) => Bools::S(t(*x, *y)),
        (Nums::V(x), Nums::S(y)) => Bools::V(x.iter().map(|&x| t(x, *y)).collect()),
        (Nums::S(x), Nums::V(y)) => Bools::V(y.iter().map(|&y| t(*x, y)).collect()),
        (Nums::V(x), Nums::V(y)) => {
            Bools::V(x.iter().zip(y.iter()).map(|(&x, &y)| t(x, y)).collect())
        }
    }
}

fn cmp_num(op: CmpOp, a: &Nums<'_>, b: &Nums<'_>) -> Bools {
    match op {
        CmpOp::Eq => cmp_num_with(a, b, |x, y| x == y),
        CmpOp::Ne => cmp_num_with(a, b, |x, y| x != y),
        CmpOp::Lt => cmp_num_with(a, b, |x, y| x < y),
        CmpOp::Le => cmp_num_with(a, b, |x, y| x <= y),
        CmpOp::Gt => cmp_num_with(a, b, |x, y| x > y),
        CmpOp::Ge => cmp_num_with(a, b, |x, y| x >= y),
    }
}

fn code_of(dict: &[String], s: &str) -> Option<u32> {
    dict.iter().position(|d| d == s).map(|p| p as u32)
}

/// Per-row lookup of a per-dictionary-entry table; missing codes give missing.
fn lookup(codes: &[u32], table: &[u8]) -> Vec<u8> {
    codes
        .iter()
        .map(|&c| table.get(c as usize).copied().unwrap_or(MISS))
        .collect()
}

/// A text column against a string: the string is looked up (`==`, `!=`) or compared
/// (ordering) once per dictionary entry, then rows compare codes.
fn cmp_col_str(op: CmpOp, c: &TextVec<'_>, s: &str) -> Bools {
    match op {
        CmpOp::Eq | CmpOp::Ne => {
            let (hit, other) = if op == CmpOp::Eq {
                (TRUE, FALSE)
            } else {
                (FALSE, TRUE)
            };
            let rows = c.codes.iter();
            Bools::V(match code_of(&c.dict, s) {
                Some(k) => rows
                    .map(|&x| match x {
                        MISSING_CODE => MISS,
                        x if x == k => hit,
                        _ => other,
                    })
                    .collect(),
                None => rows
                    .map(|&x| if x == MISSING_CODE { MISS } else { other })
                    .collect(),
            })
        }
        _ => {
            let table: Vec<u8> = c
                .dict
                .iter()
                .map(|d| u8::from(op.holds(d.as_str().cmp(s))))
                .collect();
            Bools::V(lookup(&c.codes, &table))
        }
    }
}

/// Two text columns: both dictionaries are ranked in one sorted union, rows compare ranks.
fn cmp_col_col(op: CmpOp, x: &TextVec<'_>, y: &TextVec<'_>) -> Bools {
    let mut all: Vec<&str> = x
        .dict
        .iter()
        .chain(y.dict.iter())
        .map(String::as_str)
        .collect();
    all.sort_unstable();
    all.dedup();
    let rank = |dict: &[String]| -> Vec<u32> {
        dict.iter()
            .map(|s| match all.binary_search(&s.as_str()) {
                Ok(p) | Err(p) => p as u32,
            })
            .collect()
    };
    let (rx, ry) = (rank(&x.dict), rank(&y.dict));
    Bools::V(
        x.codes
            .iter()
            .zip(y.codes.iter())
            .map(|(&a, &b)| match (rx.get(a as usize), ry.get(b as usize)) {
                (Some(p), Some(q)) => u8::from(op.holds(p.cmp(q))),
                _ => MISS,
            })
            .collect(),
    )
}

fn cmp_text(op: CmpOp, a: &Texts<'_>, b: &Texts<'_>) -> Bools {
    match (a, b) {
        (Texts::S(x), Texts::S(y)) => Bools::S(u8::from(op.holds(x.as_str().cmp(y.as_str())))),
        (Texts::V(c), Texts::S(s)) => cmp_col_str(op, c, s),
        (Texts::S(s), Texts::V(c)) => cmp_col_str(op.flip(), c, s),
        (Texts::V(x), Texts::V(y)) => cmp_col_col(op, x, y),
    }
}

/// Compares two values already checked to be comparable (text with text, or numbers and
/// booleans with each other, or anything with `missing`).
fn cmp_vals(op: CmpOp, a: Val<'_>, b: Val<'_>) -> Bools {
    match (a, b) {
        (Val::Null, _) | (_, Val::Null) => Bools::S(MISS),
        (Val::Text(x), Val::Text(y)) => cmp_text(op, &x, &y),
        (Val::Text(_), _) | (_, Val::Text(_)) => Bools::S(MISS),
        (a, b) => cmp_num(op, &a.into_nums(), &b.into_nums()),
    }
}

/// `x in (items)`, for items already checked to be comparable with `x`.
fn in_list<'a>(x: Val<'a>, items: Vec<Val<'a>>) -> Bools {
    if !items.iter().all(Val::is_scalar) {
        // General case: x == a or x == b or ...
        let mut acc = Bools::S(FALSE);
        for item in items {
            acc = logic(LogicOp::Or, acc, cmp_vals(CmpOp::Eq, x.clone(), item));
        }
        return acc;
    }
    match x {
        Val::Null => Bools::S(MISS),
        Val::Text(t) => {
            let mut lits = Vec::new();
            let mut any_missing = false;
            for item in &items {
                match item {
                    Val::Text(Texts::S(s)) => lits.push(s.as_str()),
                    _ => any_missing = true,
                }
            }
            let no_match = if any_missing { MISS } else { FALSE };
            match t {
                Texts::S(s) => Bools::S(if lits.contains(&s.as_str()) {
                    TRUE
                } else {
                    no_match
                }),
                Texts::V(c) => {
                    let mut table = vec![no_match; c.dict.len()];
                    for lit in lits {
                        if let Some(k) = code_of(&c.dict, lit) {
                            table[k as usize] = TRUE;
                        }
                    }
                    Bools::V(lookup(&c.codes, &table))
                }
            }
        }
        x => {
            let mut list = Vec::new();
            let mut any_missing = false;
            for item in items {
                match item.into_nums() {
                    Nums::S(v) if !v.is_nan() => list.push(v),
                    _ => any_missing = true,
                }
            }
            let no_match = if any_missing { MISS } else { FALSE };
            let member = |v: f64| {
                if v.is_nan() {
                    MISS
                } else if list.contains(&v) {
                    TRUE
                } else {
                    no_match
                }
            };
            match x.into_nums() {
                Nums::S(v) => Bools::S(member(v)),
                Nums::V(v) => Bools::V(v.iter().map(|&v| member(v)).collect()),
            }
        }
    }
}

fn is_missing(v: &Val<'_>) -> Bools {
    match v {
        Val::Null => Bools::S(TRUE),
        Val::Num(Nums::S(x)) => Bools::S(u8::from(x.is_nan())),
        Val::Num(Nums::V(v)) => Bools::V(v.iter().map(|x| u8::from(x.is_nan())).collect()),
        Val::Bool(Bools::S(b)) => Bools::S(u8::from(*b == MISS)),
        Val::Bool(Bools::V(v)) => Bools::V(v.iter().map(|&b| u8::from(b == MISS)).collect()),
        Val::Text(Texts::S(_)) => Bools::S(FALSE),
        Val::Text(Texts::V(c)) => Bools::V(
            c.codes
                .iter()
                .map(|&k| u8::from(k == MISSING_CODE))
                .collect(),
        ),
    }
}

/// Builds the dictionary of a text result from the dictionaries of its inputs; inputs are
/// translated once per dictionary entry, never per row.
#[derive(Default)]
struct DictMerge {
    strings: Vec<String>,
    index: HashMap<String, u32>,
}

/// A text input translated into a [`DictMerge`]'s codes.
enum Codes<'s> {
    S(u32),
    V { codes: &'s [u32], map: Vec<u32> },
}

impl Codes<'_> {
    #[inline]
    fn at(&self, i: usize) -> u32 {
        match self {
            Codes::S(k) => *k,
            Codes::V { codes, map } => map.get(codes[i] as usize).copied().unwrap_or(MISSING_CODE),
        }
    }
}

impl DictMerge {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&k) = self.index.get(s) {
            return k;
        }
        let k = self.strings.len() as u32;
        self.strings.push(s.to_owned());
        self.index.insert(s.to_owned(), k);
        k
    }
    /// `v` must be text or `missing`.
    fn codes<'s>(&mut self, v: &'s Val<'_>) -> Codes<'s> {
        match v {
            Val::Text(Texts::S(s)) => Codes::S(self.intern(s)),
            Val::Text(Texts::V(c)) => Codes::V {
                codes: &c.codes,
                map: c.dict.iter().map(|s| self.intern(s)).collect(),
            },
            _ => Codes::S(MISSING_CODE),
        }
    }
    fn finish(self, codes: Vec<u32>) -> Val<'static> {
        Val::Text(Texts::V(TextVec {
            codes: Cow::Owned(codes),
            dict: Cow::Owned(self.strings),
            origin: None,
        }))
    }
}

/// A text column with codes renumbered in order of first appearance and unused dictionary
/// entries dropped (the convention of [`crate::StrColumnBuilder`]).
fn renumber(codes: &[u32], dict: &[String]) -> StrColumn {
    let mut map = vec![MISSING_CODE; dict.len()];
    let mut out_dict = Vec::new();
    let codes = codes
        .iter()
        .map(|&k| match (map.get_mut(k as usize), dict.get(k as usize)) {
            (Some(m), Some(s)) => {
                if *m == MISSING_CODE {
                    *m = out_dict.len() as u32;
                    out_dict.push(s.clone());
                }
                *m
            }
            _ => MISSING_CODE,
        })
        .collect();
    StrColumn {
        codes,
        dict: out_dict,
        first_non_numeric: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluator
// ---------------------------------------------------------------------------------------------

struct Eval<'a, 'e> {
    frame: &'a Frame,
    expr: &'e Expr,
    n: usize,
}

impl<'a, 'e> Eval<'a, 'e> {
    fn new(expr: &'e Expr, frame: &'a Frame) -> Self {
        Self {
            frame,
            expr,
            n: frame.nrows(),
        }
    }

    fn type_err(&self, pos: usize, msg: String) -> ExprError {
        ExprError::new(&self.expr.text, pos, ExprErrorKind::Type(msg))
    }

    /// "`x` is a text column", "`"AT"` is text", ...
    fn describe(&self, node: &Node, ty: Ty) -> String {
        let snippet = self
            .expr
            .text
            .get(node.span.0..node.span.1)
            .unwrap_or_default();
        match &node.kind {
            Kind::Col(name) => {
                let origin = match self.frame.column(name) {
                    Ok(Column::Str(c)) => match &c.first_non_numeric {
                        Some(cell) => format!(
                            " (line {}, column {}{} holds `{}`, which is not a number)",
                            cell.line,
                            cell.column,
                            self.frame
                                .source
                                .as_deref()
                                .map_or(String::new(), |s| format!(" of {s}")),
                            cell.text
                        ),
                        None => String::new(),
                    },
                    _ => String::new(),
                };
                format!("`{snippet}` is {}{origin}", ty.column_name())
            }
            _ => format!("`{snippet}` is {}", ty.a_name()),
        }
    }

    fn nums(&self, v: Val<'a>, node: &Node, need: &str, pos: usize) -> R<Nums<'a>> {
        match v {
            Val::Text(_) => Err(self.type_err(
                pos,
                format!("{need}, but {}", self.describe(node, Ty::Text)),
            )),
            v => Ok(v.into_nums()),
        }
    }

    fn bools(&self, v: Val<'a>, node: &Node, need: &str, pos: usize) -> R<Bools> {
        match v {
            Val::Text(_) => Err(self.type_err(
                pos,
                format!("{need}, but {}", self.describe(node, Ty::Text)),
            )),
            v => Ok(v.into_bools()),
        }
    }

    /// Text compares only with text (and anything with `missing`).
    fn check_comparable(&self, a: (&Node, Ty), b: (&Node, Ty), pos: usize) -> R<()> {
        if a.1 == Ty::Null || b.1 == Ty::Null || (a.1 == Ty::Text) == (b.1 == Ty::Text) {
            return Ok(());
        }
        let (text, other) = if a.1 == Ty::Text { (a, b) } else { (b, a) };
        Err(self.type_err(
            pos,
            format!(
                "cannot compare text with {}: {} and {}",
                other.1.a_name(),
                self.describe(text.0, Ty::Text),
                self.describe(other.0, other.1)
            ),
        ))
    }

    fn num_arg(&self, node: &Node, func: Func) -> R<Nums<'a>> {
        let v = self.eval(node)?;
        let need = format!("`{}` needs a number", func.name());
        self.nums(v, node, &need, node.pos)
    }

    fn eval(&self, node: &Node) -> R<Val<'a>> {
        Ok(match &node.kind {
            Kind::Num(x) => Val::Num(Nums::S(*x)),
            Kind::Str(s) => Val::Text(Texts::S(s.clone())),
            Kind::Bool(b) => Val::Bool(Bools::S(u8::from(*b))),
            Kind::Missing => Val::Null,
            Kind::Col(name) => match self.frame.column(name) {
                Ok(Column::Num(c)) => Val::Num(Nums::V(Cow::Borrowed(&c.values))),
                Ok(Column::Str(c)) => Val::Text(Texts::V(TextVec {
                    codes: Cow::Borrowed(&c.codes),
                    dict: Cow::Borrowed(&c.dict),
                    origin: c.first_non_numeric.as_ref(),
                })),
                Err(e) => {
                    return Err(ExprError::new(
                        &self.expr.text,
                        node.pos,
                        ExprErrorKind::UnknownColumn(e),
                    ))
                }
            },
            Kind::Neg(a) => {
                let v = self.eval(a)?;
                let x = self.nums(v, a, "`-` needs a number", node.pos)?;
                Val::Num(map_num(x, |x| -x))
            }
            Kind::Not(a) => {
                let v = self.eval(a)?;
                let b = self.bools(v, a, "`not` needs a condition", node.pos)?;
                Val::Bool(b.map(&NOT))
            }
            Kind::Arith(op, a, b) => {
                let (va, vb) = (self.eval(a)?, self.eval(b)?);
                let need = format!("`{}` needs numbers", op.symbol());
                let x = self.nums(va, a, &need, node.pos)?;
                let y = self.nums(vb, b, &need, node.pos)?;
                Val::Num(arith(*op, x, y))
            }
            Kind::Cmp(op, a, b) => {
                let (va, vb) = (self.eval(a)?, self.eval(b)?);
                self.check_comparable((a, va.ty()), (b, vb.ty()), node.pos)?;
                Val::Bool(cmp_vals(*op, va, vb))
            }
            Kind::Logic(op, a, b) => {
                let (va, vb) = (self.eval(a)?, self.eval(b)?);
                let need = match op {
                    LogicOp::And => "`and` needs conditions",
                    LogicOp::Or => "`or` needs conditions",
                };
                let x = self.bools(va, a, need, node.pos)?;
                let y = self.bools(vb, b, need, node.pos)?;
                Val::Bool(logic(*op, x, y))
            }
            Kind::In {
                lhs,
                items,
                negated,
            } => {
                let x = self.eval(lhs)?;
                let mut vals = Vec::with_capacity(items.len());
                for item in items {
                    let v = self.eval(item)?;
                    self.check_comparable((lhs, x.ty()), (item, v.ty()), item.pos)?;
                    vals.push(v);
                }
                let r = in_list(x, vals);
                Val::Bool(if *negated { r.map(&NOT) } else { r })
            }
            Kind::IsMissing { arg, negated } => {
                let r = is_missing(&self.eval(arg)?);
                Val::Bool(if *negated { r.map(&[1, 0, 0]) } else { r })
            }
            Kind::Call { func, args } => self.call(*func, args, node)?,
        })
    }

    fn call(&self, func: Func, args: &[Node], node: &Node) -> R<Val<'a>> {
        let v = match (func, args) {
            (Func::If, [c, a, b]) => return self.eval_if(c, a, b),
            (Func::Coalesce, _) => return self.eval_coalesce(args),
            (Func::Abs, [x]) => map_num(self.num_arg(x, func)?, f64::abs),
            (Func::Log, [x]) => map_num(self.num_arg(x, func)?, |x| {
                if x > 0.0 {
                    x.ln()
                } else {
                    f64::NAN
                }
            }),
            (Func::Exp, [x]) => map_num(self.num_arg(x, func)?, f64::exp),
            (Func::Sqrt, [x]) => map_num(self.num_arg(x, func)?, |x| {
                if x >= 0.0 {
                    x.sqrt()
                } else {
                    f64::NAN
                }
            }),
            (Func::Floor, [x]) => map_num(self.num_arg(x, func)?, f64::floor),
            (Func::Ceil, [x]) => map_num(self.num_arg(x, func)?, f64::ceil),
            (Func::Round, [x]) => map_num(self.num_arg(x, func)?, f64::round),
            (Func::Round, [x, d]) => {
                zip_num(self.num_arg(x, func)?, self.num_arg(d, func)?, round_to)
            }
            (Func::Min | Func::Max, [first, rest @ ..]) => {
                let mut acc = self.num_arg(first, func)?;
                for a in rest {
                    let y = self.num_arg(a, func)?;
                    acc = zip_num(acc, y, |x, y| {
                        if x.is_nan() || y.is_nan() {
                            f64::NAN
                        } else if func == Func::Min {
                            x.min(y)
                        } else {
                            x.max(y)
                        }
                    });
                }
                acc
            }
            _ => {
                let (_, _, takes, usage) = func.arity();
                return Err(ExprError::new(
                    &self.expr.text,
                    node.pos,
                    ExprErrorKind::Arity {
                        name: func.name(),
                        takes,
                        got: args.len(),
                        usage,
                    },
                ));
            }
        };
        Ok(Val::Num(v))
    }

    fn eval_if(&self, c: &Node, a: &Node, b: &Node) -> R<Val<'a>> {
        let vc = self.eval(c)?;
        let cond = self.bools(
            vc,
            c,
            "the condition of `if` must be true/false (or a number)",
            c.pos,
        )?;
        let (va, vb) = (self.eval(a)?, self.eval(b)?);
        let ty = va.ty().unify(vb.ty()).ok_or_else(|| {
            self.type_err(
                b.pos,
                format!(
                    "both branches of `if` must have the same type, but {} and {}",
                    self.describe(a, va.ty()),
                    self.describe(b, vb.ty())
                ),
            )
        })?;
        let c = match cond {
            Bools::S(c) => return Ok(if c == TRUE { va } else { vb }.coerce(ty)),
            Bools::V(c) => c,
        };
        let pick = |i: usize| c[i] == TRUE;
        Ok(match ty {
            Ty::Null => Val::Null,
            Ty::Num => {
                let (x, y) = (va.into_nums(), vb.into_nums());
                let (x, y) = (x.arg(), y.arg());
                let v = (0..c.len())
                    .map(|i| if pick(i) { x.at(i) } else { y.at(i) })
                    .collect();
                Val::Num(Nums::V(Cow::Owned(v)))
            }
            Ty::Bool => {
                let (x, y) = (va.into_bools(), vb.into_bools());
                let (x, y) = (x.arg(), y.arg());
                let v = (0..c.len())
                    .map(|i| if pick(i) { x.at(i) } else { y.at(i) })
                    .collect();
                Val::Bool(Bools::V(v))
            }
            Ty::Text => {
                let mut d = DictMerge::default();
                let (x, y) = (d.codes(&va), d.codes(&vb));
                let codes = (0..c.len())
                    .map(|i| if pick(i) { x.at(i) } else { y.at(i) })
                    .collect();
                d.finish(codes)
            }
        })
    }

    fn eval_coalesce(&self, args: &[Node]) -> R<Val<'a>> {
        let mut ty = Ty::Null;
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            let v = self.eval(a)?;
            ty = ty.unify(v.ty()).ok_or_else(|| {
                self.type_err(
                    a.pos,
                    format!(
                        "all arguments of `coalesce` must have the same type, but {} while \
                         the ones before are {}",
                        self.describe(a, v.ty()),
                        ty.a_name()
                    ),
                )
            })?;
            vals.push(v);
        }
        Ok(match ty {
            Ty::Null => Val::Null,
            Ty::Num => {
                let mut it = vals.into_iter().map(Val::into_nums);
                let first = it.next().unwrap_or(Nums::S(f64::NAN));
                Val::Num(it.fold(first, |acc, v| {
                    zip_num(acc, v, |x, y| if x.is_nan() { y } else { x })
                }))
            }
            Ty::Bool => {
                let mut it = vals.into_iter().map(Val::into_bools);
                let first = it.next().unwrap_or(Bools::S(MISS));
                Val::Bool(it.fold(first, |acc, v| {
                    zip_bools(acc, v, |x, y| if x == MISS { y } else { x })
                }))
            }
            Ty::Text => {
                let mut d = DictMerge::default();
                let inputs: Vec<Codes<'_>> = vals.iter().map(|v| d.codes(v)).collect();
                let codes = (0..self.n)
                    .map(|i| {
                        inputs
                            .iter()
                            .map(|c| c.at(i))
                            .find(|&k| k != MISSING_CODE)
                            .unwrap_or(MISSING_CODE)
                    })
                    .collect();
                d.finish(codes)
            }
        })
    }
}

/// `x` rounded to `d` decimal places (negative `d` rounds to tens, hundreds, ...).
fn round_to(x: f64, d: f64) -> f64 {
    if d.is_nan() {
        return f64::NAN;
    }
    let d = d.trunc().clamp(-300.0, 300.0) as i32;
    // Scale by an exact power of ten in the direction that keeps it exact (10^-2 is not).
    let r = if d >= 0 {
        let p = 10f64.powi(d);
        (x * p).round() / p
    } else {
        let p = 10f64.powi(-d);
        (x / p).round() * p
    };
    if r.is_finite() || !x.is_finite() {
        r
    } else {
        x
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    const NA: f64 = f64::NAN;

    /// Six rows:
    ///
    /// | age | pl030 | pb220a | a   | b   | w   | my col |
    /// |-----|-------|--------|-----|-----|-----|--------|
    /// | 25  | 1     | AT     | 1   | 1   | 0   | 1      |
    /// | 70  | 3     | DE     | 1   | 0   | 2   | 2      |
    /// | NA  | 2     | NA     | 1   | NA  | 0   | 3      |
    /// | 40  | NA    | AT     | 0   | 1   | NA  | 4      |
    /// | 15  | 1     | EU     | 0   | 0   | 4   | 5      |
    /// | 64  | 5     | DE     | 0/NA| NA  | 1   | 6      |
    fn frame() -> Frame {
        let mut f = Frame::new(6);
        let num = |v: &[f64]| Column::Num(NumColumn::new(v.to_vec()));
        f.push("age", num(&[25.0, 70.0, NA, 40.0, 15.0, 64.0]))
            .unwrap();
        f.push("pl030", num(&[1.0, 3.0, 2.0, NA, 1.0, 5.0]))
            .unwrap();
        f.push(
            "pb220a",
            Column::Str(StrColumn::from_options(&[
                Some("AT"),
                Some("DE"),
                None,
                Some("AT"),
                Some("EU"),
                Some("DE"),
            ])),
        )
        .unwrap();
        f.push(
            "home",
            Column::Str(StrColumn::from_options(&[
                Some("DE"),
                Some("DE"),
                Some("AT"),
                None,
                Some("AT"),
                Some("FR"),
            ])),
        )
        .unwrap();
        f.push("w", num(&[0.0, 2.0, 0.0, NA, 4.0, 1.0])).unwrap();
        f.push("my col", num(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]))
            .unwrap();
        f
    }

    /// A 9-row frame with every pair of three-valued truth values in `a` and `b` (1/0/NaN).
    fn truth_frame() -> Frame {
        let vals = [1.0, 0.0, NA];
        let mut a = Vec::new();
        let mut b = Vec::new();
        for x in vals {
            for y in vals {
                a.push(x);
                b.push(y);
            }
        }
        let mut f = Frame::new(9);
        f.push("a", Column::Num(NumColumn::new(a))).unwrap();
        f.push("b", Column::Num(NumColumn::new(b))).unwrap();
        f
    }

    fn nums(f: &Frame, src: &str) -> Vec<Option<f64>> {
        let e = parse(src).unwrap_or_else(|e| panic!("{e}"));
        match e.eval(f).unwrap_or_else(|e| panic!("{e}")) {
            Column::Num(c) => c
                .values
                .iter()
                .map(|&x| (!x.is_nan()).then_some(x))
                .collect(),
            Column::Str(_) => panic!("`{src}` is text"),
        }
    }

    fn tri(f: &Frame, src: &str) -> Vec<Option<bool>> {
        nums(f, src)
            .into_iter()
            .map(|x| {
                x.map(|x| {
                    assert!(x == 0.0 || x == 1.0, "`{src}` gives {x}");
                    x == 1.0
                })
            })
            .collect()
    }

    fn texts(f: &Frame, src: &str) -> Vec<Option<String>> {
        let e = parse(src).unwrap_or_else(|e| panic!("{e}"));
        match e.eval(f).unwrap_or_else(|e| panic!("{e}")) {
            Column::Str(c) => (0..c.codes.len())
                .map(|i| c.get(i).map(str::to_owned))
                .collect(),
            Column::Num(_) => panic!("`{src}` is numeric"),
        }
    }

    fn scalar(src: &str) -> Option<f64> {
        nums(&Frame::new(1), src)[0]
    }

    fn err(f: &Frame, src: &str) -> ExprError {
        match parse(src) {
            Err(e) => e,
            Ok(e) => match e.eval(f) {
                Err(e) => e,
                Ok(c) => panic!("`{src}` evaluated to {c:?}"),
            },
        }
    }

    const T: Option<bool> = Some(true);
    const F: Option<bool> = Some(false);
    const M: Option<bool> = None;

    #[test]
    fn precedence() {
        assert_eq!(scalar("1 + 2 * 3"), Some(7.0));
        assert_eq!(scalar("(1 + 2) * 3"), Some(9.0));
        assert_eq!(scalar("10 - 4 - 3"), Some(3.0));
        assert_eq!(scalar("8 / 4 / 2"), Some(1.0));
        assert_eq!(scalar("-2 * 3 + 1"), Some(-5.0));
        assert_eq!(scalar("- 2 + 3"), Some(1.0));
        assert_eq!(scalar("2 - -3"), Some(5.0));
        assert_eq!(scalar("7 % 4 * 2"), Some(6.0));
        assert_eq!(scalar("1 + 7 % 4"), Some(4.0));
        // and binds tighter than or
        assert_eq!(scalar("true or false and false"), Some(1.0));
        assert_eq!(scalar("(true or false) and false"), Some(0.0));
        // not binds tighter than and, looser than comparisons
        assert_eq!(scalar("not false and false"), Some(0.0));
        assert_eq!(scalar("not 1 == 2"), Some(1.0));
        assert_eq!(scalar("! 1 == 2 || false"), Some(1.0));
        // comparisons bind looser than arithmetic
        assert_eq!(scalar("1 + 2 == 3 and 2 * 3 > 5"), Some(1.0));
        assert_eq!(scalar("1 + 1 in (2, 5)"), Some(1.0));
        assert_eq!(scalar("1 - 1 is missing"), Some(0.0));
        assert_eq!(scalar("not 3 in (1, 2) and 1 < 2"), Some(1.0));
    }

    #[test]
    fn literals() {
        assert_eq!(scalar("1e3"), Some(1000.0));
        assert_eq!(scalar(".5"), Some(0.5));
        assert_eq!(scalar("2.5"), Some(2.5));
        assert_eq!(scalar("1E-2"), Some(0.01));
        assert_eq!(scalar("3."), Some(3.0));
        assert_eq!(scalar("true"), Some(1.0));
        assert_eq!(scalar("FALSE"), Some(0.0));
        assert_eq!(scalar("missing"), None);
        let f = Frame::new(1);
        assert_eq!(
            texts(&f, r#""say \"hi\"""#),
            vec![Some(r#"say "hi""#.into())]
        );
        assert_eq!(texts(&f, r"'it\'s'"), vec![Some("it's".into())]);
        assert_eq!(texts(&f, r"'a\\b\n'"), vec![Some(r"a\b\n".into())]);
        assert_eq!(texts(&f, r#"'say "hi"'"#), vec![Some(r#"say "hi""#.into())]);
    }

    #[test]
    fn arithmetic_operators() {
        let f = frame();
        let na = None;
        assert_eq!(
            nums(&f, "age + 1"),
            [
                Some(26.0),
                Some(71.0),
                na,
                Some(41.0),
                Some(16.0),
                Some(65.0)
            ]
        );
        assert_eq!(
            nums(&f, "age - pl030"),
            [Some(24.0), Some(67.0), na, na, Some(14.0), Some(59.0)]
        );
        assert_eq!(
            nums(&f, "2 * pl030"),
            [Some(2.0), Some(6.0), Some(4.0), na, Some(2.0), Some(10.0)]
        );
        assert_eq!(
            nums(&f, "age / 5"),
            [Some(5.0), Some(14.0), na, Some(8.0), Some(3.0), Some(12.8)]
        );
        assert_eq!(
            nums(&f, "age % 7"),
            [Some(4.0), Some(0.0), na, Some(5.0), Some(1.0), Some(1.0)]
        );
        assert_eq!(
            nums(&f, "-pl030"),
            [
                Some(-1.0),
                Some(-3.0),
                Some(-2.0),
                na,
                Some(-1.0),
                Some(-5.0)
            ]
        );
        assert_eq!(nums(&f, "`my col` * 10")[5], Some(60.0));
    }

    #[test]
    fn division_by_zero_is_missing() {
        let f = frame();
        assert_eq!(
            nums(&f, "pl030 / w"),
            [None, Some(1.5), None, None, Some(0.25), Some(5.0)]
        );
        assert_eq!(
            nums(&f, "pl030 % w"),
            [None, Some(1.0), None, None, Some(1.0), Some(0.0)]
        );
        assert_eq!(scalar("1 / 0"), None);
        assert_eq!(scalar("0 / 0"), None);
        assert_eq!(scalar("-1 / 0"), None);
        assert_eq!(scalar("5 % 0"), None);
    }

    #[test]
    fn numeric_comparisons() {
        let f = frame();
        // age: 25 70 NA 40 15 64
        assert_eq!(tri(&f, "age == 40"), [F, F, M, T, F, F]);
        assert_eq!(tri(&f, "age = 40"), [F, F, M, T, F, F]);
        assert_eq!(tri(&f, "age != 40"), [T, T, M, F, T, T]);
        assert_eq!(tri(&f, "age <> 40"), [T, T, M, F, T, T]);
        assert_eq!(tri(&f, "age < 40"), [T, F, M, F, T, F]);
        assert_eq!(tri(&f, "age <= 40"), [T, F, M, T, T, F]);
        assert_eq!(tri(&f, "age > 40"), [F, T, M, F, F, T]);
        assert_eq!(tri(&f, "age >= 40"), [F, T, M, T, F, T]);
        assert_eq!(tri(&f, "40 < age"), [F, T, M, F, F, T]);
        // pl030: 1 3 2 NA 1 5
        assert_eq!(tri(&f, "age > pl030 * 20"), [T, T, M, M, F, F]);
        assert_eq!(tri(&f, "age == missing"), [M; 6]);
        assert_eq!(tri(&f, "missing != missing"), [M; 6]);
    }

    #[test]
    fn three_valued_logic_truth_tables() {
        let f = truth_frame();
        // rows: (a, b) = (T,T) (T,F) (T,M) (F,T) (F,F) (F,M) (M,T) (M,F) (M,M)
        assert_eq!(tri(&f, "a and b"), [T, F, M, F, F, F, M, F, M]);
        assert_eq!(tri(&f, "a && b"), [T, F, M, F, F, F, M, F, M]);
        assert_eq!(tri(&f, "a AND b"), [T, F, M, F, F, F, M, F, M]);
        assert_eq!(tri(&f, "a or b"), [T, T, T, T, F, M, T, M, M]);
        assert_eq!(tri(&f, "a || b"), [T, T, T, T, F, M, T, M, M]);
        assert_eq!(tri(&f, "a Or b"), [T, T, T, T, F, M, T, M, M]);
        assert_eq!(tri(&f, "not a"), [F, F, F, T, T, T, M, M, M]);
        assert_eq!(tri(&f, "!a"), [F, F, F, T, T, T, M, M, M]);
        assert_eq!(tri(&f, "NOT a"), [F, F, F, T, T, T, M, M, M]);
        // scalar forms
        assert_eq!(scalar("false and missing"), Some(0.0));
        assert_eq!(scalar("missing and false"), Some(0.0));
        assert_eq!(scalar("true and missing"), None);
        assert_eq!(scalar("true or missing"), Some(1.0));
        assert_eq!(scalar("missing or true"), Some(1.0));
        assert_eq!(scalar("false or missing"), None);
        assert_eq!(scalar("not missing"), None);
        // numbers as conditions: non-zero is true
        assert_eq!(scalar("2 and -1"), Some(1.0));
        assert_eq!(scalar("0 or 0"), Some(0.0));
    }

    #[test]
    fn is_missing_is_never_missing() {
        let f = frame();
        assert_eq!(tri(&f, "age is missing"), [F, F, T, F, F, F]);
        assert_eq!(tri(&f, "age IS NOT MISSING"), [T, T, F, T, T, T]);
        assert_eq!(tri(&f, "pb220a is missing"), [F, F, T, F, F, F]);
        assert_eq!(tri(&f, "pb220a is not missing"), [T, T, F, T, T, T]);
        assert_eq!(tri(&f, "(age > 30) is missing"), [F, F, T, F, F, F]);
        assert_eq!(tri(&f, "age / w is missing"), [T, F, T, T, F, F]);
        assert_eq!(
            tri(&f, "(age > 30 and pl030 > 2) is not missing"),
            [T, T, T, F, T, T]
        );
        assert_eq!(scalar("missing is missing"), Some(1.0));
        assert_eq!(scalar("'x' is missing"), Some(0.0));
        // `is` does not chain onto a comparison (ambiguous); parentheses say which is meant
        let e = parse("age > 30 is missing").unwrap_err();
        assert_eq!((e.column, e.kind), (10, ExprErrorKind::ChainedComparison));
    }

    #[test]
    fn in_with_numbers() {
        let f = frame();
        // pl030: 1 3 2 NA 1 5
        assert_eq!(tri(&f, "pl030 in (1, 2)"), [T, F, T, M, T, F]);
        assert_eq!(tri(&f, "pl030 not in (1, 2)"), [F, T, F, M, F, T]);
        assert_eq!(tri(&f, "pl030 IN (5)"), [F, F, F, M, F, T]);
        // SQL: no match but a missing element gives missing
        assert_eq!(tri(&f, "pl030 in (1, missing)"), [T, M, M, M, T, M]);
        assert_eq!(tri(&f, "pl030 not in (1, missing)"), [F, M, M, M, F, M]);
        // elements can be expressions and columns (general path)
        assert_eq!(tri(&f, "pl030 in (w, 2 + 3)"), [F, F, F, M, F, T]);
        assert_eq!(tri(&f, "1 in (pl030)"), [T, F, F, M, T, F]);
        assert_eq!(tri(&f, "pl030 in (-1, true)"), [T, F, F, M, T, F]);
    }

    #[test]
    fn in_with_strings_on_text_column() {
        let f = frame();
        // pb220a: AT DE NA AT EU DE
        assert_eq!(tri(&f, r#"pb220a in ("AT", 'EU')"#), [T, F, M, T, T, F]);
        assert_eq!(tri(&f, r#"pb220a not in ("AT")"#), [F, T, M, F, T, T]);
        assert_eq!(tri(&f, r#"pb220a in ("FR", "XX")"#), [F, F, M, F, F, F]);
        assert_eq!(tri(&f, r#"pb220a in ("FR", missing)"#), [M, M, M, M, M, M]);
        assert_eq!(tri(&f, r#"pb220a in ("AT", missing)"#), [T, M, M, T, M, M]);
        // general path: a column in the list
        assert_eq!(tri(&f, r#"pb220a in (home, "EU")"#), [F, T, M, M, T, F]);
        assert_eq!(tri(&f, r#""AT" in ("AT", "DE")"#), [T; 6]);
    }

    #[test]
    fn string_comparisons() {
        let f = frame();
        // pb220a: AT DE NA AT EU DE; home: DE DE AT NA AT FR
        assert_eq!(tri(&f, r#"pb220a == "AT""#), [T, F, M, T, F, F]);
        assert_eq!(tri(&f, r#""AT" = pb220a"#), [T, F, M, T, F, F]);
        assert_eq!(tri(&f, r#"pb220a != "AT""#), [F, T, M, F, T, T]);
        assert_eq!(tri(&f, r#"pb220a < "DE""#), [T, F, M, T, F, F]);
        assert_eq!(tri(&f, r#"pb220a <= "DE""#), [T, T, M, T, F, T]);
        assert_eq!(tri(&f, r#"pb220a > "DE""#), [F, F, M, F, T, F]);
        assert_eq!(tri(&f, r#""DE" > pb220a"#), [T, F, M, T, F, F]);
        assert_eq!(tri(&f, r#"pb220a >= "B""#), [F, T, M, F, T, T]);
        assert_eq!(tri(&f, "pb220a == home"), [F, T, M, M, F, F]);
        assert_eq!(tri(&f, "pb220a < home"), [T, F, M, M, F, T]);
        assert_eq!(tri(&f, "pb220a >= home"), [F, T, M, M, T, F]);
        assert_eq!(tri(&f, "pb220a == missing"), [M; 6]);
        assert_eq!(scalar(r#""a" < "b""#), Some(1.0));
        assert_eq!(scalar(r#""b" <= "a""#), Some(0.0));
    }

    #[test]
    fn string_not_in_dictionary_matches_nothing() {
        let f = frame();
        assert_eq!(tri(&f, r#"pb220a == "FR""#), [F, F, M, F, F, F]);
        assert_eq!(tri(&f, r#"pb220a != "FR""#), [T, T, M, T, T, T]);
        let keep = parse(r#"pb220a == "FR""#).unwrap().eval_filter(&f).unwrap();
        assert_eq!(keep, vec![false; 6]);
    }

    #[test]
    fn booleans_count_as_numbers() {
        let f = frame();
        assert_eq!(
            nums(&f, "pl030 in (1, 2)"),
            [Some(1.0), Some(0.0), Some(1.0), None, Some(1.0), Some(0.0)]
        );
        assert_eq!(
            nums(&f, "(age > 30) + (age > 60)"),
            [Some(0.0), Some(2.0), None, Some(1.0), Some(0.0), Some(2.0)]
        );
        assert_eq!(tri(&f, "(age > 30) == 1"), [F, T, M, T, F, T]);
        assert_eq!(scalar("true * 5"), Some(5.0));
        assert_eq!(scalar("-true"), Some(-1.0));
    }

    #[test]
    fn if_takes_else_when_condition_missing() {
        let f = frame();
        // age: 25 70 NA 40 15 64
        assert_eq!(
            nums(&f, "if(age > 30, 1, 0)"),
            [
                Some(0.0),
                Some(1.0),
                Some(0.0),
                Some(1.0),
                Some(0.0),
                Some(1.0)
            ]
        );
        assert_eq!(
            nums(&f, "if(age > 30, age, -1)"),
            [
                Some(-1.0),
                Some(70.0),
                Some(-1.0),
                Some(40.0),
                Some(-1.0),
                Some(64.0)
            ]
        );
        assert_eq!(nums(&f, "if(missing, 1, 2)"), [Some(2.0); 6]);
        assert_eq!(nums(&f, "if(true, 1, missing)"), [Some(1.0); 6]);
        assert_eq!(
            nums(&f, "if(pl030, 1, 2)"),
            [
                Some(1.0),
                Some(1.0),
                Some(1.0),
                Some(2.0),
                Some(1.0),
                Some(1.0)
            ]
        );
        assert_eq!(
            tri(&f, "if(age > 30, pl030 > 2, false)"),
            [F, T, F, M, F, T]
        );
        // a boolean and a number branch give a number
        assert_eq!(
            nums(&f, "if(age > 30, pl030 > 2, 7)"),
            [Some(7.0), Some(1.0), Some(7.0), None, Some(7.0), Some(1.0)]
        );
        // keeping missing rows missing needs an explicit test
        assert_eq!(
            nums(&f, "if(age is missing, missing, if(age > 30, 1, 0))"),
            [Some(0.0), Some(1.0), None, Some(1.0), Some(0.0), Some(1.0)]
        );
    }

    #[test]
    fn text_results() {
        let f = frame();
        // pb220a: AT DE NA AT EU DE
        let got = texts(&f, r#"if(pb220a == "DE", "x", pb220a)"#);
        let want: Vec<Option<String>> = [
            Some("AT"),
            Some("x"),
            None,
            Some("AT"),
            Some("EU"),
            Some("x"),
        ]
        .iter()
        .map(|o| o.map(String::from))
        .collect();
        assert_eq!(got, want);
        // codes in order of first appearance, unused dictionary entries dropped
        let c = parse(r#"if(age > 30, "old", "young")"#)
            .unwrap()
            .eval(&f)
            .unwrap();
        let Column::Str(c) = c else {
            panic!("not text")
        };
        assert_eq!(c.dict, ["young", "old"]);
        assert_eq!(c.codes, [0, 1, 0, 1, 0, 1]);
        let c = parse(r#"if(pb220a == "EU", pb220a, missing)"#)
            .unwrap()
            .eval(&f)
            .unwrap();
        let Column::Str(c) = c else {
            panic!("not text")
        };
        assert_eq!(c.dict, ["EU"]);
        assert_eq!(
            c.codes,
            [
                MISSING_CODE,
                MISSING_CODE,
                MISSING_CODE,
                MISSING_CODE,
                0,
                MISSING_CODE
            ]
        );
        // a plain column reference is kept as is
        assert_eq!(
            parse("pb220a").unwrap().eval(&f).unwrap(),
            f.column("pb220a").unwrap().clone()
        );
        assert_eq!(texts(&f, "'k'"), vec![Some("k".to_owned()); 6]);
        assert_eq!(
            texts(&f, r#"coalesce(pb220a, home, "none")"#),
            ["AT", "DE", "AT", "AT", "EU", "DE"].map(|s| Some(s.to_owned()))
        );
    }

    #[test]
    fn functions() {
        let f = frame();
        assert_eq!(
            nums(&f, "coalesce(pl030, age, 0)"),
            [
                Some(1.0),
                Some(3.0),
                Some(2.0),
                Some(40.0),
                Some(1.0),
                Some(5.0)
            ]
        );
        assert_eq!(nums(&f, "coalesce(age)")[2], None);
        assert_eq!(nums(&f, "coalesce(missing, missing, 3)"), [Some(3.0); 6]);
        assert_eq!(tri(&f, "coalesce(age > 30, false)"), [F, T, F, T, F, T]);
        assert_eq!(scalar("abs(-2.5)"), Some(2.5));
        assert_eq!(
            nums(&f, "min(age, 30)"),
            [
                Some(25.0),
                Some(30.0),
                None,
                Some(30.0),
                Some(15.0),
                Some(30.0)
            ]
        );
        assert_eq!(
            nums(&f, "max(age, 30, pl030 * 20)"),
            [Some(30.0), Some(70.0), None, None, Some(30.0), Some(100.0)]
        );
        assert!(scalar("log(exp(2))").is_some_and(|x| (x - 2.0).abs() < 1e-12));
        assert_eq!(scalar("log(1)"), Some(0.0));
        assert_eq!(scalar("log(0)"), None);
        assert_eq!(scalar("log(-1)"), None);
        assert_eq!(scalar("sqrt(16)"), Some(4.0));
        assert_eq!(scalar("sqrt(-1)"), None);
        assert_eq!(scalar("round(2.5)"), Some(3.0));
        assert_eq!(scalar("round(-2.5)"), Some(-3.0));
        assert_eq!(scalar("round(2.71828, 2)"), Some(2.72));
        assert_eq!(scalar("round(1234, -2)"), Some(1200.0));
        assert_eq!(scalar("round(1e300, 100)"), Some(1e300));
        assert_eq!(scalar("round(2, missing)"), None);
        assert_eq!(scalar("floor(-1.5)"), Some(-2.0));
        assert_eq!(scalar("CEIL(1.2)"), Some(2.0));
        assert_eq!(scalar("abs(missing)"), None);
        assert_eq!(scalar("If(1 > 2, 1, 2)"), Some(2.0));
    }

    #[test]
    fn eval_filter_keeps_only_true_rows() {
        let f = frame();
        let keep = |src: &str| parse(src).unwrap().eval_filter(&f).unwrap();
        assert_eq!(
            keep("age >= 20 and age <= 64"),
            [true, false, false, true, false, true]
        );
        assert_eq!(
            keep("not (age >= 20 and age <= 64)"),
            [false, true, false, false, true, false]
        );
        // numeric: non-zero and not missing
        assert_eq!(keep("w"), [false, true, false, false, true, true]);
        assert_eq!(keep("missing"), [false; 6]);
        assert_eq!(keep("true"), [true; 6]);
        assert_eq!(keep("1"), [true; 6]);
        let e = parse("pb220a").unwrap().eval_filter(&f).unwrap_err();
        assert!(matches!(e.kind, ExprErrorKind::Type(_)), "{e}");
        assert!(e.to_string().contains("`pb220a` is a text column"), "{e}");
    }

    #[test]
    fn unknown_column_error_points_at_it() {
        let f = frame();
        let e = err(&f, "age >= 20 and agee <= 64");
        assert_eq!(e.column, 15);
        assert_eq!(
            e.to_string(),
            "in `age >= 20 and agee <= 64`, column 15: unknown column `agee` (did you mean `age`?)"
        );
        assert_eq!(e.caret(), "age >= 20 and agee <= 64\n              ^");
        assert!(matches!(
            e.kind,
            ExprErrorKind::UnknownColumn(FrameError::UnknownColumn { .. })
        ));
        // positions count characters, not bytes
        let e = err(&f, "'ä' == größe");
        assert_eq!(e.column, 8, "{e}");
        // backquoted
        let e = err(&f, "1 + `my  col`");
        assert_eq!(e.column, 5, "{e}");
    }

    #[test]
    fn syntax_error_positions() {
        let f = frame();
        let e = err(&f, r#"pb220a == "AT"#);
        assert_eq!(
            (e.column, &e.kind),
            (11, &ExprErrorKind::UnterminatedString { quote: '"' })
        );
        let e = err(&f, "`my col + 1");
        assert_eq!((e.column, &e.kind), (1, &ExprErrorKind::UnterminatedName));
        let e = err(&f, "(age + 1");
        assert_eq!(e.column, 9);
        assert_eq!(
            e.kind,
            ExprErrorKind::MissingParen {
                open: 1,
                found: "end of expression".into()
            }
        );
        let e = err(&f, "if(age > 1, 1, 0");
        assert_eq!(e.column, 17);
        assert!(
            matches!(e.kind, ExprErrorKind::MissingParen { open: 3, .. }),
            "{e}"
        );
        let e = err(&f, "pl030 in (1, 2");
        assert!(
            matches!(e.kind, ExprErrorKind::MissingParen { open: 10, .. }),
            "{e}"
        );
        let e = err(&f, "age + 1)");
        assert_eq!(e.column, 8);
        assert!(matches!(e.kind, ExprErrorKind::TrailingInput { .. }), "{e}");
        let e = err(&f, "age > 1 age");
        assert_eq!(e.column, 9);
        assert!(e.to_string().contains("operator such as `and`"), "{e}");
        let e = err(&f, "age + ");
        assert_eq!(e.column, 7);
        assert!(matches!(e.kind, ExprErrorKind::Unexpected { .. }), "{e}");
        let e = err(&f, "");
        assert_eq!(e.column, 1);
        let e = err(&f, "age * * 2");
        assert_eq!(e.column, 7);
        let e = err(&f, "age & 1");
        assert_eq!(
            (e.column, e.kind),
            (
                5,
                ExprErrorKind::UnexpectedChar {
                    ch: '&',
                    hint: " (write `and` or `&&`)"
                }
            )
        );
        let e = err(&f, "1.2.3 + 1");
        assert_eq!(
            (e.column, e.kind),
            (1, ExprErrorKind::BadNumber("1.2.3".into()))
        );
        let e = err(&f, "x + 12abc");
        assert_eq!(
            (e.column, e.kind),
            (5, ExprErrorKind::BadNumber("12abc".into()))
        );
        let e = err(&f, "1 < age < 3");
        assert_eq!((e.column, e.kind), (9, ExprErrorKind::ChainedComparison));
        let e = err(&f, "age is null");
        assert_eq!(e.column, 8);
        assert!(e.to_string().contains("is missing"), "{e}");
        let e = err(&f, "pl030 in 1");
        assert_eq!(e.column, 10);
        let e = err(&f, "pl030 in ()");
        assert_eq!(e.column, 11);
    }

    #[test]
    fn function_errors() {
        let f = frame();
        let e = err(&f, "1 + iff(age > 1, 1, 0)");
        assert_eq!(e.column, 5);
        assert!(
            matches!(&e.kind, ExprErrorKind::UnknownFunction { name, hint } if name == "iff" && hint.contains("`if`")),
            "{e}"
        );
        let e = err(&f, "if(age > 1, 1)");
        assert_eq!(e.column, 1);
        assert!(
            matches!(
                e.kind,
                ExprErrorKind::Arity {
                    name: "if",
                    got: 2,
                    ..
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("if(condition, then, else)"), "{e}");
        let e = err(&f, "abs()");
        assert!(
            matches!(
                e.kind,
                ExprErrorKind::Arity {
                    name: "abs",
                    got: 0,
                    ..
                }
            ),
            "{e}"
        );
        let e = err(&f, "min(age)");
        assert!(
            matches!(
                e.kind,
                ExprErrorKind::Arity {
                    name: "min",
                    got: 1,
                    ..
                }
            ),
            "{e}"
        );
        let e = err(&f, "round(1, 2, 3)");
        assert!(
            matches!(
                e.kind,
                ExprErrorKind::Arity {
                    name: "round",
                    got: 3,
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn type_errors_point_at_the_operator() {
        let mut f = frame();
        let e = err(&f, r#""AT" + 1"#);
        assert_eq!(e.column, 6);
        assert!(matches!(e.kind, ExprErrorKind::Type(_)));
        assert!(e.to_string().contains("`+` needs numbers"), "{e}");
        let e = err(&f, "pb220a > 3");
        assert_eq!(e.column, 8);
        assert!(
            e.to_string()
                .ends_with("type error: cannot compare text with a number: `pb220a` is a text column and `3` is a number"),
            "{e}"
        );
        let e = err(&f, "3 == pb220a");
        assert_eq!(e.column, 3);
        let e = err(&f, "pl030 in (1, 'AT')");
        assert_eq!(e.column, 14);
        let e = err(&f, "-pb220a");
        assert_eq!(e.column, 1);
        let e = err(&f, "age > 1 and pb220a");
        assert_eq!(e.column, 9);
        let e = err(&f, "not pb220a");
        assert_eq!(e.column, 1);
        let e = err(&f, r#"if(pb220a, 1, 0)"#);
        assert_eq!(e.column, 4);
        let e = err(&f, r#"if(age > 1, 1, "x")"#);
        assert_eq!(e.column, 16);
        assert!(e.to_string().contains("same type"), "{e}");
        let e = err(&f, r#"coalesce(age, pb220a)"#);
        assert_eq!(e.column, 15);
        let e = err(&f, "abs(pb220a)");
        assert_eq!(e.column, 5);
        let e = err(&f, "(age > 1) == pb220a");
        assert!(
            e.to_string()
                .contains("cannot compare text with true/false"),
            "{e}"
        );
        // the first non-numeric cell of a text column is named
        let mut b = crate::StrColumnBuilder::default();
        b.push("12");
        b.push("n/a");
        b.set_first_non_numeric(CellRef {
            line: 3,
            column: 4,
            text: "n/a".into(),
        });
        let mut col = b.finish();
        col.codes.extend([0, 0, 0, 0]);
        f.push("inc", Column::Str(col)).unwrap();
        f.source = Some("silc.csv".into());
        let e = err(&f, "inc * 2");
        assert!(
            e.to_string()
                .contains("line 3, column 4 of silc.csv holds `n/a`"),
            "{e}"
        );
    }

    #[test]
    fn definitions() {
        let f = frame();
        let d = parse_definition("emp = if(pl030 in (1,2), 1, 0)").unwrap();
        assert_eq!(d.name, "emp");
        assert_eq!(d.expr.source(), "if(pl030 in (1,2), 1, 0)");
        assert_eq!(d.expr.to_string(), "if(pl030 in (1,2), 1, 0)");
        assert_eq!(d.expr.columns(), ["pl030"]);
        let Column::Num(c) = d.expr.eval(&f).unwrap() else {
            panic!("not numeric")
        };
        // pl030: 1 3 2 NA 1 5 -> missing condition takes the else branch
        assert_eq!(c.values, [1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);

        let d = parse_definition(r#"foreign = if(pb220a == "AT", "national", "foreign")"#).unwrap();
        assert_eq!(d.name, "foreign");
        let Column::Str(c) = d.expr.eval(&f).unwrap() else {
            panic!("not text")
        };
        let got: Vec<Option<&str>> = (0..6).map(|i| c.get(i)).collect();
        // pb220a: AT DE NA AT EU DE; the missing row gets "foreign" (SQL CASE semantics)
        assert_eq!(
            got,
            [
                Some("national"),
                Some("foreign"),
                Some("foreign"),
                Some("national"),
                Some("foreign"),
                Some("foreign")
            ]
        );
        assert_eq!(c.dict, ["national", "foreign"]);

        // the separator is the first single `=`
        let d = parse_definition("x = age == 25").unwrap();
        assert_eq!((d.name.as_str(), d.expr.source()), ("x", "age == 25"));
        let d = parse_definition("y=age<=25 or age>=64 or age!=3 or age=2").unwrap();
        assert_eq!(
            (d.name.as_str(), d.expr.source()),
            ("y", "age<=25 or age>=64 or age!=3 or age=2")
        );
        let d = parse_definition("`age group` = age > 30").unwrap();
        assert_eq!(d.name, "age group");
        let d = parse_definition("s = 'a=b'").unwrap();
        assert_eq!(d.expr.source(), "'a=b'");

        // errors refer to the whole definition
        let e = parse_definition("old = agee > 64")
            .unwrap()
            .expr
            .eval(&f)
            .unwrap_err();
        assert_eq!(e.column, 7);
        assert!(
            e.to_string()
                .starts_with("in `old = agee > 64`, column 7: unknown column `agee`"),
            "{e}"
        );
        let e = parse_definition("x = (1 + 2").unwrap_err();
        assert_eq!(e.column, 11);
        for bad in [
            "x == 1",
            "age <= 3",
            "age",
            "= 3",
            "1 = 2",
            "age group = 1",
            "missing = 1",
            "",
        ] {
            let e = parse_definition(bad).unwrap_err();
            assert!(
                matches!(e.kind, ExprErrorKind::NotADefinition(_)),
                "{bad}: {e}"
            );
        }
        let e = parse_definition("age group = 1").unwrap_err();
        assert_eq!(e.column, 5);
        assert!(e.to_string().contains("`age group`"), "{e}");
        let e = parse_definition("x = ").unwrap_err();
        assert!(matches!(e.kind, ExprErrorKind::Unexpected { .. }), "{e}");
    }

    #[test]
    fn columns_are_deduplicated_in_order() {
        let e =
            parse("age >= 20 and agee <= 64 or age in (pl030, w) and `my col` is missing").unwrap();
        assert_eq!(e.columns(), ["age", "agee", "pl030", "w", "my col"]);
        let e = parse("if(a.b > 1, coalesce(c_d, a.b), -e)").unwrap();
        assert_eq!(e.columns(), ["a.b", "c_d", "e"]);
        assert!(parse("1 + 2 * abs(-3)").unwrap().columns().is_empty());
        // a function name is a column when not called
        assert_eq!(parse("abs + 1").unwrap().columns(), ["abs"]);
    }

    #[test]
    fn source_is_kept() {
        let e = parse("  age >  1 ").unwrap();
        assert_eq!(e.source(), "age >  1");
    }

    #[test]
    fn zero_rows() {
        let f = frame().filter(&[false; 6]);
        assert!(nums(&f, "age + 1").is_empty());
        assert!(texts(&f, "'x'").is_empty());
        assert!(parse("age > 1")
            .unwrap()
            .eval_filter(&f)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let f = frame();
        for src in [
            format!("{}1{}", "(".repeat(5000), ")".repeat(5000)),
            format!("{}1", "-".repeat(5000)),
            format!("{}1", "not ".repeat(5000)),
            format!("1{}", " + 1".repeat(5000)),
            format!("{}1{}", "abs(".repeat(5000), ")".repeat(5000)),
        ] {
            let e = parse(&src).unwrap_err();
            assert!(matches!(e.kind, ExprErrorKind::TooDeep(_)), "{e}");
        }
        // reasonable depth is fine
        let src = format!("{}1{}", "(".repeat(50), ")".repeat(50));
        assert_eq!(scalar(&src), Some(1.0));
        let src = format!("0{}", " + 1".repeat(200));
        assert_eq!(nums(&f, &src)[0], Some(200.0));
        // right at the limits: evaluation must not overflow the (2 MB) test thread's stack
        let src = format!(
            "{}age{}",
            "(".repeat(MAX_NEST - 1),
            ")".repeat(MAX_NEST - 1)
        );
        assert_eq!(nums(&f, &src)[0], Some(25.0));
        let src = format!("{}age", "-".repeat(MAX_NEST - 1));
        assert_eq!(nums(&f, &src)[0], Some(-25.0));
        let src = format!("age{}", " + 1".repeat(MAX_DEPTH - 1));
        assert_eq!(nums(&f, &src)[0], Some(25.0 + (MAX_DEPTH - 1) as f64));
        let src = format!(
            "{}age{}",
            "abs(".repeat(MAX_NEST - 1),
            ")".repeat(MAX_NEST - 1)
        );
        assert_eq!(nums(&f, &src)[0], Some(25.0));
        let src = format!("{}age > 1{}", "if(".repeat(60), ", 1, 0)".repeat(60));
        assert_eq!(nums(&f, &src)[0], Some(1.0));
    }
}
