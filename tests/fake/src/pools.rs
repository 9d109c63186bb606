//! The pool store: pools in creation order behind one lock, with the name index
//! and the paging that DescribeWorkspacesPools needs.
//!
//! Pools are kept as `Arc`s, so a listing copies pointers under the lock and the
//! pools themselves after it: concurrent calls do not wait on each other's copies.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use workspaces::types::{
    DescribeWorkspacesPoolsFilter, DescribeWorkspacesPoolsFilterOperator as Operator,
    WorkspacesPool,
};

/// Why a store operation failed; the API layer turns it into the operation's error.
#[derive(Debug, PartialEq)]
pub enum StoreError {
    NameTaken(String),
    NotFound(String),
    BadToken,
}

/// One page of a listing.
pub struct Page {
    pub pools: Vec<WorkspacesPool>,
    pub next_token: Option<String>,
}

#[derive(Default)]
pub struct Pools(Mutex<Inner>);

#[derive(Default)]
struct Inner {
    /// By creation sequence number: new pools go last, so a page token (the last
    /// sequence number seen) stays valid while others create pools.
    by_seq: BTreeMap<u64, Arc<WorkspacesPool>>,
    seq_of_id: HashMap<String, u64>,
    id_of_name: HashMap<String, String>,
    next_seq: u64,
}

impl Pools {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves whole pools behind: the data stays usable.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Stores the pool `build` makes from a fresh id (drawn with `new_id` until one is
    /// free), unless its name is taken; checked and stored under one lock.
    pub fn insert(
        &self,
        new_id: impl Fn() -> String,
        build: impl FnOnce(String) -> WorkspacesPool,
    ) -> Result<WorkspacesPool, StoreError> {
        let mut inner = self.lock();
        // Bounded: with 36^9 ids even one collision is unlikely.
        let id = (0..100)
            .map(|_| new_id())
            .find(|id| !inner.seq_of_id.contains_key(id))
            .expect("a free id within 100 draws");
        let pool = build(id);
        if inner.id_of_name.contains_key(&pool.pool_name) {
            return Err(StoreError::NameTaken(pool.pool_name));
        }
        let seq = inner.next_seq;
        inner.next_seq += 1;
        inner.seq_of_id.insert(pool.pool_id.clone(), seq);
        inner
            .id_of_name
            .insert(pool.pool_name.clone(), pool.pool_id.clone());
        inner.by_seq.insert(seq, Arc::new(pool.clone()));
        Ok(pool)
    }

    /// Changes the pool `id` with `change` and returns the result.
    pub fn update(
        &self,
        id: &str,
        change: impl FnOnce(&mut WorkspacesPool),
    ) -> Result<WorkspacesPool, StoreError> {
        let mut inner = self.lock();
        let seq = *inner
            .seq_of_id
            .get(id)
            .ok_or_else(|| StoreError::NotFound(id.to_owned()))?;
        let pool = inner
            .by_seq
            .get_mut(&seq)
            .expect("the id index and the pools agree");
        let pool = Arc::make_mut(pool);
        change(pool);
        Ok(pool.clone())
    }

    /// Up to `limit` pools that are among `ids` (when given) and pass every filter,
    /// after the position `token` names; `next_token` is set when more match.
    pub fn page(
        &self,
        ids: Option<&[String]>,
        filters: &[DescribeWorkspacesPoolsFilter],
        limit: usize,
        token: Option<&str>,
    ) -> Result<Page, StoreError> {
        let after = match token {
            None => 0,
            Some(token) => parse_token(token).ok_or(StoreError::BadToken)?,
        };
        let shared = self.matching(ids, filters, limit, after)?;
        Ok(Page {
            pools: shared
                .pools
                .iter()
                .map(|pool| WorkspacesPool::clone(pool))
                .collect(),
            next_token: shared.next_token,
        })
    }

    /// The part of [`Pools::page`] done under the lock.
    fn matching(
        &self,
        ids: Option<&[String]>,
        filters: &[DescribeWorkspacesPoolsFilter],
        limit: usize,
        after: u64,
    ) -> Result<SharedPage, StoreError> {
        let inner = self.lock();
        if let Some(unknown) = ids
            .into_iter()
            .flatten()
            .find(|id| !inner.seq_of_id.contains_key(id.as_str()))
        {
            return Err(StoreError::NotFound(unknown.clone()));
        }
        let mut matching = inner.by_seq.range(after..).filter(|(_, pool)| {
            ids.is_none_or(|ids| ids.contains(&pool.pool_id))
                && filters.iter().all(|f| passes(f, &pool.pool_name))
        });
        let pools = matching
            .by_ref()
            .take(limit)
            .map(|(_, pool)| Arc::clone(pool))
            .collect();
        let next_token = matching.next().map(|(seq, _)| make_token(*seq));
        Ok(SharedPage { pools, next_token })
    }
}

/// A page as the lock lets it out: the pools still shared with the store.
struct SharedPage {
    pools: Vec<Arc<WorkspacesPool>>,
    next_token: Option<String>,
}

/// A token names the sequence number the next page starts at.
fn make_token(seq: u64) -> String {
    format!("p1.{seq:x}")
}

fn parse_token(token: &str) -> Option<u64> {
    u64::from_str_radix(token.strip_prefix("p1.")?, 16).ok()
}

/// Whether `name` passes a filter on PoolName (the only filter name the model has);
/// the values are alternatives: EQUALS any, NOTEQUALS all, CONTAINS any, NOTCONTAINS all.
fn passes(filter: &DescribeWorkspacesPoolsFilter, name: &str) -> bool {
    let values = &filter.values;
    match &filter.operator {
        Operator::Equals => values.iter().any(|v| v == name),
        Operator::Notequals => values.iter().all(|v| v != name),
        Operator::Contains => values.iter().any(|v| name.contains(v.as_str())),
        Operator::Notcontains => values.iter().all(|v| !name.contains(v.as_str())),
        // Strict validation answers unknown operators before the call gets here.
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_garbage_is_refused() {
        assert_eq!(parse_token(&make_token(42)), Some(42));
        for bad in ["", "p1.", "p1.zz", "42", "p2.1"] {
            assert_eq!(parse_token(bad), None, "{bad}");
        }
    }
}
