//! OPML, the subscription list format every feed reader imports and exports, through the
//! `opml` crate.

use super::store::Subscription;

/// A feed found in an OPML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// The outline's text (else title): the name to subscribe under.
    pub name: String,
    pub url: String,
}

/// Every feed (outline with an `xmlUrl`) in `xml`, folders flattened, in document order.
pub fn read(xml: &str) -> Result<Vec<Outline>, String> {
    let doc = opml::OPML::from_str(xml).map_err(|e| format!("not a readable OPML file: {e}"))?;
    let mut out = Vec::new();
    let mut stack: Vec<&opml::Outline> = doc.body.outlines.iter().rev().collect();
    while let Some(o) = stack.pop() {
        if let Some(url) = o.xml_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            let name = [Some(o.text.as_str()), o.title.as_deref()]
                .into_iter()
                .flatten()
                .map(str::trim)
                .find(|t| !t.is_empty())
                .unwrap_or(url);
            out.push(Outline { name: name.to_string(), url: url.to_string() });
        }
        stack.extend(o.outlines.iter().rev());
    }
    Ok(out)
}

/// The subscriptions as an OPML 2.0 document.
pub fn write(subs: &[Subscription]) -> Result<String, String> {
    let mut doc = opml::OPML {
        head: Some(opml::Head { title: Some("triptych subscriptions".to_string()), ..Default::default() }),
        ..Default::default()
    };
    for s in subs {
        doc.body.outlines.push(opml::Outline {
            text: s.name.clone(),
            title: s.title.clone(),
            r#type: Some("rss".to_string()),
            xml_url: Some(s.url.clone()),
            ..Default::default()
        });
    }
    let xml = doc.to_string().map_err(|e| e.to_string())?;
    Ok(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{xml}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines_are_flattened_and_named() {
        let xml = r#"<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
            <outline text="News"><outline text="BBC" type="rss" xmlUrl="https://bbc.example/rss"/>
            <outline text="" title="Titled" xmlUrl="https://t.example/feed"/></outline>
            <outline text="No feed"/></body></opml>"#;
        let got = read(xml).unwrap();
        assert_eq!(
            got,
            [
                Outline { name: "BBC".into(), url: "https://bbc.example/rss".into() },
                Outline { name: "Titled".into(), url: "https://t.example/feed".into() },
            ]
        );
        assert!(read("<html/>").is_err());
    }
}
