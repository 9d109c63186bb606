//! One call with aws-sdk-workspaces, to compare its build with the generated client's.

#[tokio::main]
async fn main() {
    #[cfg(not(feature = "aws-config"))]
    let client = {
        use aws_sdk_workspaces::config::{BehaviorVersion, Region};
        let region = std::env::var("AWS_REGION").unwrap_or_else(|_| "us-east-1".to_owned());
        let config = aws_sdk_workspaces::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(region))
            .build();
        aws_sdk_workspaces::Client::from_conf(config)
    };
    #[cfg(feature = "aws-config")]
    let client = aws_sdk_workspaces::Client::new(
        &aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await,
    );
    match client.describe_workspaces_pools().send().await {
        Ok(output) => println!("{} pools", output.workspaces_pools().len()),
        Err(error) => eprintln!("{error}"),
    }
}
