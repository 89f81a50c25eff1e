//! Subscriptions and their items in the library (tables `feeds` and `items`, schema 3).
//! An item's key is `FEED-URL#ITEM-ID` (guid, else link, else a hash of title and date), the
//! same key its reading state hangs on, so read marks survive refetches; an item that changes
//! is updated in place, one that leaves the feed stays readable offline.

use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::http::Validators;
use crate::library::Library;
use crate::parse::ParseOptions;
use crate::Article;

/// One subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub name: String,
    /// An http(s) URL, or the canonical path of a feed file.
    pub url: String,
    pub title: Option<String>,
    pub validators: Validators,
    pub fetched: Option<i64>,
    pub error: Option<String>,
    /// Items stored.
    pub items: usize,
}

/// Why a subscription could not be added.
#[derive(Debug, PartialEq, Eq)]
pub enum AddError {
    NameTaken(String),
    AlreadySubscribed(String),
    Db(String),
}

impl std::fmt::Display for AddError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AddError::NameTaken(n) => {
                write!(f, "a feed named {n:?} exists already; choose another with --name")
            }
            AddError::AlreadySubscribed(n) => write!(f, "already subscribed, as {n:?}"),
            AddError::Db(e) => write!(f, "cannot write the library: {e}"),
        }
    }
}

/// What storing one fetch changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StoreCounts {
    pub new: usize,
    pub updated: usize,
}

impl Library {
    pub fn add_feed(&mut self, name: &str, url: &str) -> Result<(), AddError> {
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| AddError::Db(e.to_string()))?;
        let db = |e: rusqlite::Error| AddError::Db(e.to_string());
        if let Some(existing) = tx
            .query_row("SELECT name FROM feeds WHERE url = ?1", [url], |r| r.get::<_, String>(0))
            .optional()
            .map_err(db)?
        {
            return Err(AddError::AlreadySubscribed(existing));
        }
        let taken =
            tx.query_row("SELECT 1 FROM feeds WHERE name = ?1", [name], |_| Ok(())).optional().map_err(db)?;
        if taken.is_some() {
            return Err(AddError::NameTaken(name.to_string()));
        }
        tx.execute("INSERT INTO feeds (name, url) VALUES (?1, ?2)", [name, url]).map_err(db)?;
        tx.commit().map_err(db)
    }

    /// Every subscription, by name.
    pub fn feeds(&self) -> rusqlite::Result<Vec<Subscription>> {
        let mut stmt = self.conn().prepare(
            "SELECT name, url, title, etag, last_modified, fetched, error,
                    (SELECT COUNT(*) FROM items WHERE items.feed = feeds.url)
             FROM feeds ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Subscription {
                name: r.get(0)?,
                url: r.get(1)?,
                title: r.get(2)?,
                validators: Validators { etag: r.get(3)?, last_modified: r.get(4)? },
                fetched: r.get(5)?,
                error: r.get(6)?,
                items: r.get::<_, i64>(7)? as usize,
            })
        })?;
        rows.collect()
    }

    /// Removes the subscription and its stored items (their reading state stays, as for a file
    /// that disappeared). False when there is no such feed.
    pub fn remove_feed(&mut self, name: &str) -> rusqlite::Result<bool> {
        let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
        let url: Option<String> =
            tx.query_row("SELECT url FROM feeds WHERE name = ?1", [name], |r| r.get(0)).optional()?;
        let Some(url) = url else { return Ok(false) };
        tx.execute("DELETE FROM items WHERE feed = ?1", [&url])?;
        tx.execute("DELETE FROM feeds WHERE url = ?1", [&url])?;
        tx.commit()?;
        Ok(true)
    }

    /// Stores a fetch of the feed at `url`: its title, validators and items (keys already set),
    /// in one transaction. Items already stored are updated in place.
    pub fn store_fetch(
        &mut self,
        url: &str,
        title: Option<&str>,
        validators: &Validators,
        items: &[Article],
    ) -> rusqlite::Result<StoreCounts> {
        let now = crate::library::now();
        let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut stored = StoreCounts::default();
        for (pos, a) in items.iter().enumerate() {
            let data =
                serde_json::to_string(a).map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
            let old: Option<String> =
                tx.query_row("SELECT data FROM items WHERE key = ?1", [&a.key], |r| r.get(0)).optional()?;
            match old {
                None => stored.new += 1,
                Some(old) if old != data => stored.updated += 1,
                Some(_) => {}
            }
            tx.execute(
                "INSERT INTO items (key, feed, date, pos, data, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (key) DO UPDATE SET feed = ?2, date = ?3, pos = ?4, data = ?5",
                params![a.key, url, a.date, pos as i64, data, now],
            )?;
        }
        tx.execute(
            "UPDATE feeds SET title = COALESCE(?2, title), etag = ?3, last_modified = ?4, fetched = ?5,
             error = NULL WHERE url = ?1",
            params![url, title, validators.etag, validators.last_modified, now],
        )?;
        tx.commit()?;
        Ok(stored)
    }

    /// Records a 304: the feed was checked and is unchanged.
    pub fn feed_unchanged(&mut self, url: &str) -> rusqlite::Result<()> {
        let now = crate::library::now();
        self.conn()
            .execute("UPDATE feeds SET fetched = ?2, error = NULL WHERE url = ?1", params![url, now])?;
        Ok(())
    }

    /// Records a failed fetch; the items stored before stay.
    pub fn feed_failed(&mut self, url: &str, error: &str) -> rusqlite::Result<()> {
        self.conn().execute("UPDATE feeds SET error = ?2 WHERE url = ?1", params![url, error])?;
        Ok(())
    }

    /// The stored items of every feed (or of the feed named `only`), feed by feed in name
    /// order, newest first within a feed; items without an insight are split by `opts`
    /// ([`super::resplit`]).
    pub fn feed_items(&self, only: Option<&str>, opts: &ParseOptions) -> rusqlite::Result<Vec<Article>> {
        let mut stmt = self.conn().prepare(
            "SELECT items.key, items.data FROM items JOIN feeds ON feeds.url = items.feed
             WHERE ?1 IS NULL OR feeds.name = ?1
             ORDER BY feeds.name, items.date DESC, items.pos",
        )?;
        let rows = stmt.query_map([only], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (key, data) = row?;
            // A record this build cannot read is skipped; the next fetch rewrites it.
            if let Ok(mut a) = serde_json::from_str::<Article>(&data) {
                a.key = key;
                super::resplit(&mut a, opts);
                a.hash = a.content_hash();
                out.push(a);
            }
        }
        Ok(out)
    }
}
