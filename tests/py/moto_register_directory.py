"""Registers a WorkSpaces directory on a running moto server and prints its id.

Usage: moto_register_directory.py ENDPOINT_URL

moto's CreateWorkspaces accepts only directories registered with WorkSpaces, and
registering needs a Directory Service directory, which needs a VPC with two subnets in
different availability zones. Credentials and region match the Rust client's, so that
moto keeps everything in the same account and region backend.
"""

import sys

import boto3


def main():
    session = boto3.session.Session(
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        region_name="us-east-1",
    )
    endpoint = sys.argv[1]
    ec2 = session.client("ec2", endpoint_url=endpoint)
    ds = session.client("ds", endpoint_url=endpoint)
    workspaces = session.client("workspaces", endpoint_url=endpoint)

    vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet_ids = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=cidr, AvailabilityZone=zone)["Subnet"][
            "SubnetId"
        ]
        for cidr, zone in [("10.0.1.0/24", "us-east-1a"), ("10.0.2.0/24", "us-east-1b")]
    ]
    directory_id = ds.create_directory(
        Name="corp.example.com",
        Password="Passw0rd!Example",
        Size="Small",
        VpcSettings={"VpcId": vpc_id, "SubnetIds": subnet_ids},
    )["DirectoryId"]
    workspaces.register_workspace_directory(DirectoryId=directory_id, SubnetIds=subnet_ids)
    print(directory_id)


if __name__ == "__main__":
    main()
