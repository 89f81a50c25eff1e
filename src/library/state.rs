//! Reading state: read / starred marks and the reading position per article key, the last
//! session (selected article, focus, list filter) and search history. State is keyed by the
//! article's stable key, so it follows the file whichever folder is opened, and it survives an
//! edit (the key is the path; the stored hash only records which text was marked). Rows of
//! articles whose files vanished stay until `triptych library prune`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::{now, Library};

/// The text panes a position can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextPane {
    Body,
    Insight,
}

impl TextPane {
    pub fn name(self) -> &'static str {
        match self {
            TextPane::Body => "body",
            TextPane::Insight => "insight",
        }
    }

    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "body" => Some(TextPane::Body),
            "insight" => Some(TextPane::Insight),
            _ => None,
        }
    }
}

/// Where the reader was in an article: a byte offset into the pane's text (its parts joined
/// by one separator each, see `tui::wrap`), so it survives a different terminal width, and a
/// hash of the text there, so it survives an edit above it (see `tui::anchor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    pub pane: TextPane,
    pub offset: usize,
    /// `None` for positions kept before anchors were (the offset alone is then used).
    pub anchor: Option<u64>,
}

/// One article's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub read: bool,
    pub starred: bool,
    pub position: Option<Position>,
}

/// One thing to remember; a batch of them is written in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Read {
        key: String,
        hash: u64,
        read: bool,
    },
    Starred {
        key: String,
        hash: u64,
        starred: bool,
    },
    Position {
        key: String,
        position: Position,
    },
    /// A session value: `selected` (an article key), `focus`, `filter`.
    Session {
        name: &'static str,
        value: String,
    },
    Searched(String),
}

/// How many search history entries are kept.
const HISTORY_KEEP: i64 = 200;

impl Library {
    /// Every article's state, by key.
    pub fn marks(&self) -> rusqlite::Result<HashMap<String, Marks>> {
        let mut stmt = self.conn().prepare("SELECT key, read, starred, pane, offset, anchor FROM state")?;
        let rows = stmt.query_map([], |r| {
            let pane: Option<String> = r.get(3)?;
            let offset: Option<i64> = r.get(4)?;
            let anchor = r.get::<_, Option<i64>>(5)?.map(|h| h as u64);
            let position = match (pane.as_deref().and_then(TextPane::from_name), offset) {
                (Some(pane), Some(offset)) => Some(Position { pane, offset: offset.max(0) as usize, anchor }),
                _ => None,
            };
            Ok((r.get::<_, String>(0)?, Marks { read: r.get(1)?, starred: r.get(2)?, position }))
        })?;
        rows.collect()
    }

    /// Writes `changes` in one transaction: all or nothing.
    pub fn apply(&mut self, changes: &[Change]) -> rusqlite::Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        let now = now();
        let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
        for change in changes {
            match change {
                Change::Read { key, hash, read } => tx.execute(
                    "INSERT INTO state (key, hash, read, updated) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (key) DO UPDATE SET hash = ?2, read = ?3, updated = ?4",
                    params![key, *hash as i64, read, now],
                )?,
                Change::Starred { key, hash, starred } => tx.execute(
                    "INSERT INTO state (key, hash, starred, updated) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (key) DO UPDATE SET hash = ?2, starred = ?3, updated = ?4",
                    params![key, *hash as i64, starred, now],
                )?,
                Change::Position { key, position } => tx.execute(
                    "INSERT INTO state (key, pane, offset, anchor, updated) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (key) DO UPDATE SET pane = ?2, offset = ?3, anchor = ?4, updated = ?5",
                    params![
                        key,
                        position.pane.name(),
                        position.offset as i64,
                        position.anchor.map(|h| h as i64),
                        now
                    ],
                )?,
                Change::Session { name, value } => tx.execute(
                    "INSERT INTO session (name, value) VALUES (?1, ?2)
                     ON CONFLICT (name) DO UPDATE SET value = ?2",
                    params![name, value],
                )?,
                Change::Searched(query) => {
                    tx.execute("DELETE FROM history WHERE query = ?1", params![query])?;
                    tx.execute("INSERT INTO history (query) VALUES (?1)", params![query])?;
                    tx.execute(
                        "DELETE FROM history WHERE id <= (SELECT MAX(id) FROM history) - ?1",
                        params![HISTORY_KEEP],
                    )?
                }
            };
        }
        tx.commit()
    }

    pub fn session(&self, name: &str) -> rusqlite::Result<Option<String>> {
        self.conn().query_row("SELECT value FROM session WHERE name = ?1", [name], |r| r.get(0)).optional()
    }

    /// Search history, oldest first.
    pub fn history(&self) -> rusqlite::Result<Vec<String>> {
        let mut stmt = self.conn().prepare("SELECT query FROM history ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect()
    }

    /// Forgets the state and cached parses of articles whose files are gone. Returns how many
    /// articles' state was dropped.
    pub fn prune(&mut self) -> rusqlite::Result<usize> {
        let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
        // A feed item stays readable from the library when its feed (a local file too) is gone.
        let items: HashSet<String> = {
            let mut stmt = tx.prepare("SELECT key FROM items")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let gone = |key: &str| {
            // Only file keys (absolute paths) can vanish; `#N` picks an article in the file, and
            // a feed item's id after the `#` may hold `#` itself (a guid that is a URL).
            !items.contains(key)
                && Path::new(key).is_absolute()
                && !Path::new(key).exists()
                && !key.match_indices('#').any(|(i, _)| Path::new(&key[..i]).exists())
        };
        let mut dropped = 0;
        for (table, column) in [
            ("state", "key"),
            ("files", "path"),
            ("listing", "path"),
            ("search_text", "path"),
            ("folders", "path"),
            ("signatures", "key"),
            ("grounding", "key"),
        ] {
            let keys: Vec<String> = {
                let mut stmt = tx.prepare(&format!("SELECT {column} FROM {table}"))?;
                let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            };
            let gone: HashSet<&String> = keys.iter().filter(|k| gone(k)).collect();
            for key in &gone {
                tx.execute(&format!("DELETE FROM {table} WHERE {column} = ?1"), [key])?;
            }
            if table == "state" {
                dropped = gone.len();
            }
        }
        // The word index is one build over many files: one of them gone, it is dropped whole
        // (the next search that reads every text makes a new one).
        if super::search_words::built_keys(&tx)?.iter().any(|k| gone(k)) {
            tx.execute("DELETE FROM search_words", [])?;
        }
        tx.commit()?;
        Ok(dropped)
    }
}
