//! Deserialisers that refuse a key repeated in one object, so the typed parse of a case finds
//! duplicate keys itself: serde's derived structs already refuse a repeated field, and these
//! cover the two places of a case that are not structs (the `facets` map and a facet's
//! `value`). A case file then needs no separate duplicate-key scan on the way in; a file with a
//! repeated key fails the typed parse and takes the careful path that places the duplicate.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A JSON value whose objects (at any depth) have no repeated key.
pub(crate) struct StrictValue(pub(crate) Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor).map(StrictValue)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: Error>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E: Error>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E: Error>(self, n: f64) -> Result<Value, E> {
        Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E: Error>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E: Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        StrictValue::deserialize(d).map(|v| v.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(StrictValue(v)) = seq.next_element()? {
            items.push(v);
        }
        // Read by doubling; a facet's list is kept as long as its case.
        items.shrink_to_fit();
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let StrictValue(v) = map.next_value()?;
            if out.contains_key(&key) {
                return Err(A::Error::custom(format!("duplicate key `{key}`")));
            }
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// A map of string keys that refuses a repeated key.
pub(crate) fn unique_map<'de, D, K, T>(d: D) -> Result<BTreeMap<K, T>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Display,
    T: Deserialize<'de>,
{
    struct MapVisitor<K, T>(std::marker::PhantomData<(K, T)>);
    impl<'de, K, T> Visitor<'de> for MapVisitor<K, T>
    where
        K: Deserialize<'de> + Ord + fmt::Display,
        T: Deserialize<'de>,
    {
        type Value = BTreeMap<K, T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            // Read into a list and build the map from it sorted: a map grown one key at a
            // time (keys in order, as files write them) leaves its nodes half full, which
            // held about 4 of the 7.6 MB of a 1,000-case library's facets.
            let mut entries: Vec<(K, usize, T)> = Vec::new();
            while let Some(key) = map.next_key::<K>()? {
                let at = entries.len();
                entries.push((key, at, map.next_value()?));
            }
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            // The key that repeats first in the file, as a map built key by key reports it.
            let repeated = entries
                .windows(2)
                .filter(|w| w[0].0 == w[1].0)
                .min_by_key(|w| w[1].1);
            if let Some(w) = repeated {
                return Err(A::Error::custom(format!("duplicate key `{}`", w[1].0)));
            }
            Ok(entries.into_iter().map(|(k, _, v)| (k, v)).collect())
        }
    }
    d.deserialize_map(MapVisitor(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use crate::format::Case;

    const CASE: &str = r#"{"format": "caselens/case@1", "id": "c", "title": "T", "framework": "f",
        "meta": {"sources": [{"id": "s", "citation": "c"}]},
        "sections": [{"id": "a", "title": "A", "paragraphs": [{"id": "p", "text": "x"}]}],
        "facets": {"d": {"value": {"k": [1, {"m": null}]}, "evidence": [{"source": "s"}]}}}"#;

    #[test]
    fn the_typed_parse_refuses_every_repeated_key_of_a_case() {
        assert!(serde_json::from_str::<Case>(CASE).is_ok());
        let value = serde_json::from_str::<serde_json::Value>(CASE).expect("JSON");
        let from_value: Case = serde_json::from_value(value).expect("typed from a Value");
        assert_eq!(
            from_value,
            serde_json::from_str::<Case>(CASE).expect("typed")
        );
        for (what, from, to) in [
            (
                "a field",
                r#""title": "T","#,
                r#""title": "T", "title": "U","#,
            ),
            (
                "a nested field",
                r#""id": "p","#,
                r#""id": "p", "id": "q","#,
            ),
            (
                "a facet",
                r#""facets": {"#,
                r#""facets": {"d": {"unknown": "u"}, "#,
            ),
            (
                "a key in a value",
                r#"{"m": null}"#,
                r#"{"m": null, "m": 1}"#,
            ),
        ] {
            let text = CASE.replacen(from, to, 1);
            assert_ne!(text, CASE, "{what}");
            assert!(
                serde_json::from_str::<Case>(&text).is_err(),
                "{what} repeated: {text}"
            );
        }
    }

    /// A map of `unique_map`, read from JSON.
    #[derive(serde::Deserialize)]
    struct Unique {
        #[serde(deserialize_with = "super::unique_map")]
        m: std::collections::BTreeMap<String, u32>,
    }

    proptest::proptest! {
        #![proptest_config(crate::test_support::proptest_config(None))]

        /// Built from a sorted list, the map is the one built key by key, and a repeated key
        /// is refused naming the key that repeats first in the file.
        #[test]
        fn a_map_built_at_once_is_the_map_built_key_by_key(
            pairs in proptest::collection::vec(("[a-e]{1,2}", 0u32..100), 0..24)
        ) {
            let members: Vec<String> =
                pairs.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
            let text = format!("{{\"m\": {{{}}}}}", members.join(", "));
            let mut expected = std::collections::BTreeMap::new();
            let mut repeated = None;
            for (k, v) in &pairs {
                if expected.insert(k.clone(), *v).is_some() {
                    repeated = Some(k.clone());
                    break;
                }
            }
            match (serde_json::from_str::<Unique>(&text), repeated) {
                (Ok(read), None) => proptest::prop_assert_eq!(read.m, expected),
                (Err(e), Some(k)) => proptest::prop_assert!(
                    e.to_string().starts_with(&format!("duplicate key `{k}`")),
                    "{e}"
                ),
                (read, repeated) => proptest::prop_assert!(
                    false,
                    "{:?} vs {repeated:?}",
                    read.map(|u| u.m)
                ),
            }
        }
    }

    #[test]
    fn a_repeated_facet_or_value_key_is_reported_with_its_place() {
        use crate::format::parse;
        let facet = CASE.replacen(
            r#""facets": {"#,
            "\"facets\": {\"d\": {\"unknown\": \"u\"},\n ",
            1,
        );
        let value = CASE.replacen(r#"{"m": null}"#, "{\"m\": null,\n  \"m\": 1}", 1);
        for (text, line, column, key) in [(facet, 5, 2, "d"), (value, 5, 3, "m")] {
            let problems = parse("x.case.json", text.as_bytes(), None).expect_err(&text);
            let d = problems
                .iter()
                .find(|d| d.message == format!("duplicate key `{key}`"))
                .unwrap_or_else(|| panic!("{problems:?}"));
            assert_eq!((d.line, d.column), (Some(line), Some(column)), "{text}");
        }
    }
}
