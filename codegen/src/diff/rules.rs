//! The severity of every kind of change, in one table. A rule applies to changes in
//! request shapes (`Input`), response and error shapes (`Output`) or both (`Any`); a
//! shape used both ways, or by no operation, gets the graver of the two verdicts.
//! Where smithy-diff (Smithy's own differ) judges differently, the rule says why.

use super::Severity::{self, Additive, Breaking, Dangerous, Docs};
use super::usage::Used;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Any,
    Input,
    Output,
}

#[derive(Debug)]
pub struct Rule {
    pub kind: &'static str,
    /// For trait changes: the trait this rule is for (`None`: any other trait).
    pub trait_id: Option<&'static str>,
    pub direction: Direction,
    pub severity: Severity,
    pub why: &'static str,
    /// How smithy-diff judges the same change, where it differs.
    pub smithy_diff: Option<&'static str>,
}

const fn rule(
    kind: &'static str,
    direction: Direction,
    severity: Severity,
    why: &'static str,
) -> Rule {
    Rule {
        kind,
        trait_id: None,
        direction,
        severity,
        why,
        smithy_diff: None,
    }
}

const fn trait_rule(
    kind: &'static str,
    trait_id: &'static str,
    severity: Severity,
    why: &'static str,
) -> Rule {
    Rule {
        kind,
        trait_id: Some(trait_id),
        direction: Direction::Any,
        severity,
        why,
        smithy_diff: None,
    }
}

const fn differs(mut rule: Rule, smithy_diff: &'static str) -> Rule {
    rule.smithy_diff = Some(smithy_diff);
    rule
}

use Direction::{Any, Input, Output};

pub const RULES: &[Rule] = &[
    rule(
        "shape-added",
        Any,
        Additive,
        "a new type; nothing that compiled uses it",
    ),
    rule("shape-removed", Any, Breaking, "its Rust type is gone"),
    rule(
        "shape-type-changed",
        Any,
        Breaking,
        "the Rust type of the shape changes",
    ),
    rule(
        "member-added",
        Any,
        Additive,
        "a new optional field and builder setter; structures are non-exhaustive",
    ),
    rule(
        "required-member-added",
        Input,
        Breaking,
        "requests built without it are now rejected by `build()`",
    ),
    differs(
        rule(
            "required-member-added",
            Output,
            Dangerous,
            "clients compile (a new field); a server implementation must now set it or its output fails to build",
        ),
        "AddedRequiredMember is an ERROR whatever the direction: smithy-diff judges the wire, where an old server omits it",
    ),
    rule(
        "member-removed",
        Any,
        Breaking,
        "its field and setter are gone",
    ),
    differs(
        rule(
            "member-renamed",
            Any,
            Breaking,
            "a member was removed and one with the same target added: a rename for the wire and the field",
        ),
        "smithy-diff reports the removal and the addition separately",
    ),
    differs(
        rule(
            "member-target-changed",
            Any,
            Breaking,
            "the field's Rust type changes",
        ),
        "ChangedMemberTarget is a WARNING when both targets are of one type and compatible; the Rust type can still change (a new named type)",
    ),
    differs(
        rule(
            "required-added",
            Any,
            Breaking,
            "the field turns from `Option<T>` into `T`",
        ),
        "AddedRequiredTrait judges the wire only (ERROR on input, fine on output); our required fields are not `Option`",
    ),
    differs(
        rule(
            "required-removed",
            Any,
            Breaking,
            "the field turns from `T` into `Option<T>`",
        ),
        "RemovedRequiredTrait is a WARNING; in Rust every reader of the field stops compiling",
    ),
    rule(
        "default-added",
        Any,
        Dangerous,
        "what an absent value means changes",
    ),
    rule(
        "default-removed",
        Any,
        Dangerous,
        "what an absent value means changes",
    ),
    rule(
        "default-changed",
        Any,
        Dangerous,
        "what an absent value means changes",
    ),
    rule(
        "nullability-changed",
        Any,
        Dangerous,
        "`@clientOptional`, `@box` or `@addedDefault` changed: whether clients may leave it out",
    ),
    rule(
        "enum-value-added",
        Any,
        Additive,
        "the generated enums keep unknown values; a new variant does not break a match with a wildcard arm",
    ),
    rule("enum-value-removed", Any, Breaking, "a variant is gone"),
    rule(
        "enum-value-changed",
        Any,
        Breaking,
        "a variant's wire value changes",
    ),
    rule(
        "constraint-added",
        Input,
        Breaking,
        "a request that was valid may be rejected",
    ),
    rule(
        "constraint-added",
        Output,
        Additive,
        "responses stay within what clients accepted",
    ),
    rule(
        "constraint-tightened",
        Input,
        Breaking,
        "a request that was valid may be rejected",
    ),
    rule(
        "constraint-tightened",
        Output,
        Additive,
        "responses stay within what clients accepted",
    ),
    rule(
        "constraint-removed",
        Input,
        Additive,
        "requests rejected before may now be sent",
    ),
    differs(
        rule(
            "constraint-removed",
            Output,
            Dangerous,
            "responses may hold values clients could not receive before",
        ),
        "RemovedTrait of a constraint is a NOTE or WARNING; it does not weigh the direction",
    ),
    rule(
        "constraint-loosened",
        Input,
        Additive,
        "requests rejected before may now be sent",
    ),
    rule(
        "constraint-loosened",
        Output,
        Dangerous,
        "responses may hold values clients could not receive before",
    ),
    rule(
        "constraint-changed",
        Input,
        Breaking,
        "a pattern changed: a request that was valid may be rejected",
    ),
    rule(
        "constraint-changed",
        Output,
        Dangerous,
        "a pattern changed: responses may hold values they could not before",
    ),
    rule(
        "operation-added",
        Any,
        Additive,
        "a new client method and server trait method with a default body",
    ),
    rule(
        "operation-removed",
        Any,
        Breaking,
        "its client method, builder and types are gone",
    ),
    differs(
        rule(
            "error-added",
            Any,
            Additive,
            "a new variant of a non-exhaustive error enum",
        ),
        "AddedOperationError is a WARNING: clients may not expect the error; our enums are non-exhaustive",
    ),
    differs(
        rule(
            "resource-binding-changed",
            Any,
            Additive,
            "the generated crate flattens resources: a client method does not depend on the resource; an operation that leaves the API shows as operation-removed on the service",
        ),
        "RemovedOperationBinding.FromResource and RemovedResourceBinding are ERRORs",
    ),
    rule(
        "error-removed",
        Any,
        Breaking,
        "a variant of the operation's error enum is gone",
    ),
    rule(
        "input-changed",
        Any,
        Breaking,
        "the operation takes another input type",
    ),
    rule(
        "output-changed",
        Any,
        Breaking,
        "the operation returns another output type",
    ),
    trait_rule(
        "trait-added",
        "smithy.api#paginated",
        Additive,
        "a paginator appears",
    ),
    trait_rule(
        "trait-removed",
        "smithy.api#paginated",
        Breaking,
        "the paginator is gone",
    ),
    trait_rule(
        "trait-changed",
        "smithy.api#paginated",
        Breaking,
        "the paginator's tokens or items change",
    ),
    trait_rule(
        "trait-added",
        "smithy.api#idempotencyToken",
        Dangerous,
        "the client now fills the member when it is left empty",
    ),
    trait_rule(
        "trait-removed",
        "smithy.api#idempotencyToken",
        Dangerous,
        "the client no longer fills the member",
    ),
    trait_rule(
        "trait-added",
        "smithy.api#sensitive",
        Dangerous,
        "`Debug` output now hides the value",
    ),
    trait_rule(
        "trait-removed",
        "smithy.api#sensitive",
        Dangerous,
        "`Debug` output now shows the value",
    ),
    trait_rule(
        "trait-added",
        "smithy.api#timestampFormat",
        Dangerous,
        "the value is written and read in another format",
    ),
    trait_rule(
        "trait-removed",
        "smithy.api#timestampFormat",
        Dangerous,
        "the value is written and read in another format",
    ),
    trait_rule(
        "trait-changed",
        "smithy.api#timestampFormat",
        Dangerous,
        "the value is written and read in another format",
    ),
    differs(
        trait_rule(
            "trait-changed",
            "smithy.api#jsonName",
            Dangerous,
            "awsJson ignores it, other protocols put the new name on the wire",
        ),
        "TraitBreakingChange: an ERROR; for the awsJson crates generated today the wire does not change",
    ),
    trait_rule(
        "trait-added",
        "smithy.api#jsonName",
        Dangerous,
        "awsJson ignores it, other protocols put the new name on the wire",
    ),
    trait_rule(
        "trait-removed",
        "smithy.api#jsonName",
        Dangerous,
        "awsJson ignores it, other protocols put the member name on the wire",
    ),
    trait_rule(
        "trait-added",
        "smithy.api#streaming",
        Breaking,
        "the member becomes a stream: another Rust type",
    ),
    trait_rule(
        "trait-removed",
        "smithy.api#streaming",
        Breaking,
        "the member stops being a stream: another Rust type",
    ),
    trait_rule(
        "trait-changed",
        "smithy.api#httpError",
        Dangerous,
        "the error comes with another status code",
    ),
    trait_rule(
        "trait-added",
        "smithy.api#httpError",
        Dangerous,
        "the error comes with another status code",
    ),
    trait_rule(
        "trait-removed",
        "smithy.api#httpError",
        Dangerous,
        "the error comes with another status code",
    ),
    trait_rule(
        "trait-changed",
        "smithy.api#error",
        Dangerous,
        "the error's fault (client or server) changes, and with it retries and status",
    ),
    trait_rule(
        "trait-added",
        "smithy.api#error",
        Breaking,
        "the structure becomes an error type",
    ),
    trait_rule(
        "trait-removed",
        "smithy.api#error",
        Breaking,
        "the error type becomes a structure",
    ),
    differs(
        trait_rule(
            "trait-added",
            "smithy.api#deprecated",
            Dangerous,
            "`#[deprecated]` warnings fail builds that deny warnings",
        ),
        "smithy-diff does not report it",
    ),
    trait_rule(
        "trait-removed",
        "smithy.api#deprecated",
        Additive,
        "a deprecation is lifted",
    ),
    trait_rule(
        "trait-changed",
        "smithy.api#deprecated",
        Docs,
        "the deprecation's message or date",
    ),
    rule(
        "trait-added",
        Any,
        Dangerous,
        "a trait the generator may act on",
    ),
    rule(
        "trait-removed",
        Any,
        Dangerous,
        "a trait the generator may act on",
    ),
    rule(
        "trait-changed",
        Any,
        Dangerous,
        "a trait the generator may act on",
    ),
    rule(
        "protocol-added",
        Any,
        Additive,
        "the service speaks one more protocol; the generator picks its protocol by a fixed order",
    ),
    rule(
        "protocol-removed",
        Any,
        Breaking,
        "the service no longer speaks a protocol a generated crate may use",
    ),
    rule(
        "auth-changed",
        Any,
        Dangerous,
        "requests are signed or authorised differently",
    ),
    rule(
        "endpoint-changed",
        Any,
        Dangerous,
        "requests go to another host, or the service's identity (sdkId, endpoint prefix) changed",
    ),
    differs(
        rule(
            "service-version-changed",
            Any,
            Additive,
            "not on the wire of awsJson or rpcv2Cbor; the API's date moved",
        ),
        "ChangedServiceVersion is not an evaluator; smithy-diff ignores it",
    ),
    rule(
        "documentation",
        Any,
        Docs,
        "documentation only (counted per shape)",
    ),
];

/// The severity of a change of `kind` (to `trait_id`) in a shape used as `used`.
pub fn severity(kind: &str, trait_id: Option<&str>, used: Used) -> Severity {
    let for_direction = |direction: Direction| {
        let matches = |rule: &&Rule| {
            rule.kind == kind && (rule.direction == Direction::Any || rule.direction == direction)
        };
        let specific = RULES
            .iter()
            .filter(matches)
            .find(|rule| rule.trait_id.is_some() && rule.trait_id == trait_id);
        specific
            .or_else(|| {
                RULES
                    .iter()
                    .filter(matches)
                    .find(|rule| rule.trait_id.is_none())
            })
            .map_or(Severity::Dangerous, |rule| rule.severity)
    };
    match used {
        Used::Input => for_direction(Input),
        Used::Output => for_direction(Output),
        Used::Both | Used::Neither => for_direction(Input).max(for_direction(Output)),
    }
}
