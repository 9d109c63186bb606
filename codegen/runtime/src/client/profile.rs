//! The shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`)
//! as `aws configure` writes them: the static keys and the region of one profile.
//!
//! Profiles that get credentials another way (`role_arn`, `sso_*`,
//! `credential_process`, …) need the `aws-config` feature; here they give none.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The properties of one profile: `key = value` lines of its section.
pub(super) type Profile = BTreeMap<String, String>;

/// Which file a profile comes from: their section headers differ.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum FileKind {
    /// `[default]`, `[profile NAME]` (and `[profile default]`).
    Config,
    /// `[NAME]`.
    Credentials,
}

/// The properties of profile `name` in `text`, merged over every section of that
/// name (later lines win, as in the AWS SDKs); `None` when there is no such section.
///
/// Lines starting with `#` or `;` are comments, as is the rest of a value after a
/// `#` or `;` preceded by whitespace. Indented lines continue the previous property
/// (nested settings such as `s3 =`) and are skipped; so are lines that are not
/// `key = value` and sections of the wrong form for the file.
pub(super) fn profile(text: &str, kind: FileKind, name: &str) -> Option<Profile> {
    let mut found: Option<Profile> = None;
    let mut in_profile = false;
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let line = line.trim();
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            let header = header
                .split_once(']')
                .map_or("", |(inside, _)| inside)
                .trim();
            in_profile = section_is(header, kind, name);
            if in_profile {
                found.get_or_insert_with(Profile::new);
            }
            continue;
        }
        if !in_profile {
            continue;
        }
        let (Some(profile), Some((key, value))) = (found.as_mut(), line.split_once('=')) else {
            continue;
        };
        profile.insert(key.trim().to_owned(), without_comment(value).to_owned());
    }
    found
}

fn section_is(header: &str, kind: FileKind, name: &str) -> bool {
    match kind {
        FileKind::Credentials => header == name,
        FileKind::Config => match header.strip_prefix("profile") {
            Some(rest) if rest.starts_with([' ', '\t']) => rest.trim() == name,
            _ => header == "default" && name == "default",
        },
    }
}

fn without_comment(value: &str) -> &str {
    let end = value
        .char_indices()
        .find(|&(at, c)| matches!(c, '#' | ';') && value[..at].ends_with(char::is_whitespace))
        .map_or(value.len(), |(at, _)| at);
    value[..end].trim()
}

/// Where the two files are: `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`,
/// else `.aws/config` and `.aws/credentials` in the home directory (`HOME`, else
/// `USERPROFILE`). A leading `~/` in a variable is the home directory too.
pub(super) fn file_path(
    lookup: &dyn Fn(&str) -> Option<String>,
    kind: FileKind,
) -> Option<PathBuf> {
    let home = || {
        lookup("HOME")
            .or_else(|| lookup("USERPROFILE"))
            .map(PathBuf::from)
    };
    let (variable, default) = match kind {
        FileKind::Config => ("AWS_CONFIG_FILE", ".aws/config"),
        FileKind::Credentials => ("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials"),
    };
    match lookup(variable) {
        Some(path) => match path.strip_prefix("~/") {
            Some(rest) => Some(home()?.join(rest)),
            None => Some(PathBuf::from(path)),
        },
        None => Some(home()?.join(default)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "\
# written by aws configure
[default]
region = us-east-1

[profile dev]
region = eu-west-3 ; Paris
output=json
s3 =
  max_concurrent_requests = 20
[profile  spaced ]
region=ap-south-1
[dev]
region = not-a-config-profile
[profile dev]
output = text
";

    const CREDENTIALS: &str = "\
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = secret#with-hash
[dev]
aws_access_key_id=AKIDDEV
aws_secret_access_key=s
aws_session_token = token # a comment
; [ignored]
";

    fn get(text: &str, kind: FileKind, name: &str) -> Vec<(String, String)> {
        profile(text, kind, name)
            .unwrap_or_default()
            .into_iter()
            .collect()
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn config_sections_are_default_and_profile_name() {
        assert_eq!(
            get(CONFIG, FileKind::Config, "default"),
            pairs(&[("region", "us-east-1")])
        );
        assert_eq!(
            get(CONFIG, FileKind::Config, "dev"),
            pairs(&[("output", "text"), ("region", "eu-west-3"), ("s3", "")])
        );
        assert_eq!(
            get(CONFIG, FileKind::Config, "spaced"),
            pairs(&[("region", "ap-south-1")])
        );
        assert!(profile(CONFIG, FileKind::Config, "missing").is_none());
    }

    #[test]
    fn credentials_sections_are_bare_names() {
        assert_eq!(
            get(CREDENTIALS, FileKind::Credentials, "default"),
            pairs(&[
                ("aws_access_key_id", "AKIDDEFAULT"),
                ("aws_secret_access_key", "secret#with-hash")
            ])
        );
        assert_eq!(
            get(CREDENTIALS, FileKind::Credentials, "dev"),
            pairs(&[
                ("aws_access_key_id", "AKIDDEV"),
                ("aws_secret_access_key", "s"),
                ("aws_session_token", "token")
            ])
        );
        assert!(profile(CREDENTIALS, FileKind::Credentials, "ignored").is_none());
        assert!(profile(CONFIG, FileKind::Credentials, "profile dev").is_some());
    }

    #[test]
    fn malformed_lines_are_skipped_not_fatal() {
        let text = "[default\nregion = a\n[]\n=\nnot a property\n[default]\nregion = b\n";
        assert_eq!(
            get(text, FileKind::Credentials, "default"),
            pairs(&[("region", "b")])
        );
    }

    #[test]
    fn file_paths_from_variables_or_home() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let home = vars(&[("HOME", "/home/u")]);
        assert_eq!(
            file_path(&home, FileKind::Config),
            Some(PathBuf::from("/home/u/.aws/config"))
        );
        assert_eq!(
            file_path(&home, FileKind::Credentials),
            Some(PathBuf::from("/home/u/.aws/credentials"))
        );
        let set = vars(&[
            ("USERPROFILE", "C:/u"),
            ("AWS_CONFIG_FILE", "~/c"),
            ("AWS_SHARED_CREDENTIALS_FILE", "/k"),
        ]);
        assert_eq!(
            file_path(&set, FileKind::Config),
            Some(PathBuf::from("C:/u/c"))
        );
        assert_eq!(
            file_path(&set, FileKind::Credentials),
            Some(PathBuf::from("/k"))
        );
        assert_eq!(file_path(&vars(&[]), FileKind::Config), None);
    }
}
