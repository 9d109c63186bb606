//! One call with aws-sdk-workspaces, to compare its build with the generated client's.

use aws_sdk_workspaces::config::{BehaviorVersion, Region};

#[tokio::main]
async fn main() {
    let region = std::env::var("AWS_REGION").unwrap_or_else(|_| "us-east-1".to_owned());
    let config = aws_sdk_workspaces::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region))
        .build();
    let client = aws_sdk_workspaces::Client::from_conf(config);
    match client.describe_workspaces_pools().send().await {
        Ok(output) => println!("{} pools", output.workspaces_pools().len()),
        Err(error) => eprintln!("{error}"),
    }
}
