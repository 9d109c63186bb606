//! Impls that are the same for every structure, enum and intEnum, written once as
//! macros so the generated protocol module holds only what differs per type.
//! A model without enums (or intEnums) leaves some unused.

/// `JsonDeserialize` and `ZeroValue` for a type that implements `JsonStructure`.
#[doc(hidden)]
#[macro_export]
macro_rules! structure_codec {
    ($ty:ty) => {
        impl $crate::json::JsonDeserialize for $ty {
            fn deserialize_json<'de, D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
                ctx: &mut $crate::json::DeContext,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::json::read_structure(deserializer, ctx)
            }
        }

        impl $crate::json::ZeroValue for $ty {
            fn zero_value() -> Self {
                $crate::json::zero_structure()
            }
        }
    };
}

/// The awsJson codec of a string enum: its value as a JSON string.
#[doc(hidden)]
#[macro_export]
macro_rules! string_enum_codec {
    ($ty:ty) => {
        impl $crate::json::JsonSerialize for $ty {
            fn write_json(&self, writer: &mut $crate::json::JsonWriter) {
                writer.string(self.as_str());
            }
        }

        impl $crate::json::JsonDeserialize for $ty {
            fn deserialize_json<'de, D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
                _: &mut $crate::json::DeContext,
            ) -> ::std::result::Result<Self, D::Error> {
                // Matches the borrowed text: only an unknown value allocates.
                struct Visitor;
                impl $crate::__private::serde::de::Visitor<'_> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: $crate::__private::serde::de::Error>(
                        self,
                        value: &str,
                    ) -> ::std::result::Result<$ty, E> {
                        ::std::result::Result::Ok(<$ty>::from(value))
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }

        impl $crate::json::ZeroValue for $ty {
            fn zero_value() -> Self {
                Self::from("")
            }
        }
    };
}

/// The awsJson codec of an intEnum: its value as a JSON integer.
#[doc(hidden)]
#[macro_export]
macro_rules! int_enum_codec {
    ($ty:ty) => {
        impl $crate::json::JsonSerialize for $ty {
            fn write_json(&self, writer: &mut $crate::json::JsonWriter) {
                writer.integer(self.as_i32());
            }
        }

        impl $crate::json::JsonDeserialize for $ty {
            fn deserialize_json<'de, D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
                ctx: &mut $crate::json::DeContext,
            ) -> ::std::result::Result<Self, D::Error> {
                <i32 as $crate::json::JsonDeserialize>::deserialize_json(deserializer, ctx)
                    .map(Self::from)
            }
        }

        impl $crate::json::ZeroValue for $ty {
            fn zero_value() -> Self {
                Self::from(0)
            }
        }
    };
}
