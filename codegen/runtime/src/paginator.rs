//! Paginators: a [`PageStream`] sends one request per page as it is polled,
//! passing each page's next token to the following request, and an
//! [`ItemStream`] flattens the pages into their items.
//!
//! Both are [`futures_core::Stream`]s, and have `next` and `try_collect` of their
//! own so that no stream utility crate is needed.

use ::std::boxed::Box;
use ::std::future::{Future, poll_fn};
use ::std::option::Option::{self, None, Some};
use ::std::pin::Pin;
use ::std::result::Result::{self, Err, Ok};
use ::std::string::String;
use ::std::task::{Context, Poll, ready};
use ::std::vec::Vec;

/// The request for one page.
pub type PageFuture<P, E> = Pin<Box<dyn Future<Output = Result<P, E>> + Send>>;

/// Starts the request for a page: `None` for the first (the input's own token),
/// else the token the previous page returned.
type Fetch<P, E> = Box<dyn FnMut(Option<String>) -> PageFuture<P, E> + Send>;

/// The pages of a paginated operation, fetched one at a time as the stream is polled.
///
/// Ends after a page without a next token, with an empty one, or with the token
/// that requested it (a service that would loop forever); ends after an error too.
pub struct PageStream<P, E> {
    fetch: Fetch<P, E>,
    next_token: fn(&P) -> Option<&str>,
    /// The token sent for the page in flight or the next one.
    token: Option<String>,
    in_flight: Option<PageFuture<P, E>>,
    done: bool,
}

impl<P, E> PageStream<P, E> {
    /// A stream that fetches pages with `fetch` and reads each page's next token with `next_token`.
    pub fn new(
        fetch: impl FnMut(Option<String>) -> PageFuture<P, E> + Send + 'static,
        next_token: fn(&P) -> Option<&str>,
    ) -> Self {
        PageStream {
            fetch: Box::new(fetch),
            next_token,
            token: None,
            in_flight: None,
            done: false,
        }
    }

    /// The next page, or `None` after the last.
    pub async fn next(&mut self) -> Option<Result<P, E>> {
        poll_fn(|cx| self.poll_page(cx)).await
    }

    /// Every page, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<P>, E> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<P, E>>> {
        if self.done {
            return Poll::Ready(None);
        }
        let fetch = &mut self.fetch;
        let token = &self.token;
        let request = self.in_flight.get_or_insert_with(|| fetch(token.clone()));
        let result = ready!(request.as_mut().poll(cx));
        self.in_flight = None;
        match &result {
            Ok(page) => match (self.next_token)(page) {
                Some(next) if !next.is_empty() && self.token.as_deref() != Some(next) => {
                    self.token = Some(String::from(next));
                }
                _ => self.done = true,
            },
            Err(_) => self.done = true,
        }
        Poll::Ready(Some(result))
    }
}

impl<P, E> ::futures_core::Stream for PageStream<P, E> {
    type Item = Result<P, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

impl<P, E> ::std::fmt::Debug for PageStream<P, E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("PageStream")
            .field("token", &self.token)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// The items of a paginated operation, not yet requested: [`send`](Self::send) starts the stream.
pub struct ItemPaginator<T, P, E> {
    pages: PageStream<P, E>,
    items: fn(P) -> Vec<T>,
}

impl<T, P, E> ItemPaginator<T, P, E> {
    /// Items taken from each page of `pages` by `items`.
    pub fn new(pages: PageStream<P, E>, items: fn(P) -> Vec<T>) -> Self {
        ItemPaginator { pages, items }
    }

    /// The stream of items; requests are sent as it is polled.
    pub fn send(self) -> ItemStream<T, P, E> {
        ItemStream {
            pages: self.pages,
            items: self.items,
            buffered: Vec::new().into_iter(),
        }
    }
}

/// The items of every page in order; a failed page request ends it with that error.
pub struct ItemStream<T, P, E> {
    pages: PageStream<P, E>,
    items: fn(P) -> Vec<T>,
    buffered: ::std::vec::IntoIter<T>,
}

// Nothing is pinned in place: the page future is boxed and items are moved out.
impl<T, P, E> Unpin for ItemStream<T, P, E> {}

impl<T, P, E> ItemStream<T, P, E> {
    /// The next item, or `None` after the last page.
    pub async fn next(&mut self) -> Option<Result<T, E>> {
        poll_fn(|cx| self.poll_item(cx)).await
    }

    /// Every item, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<T>, E> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, E>>> {
        // Each turn consumes a page, and the page stream ends, so this ends.
        loop {
            if let Some(item) = self.buffered.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(self.pages.poll_page(cx)) {
                Some(Ok(page)) => self.buffered = (self.items)(page).into_iter(),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => return Poll::Ready(None),
            }
        }
    }
}

impl<T, P, E> ::futures_core::Stream for ItemStream<T, P, E> {
    type Item = Result<T, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

impl<T, P, E> ::std::fmt::Debug for ItemStream<T, P, E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("ItemStream")
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}

impl<T, P, E> ::std::fmt::Debug for ItemPaginator<T, P, E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("ItemPaginator")
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}
