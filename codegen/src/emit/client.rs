//! The `client` module (cargo feature `client`): `Client`, which implements the API
//! trait over the runtime's `rt::client` (endpoints, SigV4, retries, timeouts), one
//! fluent builder per operation as in the AWS SDKs, and paginators.
//!
//! Each call validates its input with the lenient policy and sends nothing if it
//! breaks a constraint; the codec is the `protocol` module's, so the client is the
//! same for every protocol but for the error code used to decide retries.

use super::structures::{Setter, setters};
use super::{doc_attrs, ident, module_path, rust_type, sparse_type, type_path};
use crate::ir::{Ir, Member, Operation, Pagination, RefKind};
use crate::names::Name;
use crate::output::RustFile;
use crate::smithy::ShapeId;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// Methods of a fluent builder besides its setters; a member setter of the same name is left out.
const FLUENT_METHODS: &[&str] = &["send", "as_input", "into_paginator"];

pub(super) fn emit(ir: &Ir) -> RustFile {
    let mut file = RustFile::new("src/client.rs".to_owned());
    file.inner_doc(&format!(
        "The {sdk} client: `Client::from_env()`, then `client.<operation>().<member>(…).send().await`.\n\n\
         `Client` implements [`{api}`], so code written against \
         `Arc<dyn {api}>` takes the client or a test double. Inputs are checked against the model's \
         constraints before sending: every violation is listed in `ClientError::Validation` and nothing \
         is sent. Requests are signed with SigV4 and retried in the standard mode.",
        sdk = ir.service.sdk_id,
        api = ir.service.api_trait.ident,
    ));
    file.push("Client", client(ir));
    for op in &ir.operations {
        file.push(&op.name.wire, fluent_builder(ir, op));
        if let Some(pagination) = &op.pagination {
            file.push(&op.name.wire, paginator(ir, op, pagination));
        }
    }
    file
}

/// `CreateWorkspacesPoolFluentBuilder`: named after the operation, like the AWS SDKs'.
fn fluent_name(op: &Operation) -> Ident {
    ident(&op.fluent_builder)
}

fn paginator_name(op: &Operation) -> Ident {
    ident(&op.paginator)
}

/// The re-exports, the service spec, `Client`, and its API trait implementation.
fn client(ir: &Ir) -> TokenStream {
    let api = ident(&ir.service.api_trait);
    let signing_name = &ir.service.signing_name;
    let endpoint_prefix = &ir.service.endpoint_prefix;
    let client_doc = format!(
        " A {} client: cheap to clone, usable from many tasks at once. Needs a tokio runtime.",
        ir.service.sdk_id
    );
    let methods = ir.operations.iter().map(|op| {
        let method = ident(&op.method);
        let input = type_path(ir, &op.input);
        let output = type_path(ir, &op.output);
        let error = ident(&op.error_enum);
        let wire = &op.name.wire;
        let serialize = ident(&op.codec.serialize_request);
        let parse = ident(&op.codec.parse_response);
        quote! {
            fn #method(&self, input: #input) -> crate::api::BoxFuture<'_, ::std::result::Result<#output, crate::error::#error>> {
                ::std::boxed::Box::pin(self.call(#wire, input, crate::protocol::#serialize, crate::protocol::#parse))
            }
        }
    });
    let starts = ir.operations.iter().map(|op| {
        let method = ident(&op.method);
        let builder = fluent_name(op);
        let docs = doc_attrs(&op.docs);
        quote! {
            #docs
            pub fn #method(&self) -> #builder {
                #builder { client: ::std::clone::Clone::clone(self), input: ::std::default::Default::default() }
            }
        }
    });
    quote! {
        pub use crate::rt::client::{
            Config, ConfigBuilder, Credentials, DispatchError, EndpointError, HttpTransport, HyperTransport,
            InMemoryTransport, RetryConfig, TransportError, TransportErrorKind, TransportFuture,
        };
        pub use crate::rt::paginator::{ItemPaginator, ItemStream, PageFuture, PageStream};
        use crate::api::#api;
        use crate::error::ClientError;
        use crate::rt::client::{ClientRuntime, ServiceSpec};

        /// What the runtime needs to know of the service.
        static SPEC: ServiceSpec = ServiceSpec {
            signing_name: #signing_name,
            endpoint_prefix: #endpoint_prefix,
            target_prefix: crate::protocol::TARGET_PREFIX,
            content_type: crate::protocol::CONTENT_TYPE,
            error_code,
        };

        /// The error code of a response, for the retry decision (throttling is retried).
        fn error_code(headers: &::http::HeaderMap, body: &[u8]) -> ::std::option::Option<::std::string::String> {
            // The status is not part of the code; any will do.
            crate::rt::json::error_metadata(0, headers, body).code().map(::std::borrow::ToOwned::to_owned)
        }

        #[doc = #client_doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct Client {
            runtime: ClientRuntime,
        }

        impl Client {
            /// A client with `config`; builds the default HTTPS transport unless it has one.
            pub fn new(config: Config) -> Self {
                Client { runtime: ClientRuntime::new(config, &SPEC) }
            }

            /// The same as [`Client::new`], under the AWS SDKs' name.
            pub fn from_conf(config: Config) -> Self {
                Self::new(config)
            }

            /// A client configured from the standard `AWS_*` environment variables ([`Config::from_env`]).
            pub fn from_env() -> Self {
                Self::new(Config::from_env())
            }

            /// The configuration this client was created with.
            pub fn config(&self) -> &Config {
                self.runtime.config()
            }

            /// One call: check `input` (nothing is sent if it is invalid), send its body
            /// as `operation`, and read the response whatever its `Content-Type`.
            async fn call<I: crate::validation::Validate, O, E: ::std::convert::From<ClientError>>(
                &self,
                operation: &'static str,
                input: I,
                serialize: fn(&I) -> ::http::Request<::std::vec::Vec<u8>>,
                parse: fn(u16, &::http::HeaderMap, &[u8]) -> ::std::result::Result<O, E>,
            ) -> ::std::result::Result<O, E> {
                crate::validation::validate(&input, crate::validation::Policy::Lenient).map_err(ClientError::Validation)?;
                // The runtime writes the method, URI and headers itself; only the body is taken.
                let body = ::bytes::Bytes::from(serialize(&input).into_body());
                let response = self.runtime.send(operation, body).await.map_err(ClientError::Dispatch)?;
                parse(response.status().as_u16(), response.headers(), response.body())
            }

            #(#starts)*
        }

        impl #api for Client {
            #(#methods)*
        }
    }
}

/// `client.<operation>()`: the input builder's setters, and `send`.
fn fluent_builder(ir: &Ir, op: &Operation) -> TokenStream {
    let name = fluent_name(op);
    let method = ident(&op.method);
    let api = ident(&ir.service.api_trait);
    let input_builder = module_path(ir.type_def(&op.input).module, &ir.structure(&op.input).builder);
    let output = type_path(ir, &op.output);
    let error = ident(&op.error_enum);
    let doc = format!(
        " Builds and sends `{}`: set members, then `send().await`. Start one with [`Client::{}`].",
        op.name.wire,
        op.method.unraw()
    );
    let delegates = ir
        .structure(&op.input)
        .members
        .iter()
        .flat_map(|m| setters(ir, m))
        .filter(|s| !FLUENT_METHODS.contains(&s.name.to_string().as_str()))
        .map(|Setter { docs, name, params, args, .. }| {
            quote! {
                #docs
                pub fn #name(mut self, #params) -> Self {
                    self.input = self.input.#name(#args);
                    self
                }
            }
        });
    let into_paginator = op.pagination.as_ref().map(|_| {
        let paginator = paginator_name(op);
        let doc = format!(" Pages through the results from this input on: see [`{paginator}`].");
        quote! {
            #[doc = #doc]
            pub fn into_paginator(self) -> #paginator {
                #paginator { builder: self }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #name {
            client: Client,
            input: #input_builder,
        }

        impl #name {
            /// The input as set so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.input
            }

            /// Builds the input and calls the operation. Missing required members (all named)
            /// and broken constraints (all listed) fail before anything is sent.
            pub async fn send(self) -> ::std::result::Result<#output, crate::error::#error> {
                let input = self.input.build().map_err(ClientError::Build)?;
                #api::#method(&self.client, input).await
            }

            #into_paginator
            #(#delegates)*
        }
    }
}

/// `into_paginator()`: the pages as a stream, and with a declared items member, the items.
fn paginator(ir: &Ir, op: &Operation, pagination: &Pagination) -> TokenStream {
    let name = paginator_name(op);
    let builder = fluent_name(op);
    let output = type_path(ir, &op.output);
    let error = ident(&op.error_enum);
    let input_token = ident(&pagination.input_token);
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
        let setter = ident(size);
        let ty = rust_type(ir, &member(ir, &op.input, size).ty);
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
    let items = pagination.items.as_ref().map(output_member).and_then(|member| {
        let RefKind::List { member: item, sparse } = &member.ty.kind else { return None };
        let item = sparse_type(ir, item, *sparse);
        let field = ident(&member.name);
        let take = if member.required { quote!(page.#field) } else { quote!(page.#field.unwrap_or_default()) };
        let doc = format!(" The items of every page (`{}`); `send()` starts the stream.", member.name.wire);
        Some(quote! {
            #[doc = #doc]
            pub fn items(self) -> ItemPaginator<#item, #output, crate::error::#error> {
                ItemPaginator::new(self.send(), |page: #output| #take)
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
            #page_size

            /// The stream of pages; requests are sent as it is polled.
            pub fn send(self) -> PageStream<#output, crate::error::#error> {
                let builder = self.builder;
                PageStream::new(
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
    members.iter().find(|m| m.name.ident == name.ident).expect("pagination members are resolved in lowering")
}
