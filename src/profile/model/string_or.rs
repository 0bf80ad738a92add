//! List items that may be written as a bare name or as a mapping with more facts.
//!
//! `features: [会员与支付]` and `features: [{ name: 会员与支付, description: … }]` both load.
//! serde's `untagged` enums would accept the same input but swallow the inner error (an
//! unknown key inside the mapping becomes "data did not match any variant"), so the two
//! shapes are told apart by the YAML node itself and the mapping keeps its own precise errors.

use std::fmt;
use std::marker::PhantomData;

use schemars::JsonSchema;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The schema of such an item: a name, or the full mapping.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // used only for its schema
pub(crate) enum NameOr<T> {
    Name(String),
    Full(T),
}

/// `deserialize_with` for `Vec<T>` whose items are names or mappings.
pub(crate) fn seq<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + From<String>,
{
    deserializer.deserialize_seq(SeqVisitor(PhantomData))
}

struct SeqVisitor<T>(PhantomData<T>);

impl<'de, T> Visitor<'de> for SeqVisitor<T>
where
    T: Deserialize<'de> + From<String>,
{
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of names or mappings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Item(PhantomData))? {
            items.push(item);
        }
        Ok(items)
    }
}

struct Item<T>(PhantomData<T>);

impl<'de, T> DeserializeSeed<'de> for Item<T>
where
    T: Deserialize<'de> + From<String>,
{
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_any(ItemVisitor(PhantomData))
    }
}

struct ItemVisitor<T>(PhantomData<T>);

impl<'de, T> Visitor<'de> for ItemVisitor<T>
where
    T: Deserialize<'de> + From<String>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a name, or a mapping such as `{ name: …, description: … }`")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value.to_string()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
        Ok(T::from(value))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
    }
}
