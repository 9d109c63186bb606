//! One call with the generated client, to compare its build with the AWS SDK's.

#[tokio::main]
async fn main() {
    #[cfg(not(feature = "aws-config"))]
    let client = workspaces::client::Client::from_env();
    #[cfg(feature = "aws-config")]
    let client = workspaces::client::Client::load_from_env().await;
    match client.describe_workspaces_pools().send().await {
        Ok(output) => println!("{} pools", output.workspaces_pools.unwrap_or_default().len()),
        Err(error) => eprintln!("{error}"),
    }
}
