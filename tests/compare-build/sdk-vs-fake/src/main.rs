//! The official SDK (`aws-sdk-workspaces` from crates.io) against the local fake, unchanged
//! but for the endpoint URL: `cargo run --manifest-path tests/compare-build/sdk-vs-fake/Cargo.toml -- http://127.0.0.1:4566`
//! with `cargo run --release --bin workspaces-fake -- --port 4566` running. Not part of the
//! test command (the SDK takes a minute and a half to build).

use aws_sdk_workspaces::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_workspaces::types::{Capacity, DescribeWorkspacesPoolsFilter, DescribeWorkspacesPoolsFilterName, DescribeWorkspacesPoolsFilterOperator};

#[tokio::main]
async fn main() {
    let endpoint = std::env::args().nth(1).expect("endpoint url");
    let config = aws_sdk_workspaces::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "static"))
        .endpoint_url(endpoint)
        .build();
    let client = aws_sdk_workspaces::Client::from_conf(config);
    let created = client.create_workspaces_pool().pool_name("sdk-pool").description("from aws-sdk-workspaces")
        .bundle_id("wsb-0123456789").directory_id("wsd-0123456789")
        .capacity(Capacity::builder().desired_user_sessions(3).build().unwrap())
        .send().await.expect("create");
    let pool = created.workspaces_pool().expect("pool");
    println!("created {} {:?} {:?}", pool.pool_id(), pool.state(), pool.capacity_status());
    let dup = client.create_workspaces_pool().pool_name("sdk-pool").description("d")
        .bundle_id("wsb-0123456789").directory_id("wsd-0123456789")
        .capacity(Capacity::builder().desired_user_sessions(3).build().unwrap()).send().await;
    println!("duplicate: {:?}", dup.err().map(|e| e.into_service_error().to_string()));
    let updated = client.update_workspaces_pool().pool_id(pool.pool_id()).description("updated").send().await.expect("update");
    println!("updated description {:?}", updated.workspaces_pool().and_then(|p| p.description()));
    let listed = client.describe_workspaces_pools()
        .filters(DescribeWorkspacesPoolsFilter::builder().name(DescribeWorkspacesPoolsFilterName::Poolname)
            .values("sdk").operator(DescribeWorkspacesPoolsFilterOperator::Contains).build().unwrap())
        .send().await.expect("describe");
    println!("listed {} pools", listed.workspaces_pools().len());
    let missing = client.update_workspaces_pool().pool_id("wspool-zzzzzzzzz").send().await;
    println!("unknown id: {:?}", missing.err().map(|e| e.into_service_error().to_string()));
    let bad = client.create_workspaces_pool().pool_name("bad name!").description("d").bundle_id("wsb-0123456789").directory_id("wsd-0123456789")
        .capacity(Capacity::builder().desired_user_sessions(3).build().unwrap()).send().await;
    println!("invalid: {:?}", bad.err().map(|e| e.into_service_error().to_string()));
}
