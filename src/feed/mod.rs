//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed parsed with feed-rs, items turned into
//! articles (`parse`, `html`); subscriptions and stored items in the library (`store`); HTTP
//! fetching (`http`, `fetch`); OPML (`opml`).
//!
//! XML safety: feed-rs reads XML with quick-xml, which never reads a DTD: no external entity is
//! fetched and no declared entity is expanded (an unknown `&name;` stays as written), so
//! neither XXE nor "billion laughs" can work. On top of that a feed is refused when it is
//! larger than [`MAX_FEED_BYTES`] or nests elements deeper than [`MAX_DEPTH`].
//! No feed field is ever passed to a shell.

pub mod fetch;
pub mod html;
pub mod http;
pub mod opml;
mod parse;
pub mod store;

pub use parse::{
    looks_like_feed, parse, parse_feed, parse_feed_from, resplit, FeedItems, MAX_DEPTH, MAX_FEED_BYTES,
};
