//! The client (cargo feature `client`): `Client`, which implements the API trait over
//! the runtime's `rt::client` (endpoints, SigV4, retries, timeouts), and per operation
//! a fluent builder as in the AWS SDKs, a `Client` method starting it, and a paginator.
//! The per-operation parts go to the operation's module; `src/client.rs` holds `Client`.
//!
//! Each call validates its input with the lenient policy and sends nothing if it
//! breaks a constraint; the codec and the protocol are the `protocol` module's, so the
//! client is the same for every protocol.

use super::structures::{Setter, setters};
use super::{
    builder_path, doc_attrs, doc_link, error_enum_path, ident, rust_type, sparse_type, type_path,
};
use crate::ir::{Ir, Member, Operation, Pagination, RefKind};
use crate::names::Name;
use crate::output::RustFile;
use crate::smithy::ShapeId;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit(ir: &Ir) -> RustFile {
    let mut file = RustFile::new("src/client.rs".to_owned());
    file.inner_doc(&format!(
        "The {sdk} client: `Client::from_env()`, then `client.<operation>().<member>(…).send().await`.\n\n\
         `Client` implements [`{api}`](crate::api::{api}), so code written against \
         `Arc<dyn {api}>` takes the client or a test double. Inputs are checked against the model's \
         constraints before sending: every violation is listed in `ClientError::Validation` and nothing \
         is sent. Requests are signed with SigV4 and retried in the standard mode. Each operation's \
         fluent builder and paginator are in its module under [`operation`](crate::operation).",
        sdk = ir.service.sdk_id,
        api = ir.service.api_trait.ident,
    ));
    file.push("Client", client(ir));
    file
}

/// For the operation's file: `Client::<operation>()`, which starts the operation's
/// fluent builder, and the client's impl of the operation's trait.
pub(super) fn client_items(ir: &Ir, op: &Operation) -> TokenStream {
    let method = ident(&op.method);
    let builder = fluent_path(op);
    let docs = doc_attrs(&op.docs);
    let api = super::api::operation_trait_path(op);
    let input = type_path(ir, &op.input);
    let output = type_path(ir, &op.output);
    let error = error_enum_path(op);
    // The codec of the protocol the client speaks.
    let call = super::protocol::by_protocol(ir, |protocol| {
        let serialize = super::protocol::operation_fn(protocol, op, "serialize_request");
        let parse = super::protocol::operation_fn(protocol, op, "parse_response");
        quote!(::std::boxed::Box::pin(self.call(input, #serialize, #parse)))
    });
    let wire = (ir.service.protocols.len() > 1).then(|| quote!(let wire = self.protocol();));
    quote! {
        #[cfg(feature = "client")]
        impl crate::client::Client {
            #docs
            pub fn #method(&self) -> #builder {
                #builder::new(::std::clone::Clone::clone(self))
            }
        }

        #[cfg(feature = "client")]
        impl #api for crate::client::Client {
            fn #method(&self, input: #input) -> crate::api::BoxFuture<'_, ::std::result::Result<#output, #error>> {
                #wire
                #call
            }
        }
    }
}

/// `crate::operation::<op>::builders::<Op>FluentBuilder`.
fn fluent_path(op: &Operation) -> TokenStream {
    let module = ident(&op.module);
    let name = ident(&op.fluent_builder);
    quote!(crate::operation::#module::builders::#name)
}

/// The re-exports, the service spec and `Client`; its impls of the operations'
/// traits are in the operations' files.
fn client(ir: &Ir) -> TokenStream {
    let signing_name = &ir.service.signing_name;
    let endpoint_prefix = &ir.service.endpoint_prefix;
    let client_doc = format!(
        " A {} client: cheap to clone, usable from many tasks at once. Needs a tokio runtime.",
        ir.service.sdk_id
    );
    quote! {
        pub use crate::rt::client::{
            Config, ConfigBuilder, Credentials, CredentialsError, CredentialsFuture, DispatchError, EndpointError,
            HttpTransport, HyperTransport, InMemoryTransport, ProvideCredentials, RetryConfig, TransportError,
            TransportErrorKind, TransportFuture,
        };
        #[cfg(feature = "aws-config")]
        pub use crate::rt::client::SdkConfig;
        pub use crate::rt::paginator::{ItemPaginator, ItemStream, PageFuture, PageStream};
        pub use crate::rt::protocol::WireProtocol;

        /// What the runtime needs to know of the service.
        static SPEC: crate::rt::client::ServiceSpec = crate::rt::client::ServiceSpec {
            signing_name: #signing_name,
            endpoint_prefix: #endpoint_prefix,
            user_agent: ::std::concat!(::std::env!("CARGO_PKG_NAME"), "/", ::std::env!("CARGO_PKG_VERSION")),
            protocols: crate::protocol::PROTOCOLS,
        };

        #[doc = #client_doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct Client {
            runtime: crate::rt::client::ClientRuntime,
        }

        impl Client {
            /// A client with `config`; builds the default HTTPS transport unless it has one.
            pub fn new(config: Config) -> Self {
                Client { runtime: crate::rt::client::ClientRuntime::new(config, &SPEC) }
            }

            /// The same as [`Client::new`], under the AWS SDKs' name.
            pub fn from_conf(config: Config) -> Self {
                Self::new(config)
            }

            /// A client configured from the standard `AWS_*` environment variables ([`Config::from_env`]).
            pub fn from_env() -> Self {
                Self::new(Config::from_env())
            }

            /// A client configured as the AWS SDKs and the CLI configure themselves: environment,
            /// shared config and credentials files, SSO, `credential_process`, web identity,
            /// container and instance credentials ([`Config::load_from_env`]).
            #[cfg(feature = "aws-config")]
            pub async fn load_from_env() -> Self {
                Self::new(Config::load_from_env().await)
            }

            /// A client with the settings of an AWS SDK configuration ([`Config::from_sdk_config`]).
            #[cfg(feature = "aws-config")]
            pub fn from_sdk_config(sdk_config: &SdkConfig) -> Self {
                Self::new(Config::from_sdk_config(sdk_config))
            }

            /// The configuration this client was created with.
            pub fn config(&self) -> &Config {
                self.runtime.config()
            }

            /// The protocol this client speaks: the one its configuration chose, else the
            /// service's first.
            pub fn protocol(&self) -> WireProtocol {
                self.runtime.protocol()
            }

            /// One call: check `input` (nothing is sent if it is invalid), send the request
            /// the protocol makes of it, and read the response whatever its `Content-Type`.
            pub(crate) async fn call<I: crate::validation::Validate, O, E: ::std::convert::From<crate::error::ClientError>>(
                &self,
                input: I,
                serialize: fn(&I) -> crate::rt::http::Request<::std::vec::Vec<u8>>,
                parse: fn(u16, &crate::rt::http::HeaderMap, &[u8]) -> ::std::result::Result<O, E>,
            ) -> ::std::result::Result<O, E> {
                crate::validation::validate(&input, crate::validation::Policy::Lenient).map_err(crate::error::ClientError::Validation)?;
                let response = self.runtime.send(serialize(&input)).await.map_err(crate::error::ClientError::Dispatch)?;
                parse(response.status().as_u16(), response.headers(), response.body())
            }
        }

    }
}

/// `client.<operation>()`: the input builder's setters, and `send`.
pub(super) fn fluent_builder(ir: &Ir, op: &Operation) -> TokenStream {
    let name = ident(&op.fluent_builder);
    let method = ident(&op.method);
    let api = super::api::operation_trait_path(op);
    let input_builder = builder_path(ir, &op.input);
    let output = type_path(ir, &op.output);
    let error = error_enum_path(op);
    let method_path = quote!(crate::client::Client::#method);
    let doc = format!(
        " Builds and sends `{}`: set members, then `send().await`. Start one with {}.",
        op.name.wire,
        doc_link(&format!("Client::{}", op.method.unraw()), &method_path),
    );
    let delegates = ir
        .structure(&op.input)
        .members
        .iter()
        .flat_map(|m| setters(ir, m))
        .map(
            |Setter {
                 docs,
                 name,
                 params,
                 args,
                 ..
             }| {
                quote! {
                    #docs
                    pub fn #name(mut self, #params) -> Self {
                        self.input = self.input.#name(#args);
                        self
                    }
                }
            },
        );
    let into_paginator = op.pagination.as_ref().map(|_| {
        let paginator = paginator_path(op);
        let doc = format!(
            " Pages through the results from this input on: see {}.",
            doc_link(op.paginator.unraw(), &paginator)
        );
        quote! {
            #[doc = #doc]
            pub fn into_paginator(self) -> #paginator {
                #paginator::new(self)
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[cfg(feature = "client")]
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #name {
            client: crate::client::Client,
            input: #input_builder,
        }

        #[cfg(feature = "client")]
        impl #name {
            pub(crate) fn new(client: crate::client::Client) -> Self {
                Self { client, input: ::std::default::Default::default() }
            }

            /// The input as set so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.input
            }

            /// Builds the input and calls the operation. Missing required members (all named)
            /// and broken constraints (all listed) fail before anything is sent.
            pub async fn send(self) -> ::std::result::Result<#output, #error> {
                let input = self.input.build().map_err(crate::error::ClientError::Build)?;
                #api::#method(&self.client, input).await
            }

            #into_paginator
            #(#delegates)*
        }
    }
}

/// `crate::operation::<op>::paginator::<Op>Paginator`.
fn paginator_path(op: &Operation) -> TokenStream {
    let module = ident(&op.module);
    let name = ident(&op.paginator);
    quote!(crate::operation::#module::paginator::#name)
}

/// `into_paginator()`: the pages as a stream, and with a declared items member, the items.
pub(super) fn paginator(ir: &Ir, op: &Operation, pagination: &Pagination) -> TokenStream {
    let name = ident(&op.paginator);
    let builder = fluent_path(op);
    let output = type_path(ir, &op.output);
    let error = error_enum_path(op);
    let input_token = ident(&member(ir, &op.input, &pagination.input_token).setter);
    let output_member = |name| member(ir, &op.output, name);
    let token = output_member(&pagination.output_token);
    let token_field = ident(&token.name);
    let read_token = if token.required {
        quote!(::std::option::Option::Some(page.#token_field.as_str()))
    } else {
        quote!(page.#token_field.as_deref())
    };
    let doc = format!(
        " The pages of `{}`, each request sent with the previous page's `{}` as `{}`.",
        op.name.wire, pagination.output_token.wire, pagination.input_token.wire
    );
    let page_size = pagination.page_size.as_ref().map(|size| {
        let size_member = member(ir, &op.input, size);
        let setter = ident(&size_member.setter);
        let ty = rust_type(ir, &size_member.ty);
        let doc = format!(" Sets `{}`, the page size, on every request.", size.wire);
        quote! {
            #[doc = #doc]
            pub fn page_size(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                self.builder = self.builder.#setter(value);
                self
            }
        }
    });
    // Only a list of items can be flattened into a stream of items.
    let items = pagination
        .items
        .as_ref()
        .map(output_member)
        .and_then(|member| {
            let RefKind::List {
                member: item,
                sparse,
            } = &member.ty.kind
            else {
                return None;
            };
            let item = sparse_type(ir, item, *sparse);
            let field = ident(&member.name);
            let take = if member.required {
                quote!(page.#field)
            } else {
                quote!(page.#field.unwrap_or_default())
            };
            let doc = format!(
                " The items of every page (`{}`); `send()` starts the stream.",
                member.name.wire
            );
            Some(quote! {
                #[doc = #doc]
                pub fn items(self) -> crate::client::ItemPaginator<#item, #output, #error> {
                    crate::client::ItemPaginator::new(self.send(), |page: #output| #take)
                }
            })
        });
    quote! {
        #[doc = #doc]
        ///
        /// The stream ends after a page without a next token, with an empty one, or with the
        /// token that requested it; and after an error, which it yields.
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #name {
            builder: #builder,
        }

        impl #name {
            pub(crate) fn new(builder: #builder) -> Self {
                Self { builder }
            }

            #page_size

            /// The stream of pages; requests are sent as it is polled.
            pub fn send(self) -> crate::client::PageStream<#output, #error> {
                let builder = self.builder;
                crate::client::PageStream::new(
                    move |token| {
                        let request = match token {
                            ::std::option::Option::Some(token) => ::std::clone::Clone::clone(&builder).#input_token(token),
                            ::std::option::Option::None => ::std::clone::Clone::clone(&builder),
                        };
                        ::std::boxed::Box::pin(request.send())
                    },
                    |page: &#output| #read_token,
                )
            }

            #items
        }
    }
}

/// A member named by the pagination, which lowering resolved against the structure.
fn member<'a>(ir: &'a Ir, structure: &ShapeId, name: &Name) -> &'a Member {
    let members = &ir.structure(structure).members;
    members
        .iter()
        .find(|m| m.name.ident == name.ident)
        .expect("pagination members are resolved in lowering")
}
