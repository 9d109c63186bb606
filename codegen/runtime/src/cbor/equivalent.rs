//! Two CBOR documents compared by value, for compliance tests: maps regardless of
//! entry order, lengths regardless of form (definite or indefinite, strings in
//! chunks or whole), numbers regardless of width (a float equal to an integer is
//! the integer, as the spec lets writers choose).

use ::std::boxed::Box;
use ::std::format;
use ::std::string::String;
use ::std::vec::Vec;

use minicbor::data::Type;

/// One CBOR data item.
#[derive(Debug)]
enum Item {
    Int(i128),
    Float(f64),
    Bytes(Vec<u8>),
    Text(String),
    Array(Vec<Item>),
    Map(Vec<(Item, Item)>),
    Tag(u64, Box<Item>),
    Bool(bool),
    Null,
    Undefined,
}

/// `Ok` when `actual` and `expected` hold the same value; else what differs.
pub fn equivalent(actual: &[u8], expected: &[u8]) -> Result<(), String> {
    let actual = document(actual).map_err(|e| format!("the actual body: {e}"))?;
    let expected = document(expected).map_err(|e| format!("the expected body: {e}"))?;
    if same(&actual, &expected) {
        Ok(())
    } else {
        Err(format!("\n  actual: {actual:?}\nexpected: {expected:?}"))
    }
}

fn document(bytes: &[u8]) -> Result<Item, String> {
    let mut decoder = minicbor::Decoder::new(bytes);
    let item = read(&mut decoder, 0)?;
    if decoder.position() != bytes.len() {
        return Err(format!(
            "data after the value at byte {}",
            decoder.position()
        ));
    }
    Ok(item)
}

fn read(d: &mut minicbor::Decoder<'_>, depth: usize) -> Result<Item, String> {
    if depth > super::MAX_DEPTH {
        return Err("nested too deep".into());
    }
    let e = |e: minicbor::decode::Error| e.to_string();
    Ok(match d.datatype().map_err(e)? {
        Type::Bool => Item::Bool(d.bool().map_err(e)?),
        Type::Null => {
            d.skip().map_err(e)?;
            Item::Null
        }
        Type::Undefined => {
            d.skip().map_err(e)?;
            Item::Undefined
        }
        t if super::read::is_integer(t) => Item::Int(i128::from(d.int().map_err(e)?)),
        Type::F16 | Type::F32 | Type::F64 => Item::Float(d.f64().map_err(e)?),
        Type::Bytes | Type::BytesIndef => {
            let mut bytes = Vec::new();
            for chunk in d.bytes_iter().map_err(e)? {
                bytes.extend_from_slice(chunk.map_err(e)?);
            }
            Item::Bytes(bytes)
        }
        Type::String | Type::StringIndef => {
            let mut text = String::new();
            for chunk in d.str_iter().map_err(e)? {
                text.push_str(chunk.map_err(e)?);
            }
            Item::Text(text)
        }
        Type::Array | Type::ArrayIndef => {
            let len = d.array().map_err(e)?;
            let mut items = Vec::new();
            each(d, len, |d| {
                items.push(read(d, depth + 1)?);
                Ok(())
            })?;
            Item::Array(items)
        }
        Type::Map | Type::MapIndef => {
            let len = d.map().map_err(e)?;
            let mut entries = Vec::new();
            each(d, len, |d| {
                let key = read(d, depth + 1)?;
                entries.push((key, read(d, depth + 1)?));
                Ok(())
            })?;
            Item::Map(entries)
        }
        Type::Tag => {
            let tag = d.tag().map_err(e)?.as_u64();
            Item::Tag(tag, Box::new(read(d, depth + 1)?))
        }
        other => return Err(format!("unexpected {other} at byte {}", d.position())),
    })
}

fn each(
    d: &mut minicbor::Decoder<'_>,
    len: Option<u64>,
    mut item: impl FnMut(&mut minicbor::Decoder<'_>) -> Result<(), String>,
) -> Result<(), String> {
    match len {
        Some(n) => (0..n).try_for_each(|_| item(d)),
        None => loop {
            if d.datatype().map_err(|e| e.to_string())? == Type::Break {
                d.set_position(d.position() + 1);
                return Ok(());
            }
            item(d)?;
        },
    }
}

fn same(a: &Item, b: &Item) -> bool {
    match (a, b) {
        (Item::Int(x), Item::Int(y)) => x == y,
        (Item::Float(x), Item::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Item::Int(i), Item::Float(f)) | (Item::Float(f), Item::Int(i)) => *i as f64 == *f,
        (Item::Bytes(x), Item::Bytes(y)) => x == y,
        (Item::Text(x), Item::Text(y)) => x == y,
        (Item::Bool(x), Item::Bool(y)) => x == y,
        (Item::Null, Item::Null) | (Item::Undefined, Item::Undefined) => true,
        (Item::Tag(x, a), Item::Tag(y, b)) => x == y && same(a, b),
        (Item::Array(x), Item::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Item::Map(x), Item::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.iter().any(|(l, w)| same(k, l) && same(v, w)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::equivalent;

    #[test]
    fn order_width_and_length_forms_do_not_matter() {
        // {"a": 1, "b": [_ 1.5]} against {_ "b": [1.5 as f64], "a": 1 as u16}
        let one = [
            0xa2, 0x61, b'a', 0x01, 0x61, b'b', 0x9f, 0xf9, 0x3e, 0x00, 0xff,
        ];
        let other = [
            0xbf, 0x61, b'b', 0x81, 0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0x61, b'a', 0x19, 0x00,
            0x01, 0xff,
        ];
        assert_eq!(equivalent(&one, &other), Ok(()));
        assert!(equivalent(&[0x01], &[0x02]).is_err());
        assert!(equivalent(&[0xa1, 0x61, b'a', 0x01], &[0xa1, 0x61, b'b', 0x01]).is_err());
    }
}
