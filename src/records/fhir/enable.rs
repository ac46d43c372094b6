//! When a form filler should show each item: the program's branching and its
//! red-flag stops as conditions over the answers given, computed from the
//! bank's tree and red flags.
//!
//! A question is enabled when an answer that leads to it was given at a
//! question before it, and no red flag that stops the questionnaire holds on
//! the answers up to that question. The answers "up to" a question are those
//! of the questions it can be reached from: only the path's questions are
//! ever answered (a form filler drops the answers of a disabled item), and a
//! question before another on the path is one it can be reached from.
//!
//! Plain R4 `enableWhen` says this exactly when every answer that leads to a
//! question can be listed as `question = option` (or `question exists`) with
//! `enableBehavior` "any": when no stop can follow those answers, or when a
//! single-choice question's own answer alone decides the stop. Everywhere
//! else (a stop after a tick-any question, a stop on findings of several
//! questions) the item carries an SDC `enableWhenExpression` in FHIRPath
//! instead (never both: SDC allows one or the other).

use crate::bank::{Bank, Kind, Map, Target};
use crate::check::{Graph, reach};
use crate::engine::Answers;

/// A condition over the answers given: which options were chosen at which
/// questions (indices into the bank).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cond {
    True,
    False,
    /// The question has an answer.
    Answered(usize),
    /// The option was chosen (or ticked) at the question.
    Chosen(usize, usize),
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
}

impl Cond {
    fn not(c: Cond) -> Cond {
        match c {
            Cond::True => Cond::False,
            Cond::False => Cond::True,
            Cond::Not(inner) => *inner,
            c => Cond::Not(Box::new(c)),
        }
    }

    fn and(cs: impl IntoIterator<Item = Cond>) -> Cond {
        Cond::join(true, cs)
    }

    fn or(cs: impl IntoIterator<Item = Cond>) -> Cond {
        Cond::join(false, cs)
    }

    /// `cs` joined by "and" (`all`) or by "or", flattened, without repeats,
    /// `True` and `False` folded in.
    fn join(all: bool, cs: impl IntoIterator<Item = Cond>) -> Cond {
        let unit = if all { Cond::True } else { Cond::False };
        let zero = Cond::not(unit.clone());
        let mut out = Vec::new();
        for c in cs {
            match c {
                c if c == unit => {}
                c if c == zero => return zero,
                Cond::And(inner) if all => out.extend(inner),
                Cond::Or(inner) if !all => out.extend(inner),
                c if !out.contains(&c) => out.push(c),
                _ => {}
            }
        }
        match out.len() {
            0 => unit,
            1 => out.pop().expect("one"),
            _ if all => Cond::And(out),
            _ => Cond::Or(out),
        }
    }

    /// Whether the condition holds for these answers.
    pub fn eval(&self, answers: &Answers) -> bool {
        match self {
            Cond::True => true,
            Cond::False => false,
            Cond::Answered(q) => answers.get(q).is_some_and(|a| !a.is_empty()),
            Cond::Chosen(q, o) => answers.get(q).is_some_and(|a| a.contains(o)),
            Cond::Not(c) => !c.eval(answers),
            Cond::And(cs) => cs.iter().all(|c| c.eval(answers)),
            Cond::Or(cs) => cs.iter().any(|c| c.eval(answers)),
        }
    }

    /// Whether the condition looks at no question but `p`.
    fn only_at(&self, p: usize) -> bool {
        match self {
            Cond::True | Cond::False => true,
            Cond::Answered(q) | Cond::Chosen(q, _) => *q == p,
            Cond::Not(c) => c.only_at(p),
            Cond::And(cs) | Cond::Or(cs) => cs.iter().all(|c| c.only_at(p)),
        }
    }

    /// The condition in FHIRPath over the QuestionnaireResponse being filled
    /// (`%resource`), answers matched by linkId and option code.
    pub fn fhirpath(&self, bank: &Bank) -> String {
        let id = |q: usize| quoted(&bank.questions[q].id);
        let item = |q: usize| format!("%resource.item.where(linkId='{}')", id(q));
        let chosen = |q: usize, o: usize| {
            let code = quoted(&bank.questions[q].options[o].id);
            format!("{}.answer.value.where(code='{code}')", item(q))
        };
        let part = |c: &Cond| match c {
            Cond::And(_) | Cond::Or(_) => format!("({})", c.fhirpath(bank)),
            c => c.fhirpath(bank),
        };
        match self {
            Cond::True => "true".into(),
            Cond::False => "false".into(),
            Cond::Answered(q) => format!("{}.answer.exists()", item(*q)),
            Cond::Chosen(q, o) => format!("{}.exists()", chosen(*q, *o)),
            Cond::Not(c) => match &**c {
                Cond::Answered(q) => format!("{}.answer.empty()", item(*q)),
                Cond::Chosen(q, o) => format!("{}.empty()", chosen(*q, *o)),
                c => format!("({}).not()", c.fhirpath(bank)),
            },
            Cond::And(cs) => cs.iter().map(part).collect::<Vec<_>>().join(" and "),
            Cond::Or(cs) => cs.iter().map(part).collect::<Vec<_>>().join(" or "),
        }
    }
}

/// A FHIRPath string literal's inside.
fn quoted(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\'', "\\'")
}

/// How an item's enabling is written in the Questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Always enabled.
    Always,
    /// `enableWhen` with `enableBehavior` "any": each (question, option) is
    /// `question = option`, or `question exists` where the option is `None`.
    Plain(Vec<(usize, Option<usize>)>),
    /// An SDC `enableWhenExpression`.
    Expression(Cond),
}

/// The bank's tree read for enabling: who leads where, in what order.
pub struct Branching<'b> {
    bank: &'b Bank,
    /// For each question, the questions with an answer leading to it.
    preds: Vec<Vec<usize>>,
    /// The questions in the order a form shows them: one every path keeps (a
    /// topological order of the tree, the bank's order where it leaves it free).
    pub order: Vec<usize>,
    /// For each question, the stopping red flags its answers can set off.
    triggers: Vec<Vec<usize>>,
    /// The questions each can be reached from (itself included), memoised.
    before: std::cell::RefCell<Map<usize, Vec<usize>>>,
}

impl<'b> Branching<'b> {
    pub fn new(bank: &'b Bank) -> Self {
        let graph = Graph::new(bank);
        let n = bank.questions.len();
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        for p in 0..n {
            for m in graph.next_questions(p) {
                if preds[m].last() != Some(&p) {
                    preds[m].push(p);
                }
            }
        }
        let flags = || 0..bank.red_flags.len();
        let triggers = (0..n)
            .map(|p| flags().filter(|&f| can_set_off(bank, p, f)).collect())
            .collect();
        Branching {
            bank,
            preds,
            order: graph.order(),
            triggers,
            before: Default::default(),
        }
    }

    /// How question `q` is enabled.
    pub fn rule(&self, q: usize) -> Rule {
        if q == self.bank.start {
            return Rule::Always;
        }
        let (mut atoms, mut parts, mut plain) = (Vec::new(), Vec::new(), true);
        for &p in &self.preds[q] {
            let (edge, stop) = (self.edge(p, q), self.stop_after(p));
            // No stop can follow, or this question's answer alone decides it.
            plain &= stop == Cond::False
                || (self.bank.questions[p].kind == Kind::Single && stop.only_at(p));
            if plain && stop == Cond::False && matches!(edge, Cond::Answered(_)) {
                atoms.push((p, None));
            } else if plain {
                let enabling = |&o: &usize| {
                    let a = Answers::from([(p, vec![o])]);
                    edge.eval(&a) && !stop.eval(&a)
                };
                let options = 0..self.bank.questions[p].options.len();
                atoms.extend(options.filter(enabling).map(|o| (p, Some(o))));
            }
            parts.push(Cond::and([edge, Cond::not(stop)]));
        }
        if plain && !atoms.is_empty() {
            Rule::Plain(atoms)
        } else {
            Rule::Expression(Cond::or(parts))
        }
    }

    /// When the message of stopping red flag `f` shows: it held on the
    /// answers up to a question, which is therefore the last one answered.
    pub fn flag_shown(&self, f: usize) -> Cond {
        Cond::or(
            (0..self.bank.questions.len())
                .filter(|&p| self.triggers[p].contains(&f))
                .map(|p| Cond::and([Cond::Answered(p), self.flag_holds(f, p)])),
        )
    }

    /// An answer at `p` leads to `q`.
    fn edge(&self, p: usize, q: usize) -> Cond {
        let options = &self.bank.questions[p].options;
        let leading: Vec<usize> = (0..options.len())
            .filter(|&o| options[o].next == Target::Question(q))
            .collect();
        if self.bank.questions[p].kind == Kind::Multi || leading.len() == options.len() {
            Cond::Answered(p)
        } else {
            Cond::or(leading.into_iter().map(|o| Cond::Chosen(p, o)))
        }
    }

    /// A stopping red flag holds on the answers up to `p` (and `p` is the
    /// first place it can: a flag no answer of `p` can set off held before,
    /// or not at all).
    fn stop_after(&self, p: usize) -> Cond {
        Cond::or(self.triggers[p].iter().map(|&f| self.flag_holds(f, p)))
    }

    /// Red flag `f`'s condition holds on the findings the answers up to `p`
    /// set.
    fn flag_holds(&self, f: usize, p: usize) -> Cond {
        let c = &self.bank.red_flags[f].condition;
        let term = |(k, vs): &(String, Vec<String>)| self.finding_in(p, k, vs);
        // Every finding of `all`, and one of `any` if it lists any.
        let any = (!c.any.is_empty()).then(|| Cond::or(c.any.iter().map(term)));
        Cond::and(c.all.iter().map(term).chain(any))
    }

    /// Finding `k` has one of `vs` after the answers up to `p`: the last
    /// question (in path order) whose answer set it, set it so.
    fn finding_in(&self, p: usize, k: &str, vs: &[String]) -> Cond {
        let setters: Vec<usize> = self
            .before(p)
            .into_iter()
            .filter(|&s| self.bank.questions[s].finding_keys().any(|x| x == k))
            .collect();
        last_setter(&setters, |s| self.sets_value(s, k, vs), |t| self.sets(t, k))
    }

    /// The answer at `s` sets finding `k` to one of `vs`.
    fn sets_value(&self, s: usize, k: &str, vs: &[String]) -> Cond {
        let question = &self.bank.questions[s];
        let chosen = |o| Cond::Chosen(s, o);
        let wanted = |v: &str| vs.iter().any(|x| x == v);
        let when = |v: &str, c: Cond| if wanted(v) { c } else { Cond::False };
        let ticked = setting(question.options.iter().map(|o| &o.sets), k);
        match question.kind {
            Kind::Single => Cond::or(ticked.iter().map(|&(o, v)| when(v, chosen(o)))),
            Kind::Multi => {
                // Ticked options set their findings after the unticked ones,
                // each in the options' order: the last to set `k` decides.
                let by_ticks =
                    last_setter(&ticked, |(o, v)| when(v, chosen(o)), |(o, _)| chosen(o));
                let unticked = setting(question.options.iter().map(|o| &o.unticked), k);
                let by_gaps = last_setter(
                    &unticked,
                    |(o, v)| when(v, Cond::not(chosen(o))),
                    |(o, _)| Cond::not(chosen(o)),
                );
                let no_ticked_sets = Cond::and(ticked.iter().map(|&(o, _)| Cond::not(chosen(o))));
                Cond::or([
                    by_ticks,
                    Cond::and([self.gaps_set(s), no_ticked_sets, by_gaps]),
                ])
            }
        }
    }

    /// The answer at `s` sets finding `k` to anything.
    fn sets(&self, s: usize, k: &str) -> Cond {
        let options = &self.bank.questions[s].options;
        let chosen = |o| Cond::Chosen(s, o);
        let ticked = setting(options.iter().map(|o| &o.sets), k);
        let ticked = Cond::or(ticked.into_iter().map(|(o, _)| chosen(o)));
        match self.bank.questions[s].kind {
            Kind::Single => ticked,
            Kind::Multi => {
                let unticked = setting(options.iter().map(|o| &o.unticked), k);
                let gap = Cond::or(unticked.into_iter().map(|(o, _)| Cond::not(chosen(o))));
                Cond::or([ticked, Cond::and([self.gaps_set(s), gap])])
            }
        }
    }

    /// Multi-select question `s` is answered, and not with "Not sure" (which
    /// leaves its unticked options setting nothing).
    fn gaps_set(&self, s: usize) -> Cond {
        let options = self.bank.questions[s].options.iter().enumerate();
        let not_sure = options
            .filter(|(_, o)| o.not_sure)
            .map(|(i, _)| Cond::Chosen(s, i));
        Cond::and([Cond::Answered(s), Cond::not(Cond::or(not_sure))])
    }

    /// The questions `p` can be reached from, and `p`, in path order.
    fn before(&self, p: usize) -> Vec<usize> {
        if let Some(v) = self.before.borrow().get(&p) {
            return v.clone();
        }
        let seen = reach(self.preds.len(), p, |q| self.preds[q].iter().copied());
        let v: Vec<usize> = self.order.iter().copied().filter(|&q| seen[q]).collect();
        self.before.borrow_mut().insert(p, v.clone());
        v
    }
}

/// The options (index, value) that set finding `k`, from these lists of
/// (finding, value), the last setting of `k` in each.
fn setting<'a>(
    lists: impl Iterator<Item = &'a Vec<(String, String)>>,
    k: &str,
) -> Vec<(usize, &'a str)> {
    lists
        .enumerate()
        .filter_map(|(o, sets)| {
            sets.iter()
                .rev()
                .find(|(key, _)| key == k)
                .map(|(_, v)| (o, v.as_str()))
        })
        .collect()
}

/// The last of `items` to set a finding sets it to a value wanted: some item
/// `x` does (`wanted(x)`) and none after it sets the finding (`sets(y)`).
fn last_setter<T: Copy>(items: &[T], wanted: impl Fn(T) -> Cond, sets: impl Fn(T) -> Cond) -> Cond {
    Cond::or(items.iter().enumerate().map(|(i, &x)| {
        Cond::and(
            std::iter::once(wanted(x)).chain(items[i + 1..].iter().map(|&y| Cond::not(sets(y)))),
        )
    }))
}

/// Red flag `f` stops the questionnaire, and some answer of question `p`
/// (ticked or left unticked) can make it hold: it sets one of the flag's
/// findings to a value the flag names.
fn can_set_off(bank: &Bank, p: usize, f: usize) -> bool {
    let c = &bank.red_flags[f].condition;
    bank.red_flags[f].stop
        && bank.questions[p].options.iter().any(|o| {
            o.sets.iter().chain(o.unticked.iter()).any(|(k, v)| {
                c.all
                    .iter()
                    .chain(c.any.iter())
                    .any(|(ck, vs)| ck == k && vs.contains(v))
            })
        })
}
