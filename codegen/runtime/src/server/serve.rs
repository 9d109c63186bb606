//! A plain HTTP/1.1 server for a [`Router`], with graceful shutdown.

use super::Dispatch;
use super::router::Router;
use ::hyper::server::conn::http1;
use ::hyper_util::rt::{TokioIo, TokioTimer};
use ::hyper_util::server::graceful::GracefulShutdown;
use ::std::convert::Infallible;
use ::std::future::Future;
use ::std::io;
use ::std::result::Result::{Err, Ok};
use ::std::time::Duration;
use ::tokio::net::TcpListener;
use ::tokio::task::JoinSet;

/// Pause after an accept error that is not about one connection (e.g. out of
/// file descriptors), so the loop does not spin while resources come back.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// Serves `router` on `listener` until `shutdown` completes.
///
/// Each connection runs on its own task, so a slow or misbehaving client
/// holds up no other. Request heads must arrive within hyper's 30 s header
/// timeout. Accept errors are never fatal: the server keeps serving.
///
/// On shutdown it stops accepting, lets requests in flight finish while idle
/// keep-alive connections close, and returns once all connections are done or
/// [`ServerConfig::shutdown_timeout`](super::ServerConfig::shutdown_timeout)
/// has passed, dropping whatever is still open then.
pub async fn serve<D: Dispatch>(
    listener: TcpListener,
    router: Router<D>,
    shutdown: impl Future<Output = ()> + Send,
) {
    let mut shutdown = ::std::pin::pin!(shutdown);
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    let mut http = http1::Builder::new();
    // A timer turns on hyper's default header read timeout (slowloris guard).
    http.timer(TokioTimer::new());
    loop {
        // Reap finished connections so the set stays as large as the open ones.
        while connections.try_join_next().is_some() {}
        let stream = ::tokio::select! {
            biased;
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    if !is_per_connection(&error) {
                        ::tokio::time::sleep(ACCEPT_BACKOFF).await;
                    }
                    continue;
                }
            },
        };
        // Responses are small and written at once: do not let Nagle hold them.
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = ::hyper::service::service_fn(move |request| {
            let router = router.clone();
            async move { Ok::<_, Infallible>(router.handle(request).await) }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        connections.spawn(async move {
            // A connection's I/O error concerns that client only.
            let _ = connection.await;
        });
    }
    drop(listener);
    let grace = router.config().shutdown_timeout;
    let _ = ::tokio::time::timeout(grace, graceful.shutdown()).await;
    connections.shutdown().await;
}

/// Errors that end one pending connection rather than signal a starved server.
fn is_per_connection(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}
