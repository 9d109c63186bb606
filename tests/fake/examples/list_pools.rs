//! Lists the WorkSpaces Pools of an account, or of any endpoint that speaks the API.
//!
//! ```text
//! cargo run --example list_pools -- --region us-east-1
//! cargo run --example list_pools -- --region us-east-1 --endpoint-url http://127.0.0.1:4566
//! ```
//!
//! Built with `--features aws-config`, credentials and region are found as the AWS
//! CLI finds them (environment, `~/.aws/config` and `~/.aws/credentials` with
//! `AWS_PROFILE`, SSO, `credential_process`, container and instance credentials);
//! without it, from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`
//! and `AWS_REGION`. The flags override region and endpoint (else `AWS_ENDPOINT_URL`).
//! A local fake accepts any credentials.

use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    use workspaces::client::{Client, Config};

    #[cfg(feature = "aws-config")]
    let mut config = Config::load_from_env().await.to_builder();
    #[cfg(not(feature = "aws-config"))]
    let mut config = Config::from_env().to_builder();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next();
        config = match (flag.as_str(), value) {
            ("--region", Some(region)) => config.region(region),
            ("--endpoint-url", Some(url)) => config.endpoint_url(url),
            _ => {
                eprintln!("usage: list_pools [--region REGION] [--endpoint-url URL]");
                return ExitCode::from(2);
            }
        };
    }
    let client = Client::new(config.build());
    let mut pools = client
        .describe_workspaces_pools()
        .into_paginator()
        .items()
        .send();
    let mut count = 0;
    while let Some(pool) = pools.next().await {
        match pool {
            Ok(pool) => {
                count += 1;
                println!(
                    "{}\t{}\t{}",
                    pool.pool_id,
                    pool.state.as_str(),
                    pool.pool_name
                );
            }
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    eprintln!("{count} pool{}", if count == 1 { "" } else { "s" });
    ExitCode::SUCCESS
}
